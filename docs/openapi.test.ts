// Runs docs/openapi.md: its example, the outputs it shows, and the claims it makes. The package's
// own tests (packages/openapi/src) cover the rest: the validator, the generated client over HTTP,
// the reference page in Chromium, the command, every kind of change.
import SwaggerParser from '@apidevtools/swagger-parser';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ApiChangeKind, compareApis, openApiDocument} from '@hookline/openapi';
import {document, router, served} from './examples/openapi.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();

const getBook = (): Record<string, any> => document.paths['/api/catalog/getBook']?.post as Record<string, any>;

checkPageBlocks('openapi.md', {
    'getBook-request': async () => {
        const {summary, description, tags, parameters, requestBody} = getBook();
        return {summary, description, tags, parameters, requestBody};
    },
    'getBook-404': async () => getBook().responses['404'],
    'book-schema': async () => document.components.schemas.Book,
});

describe('openapi.md', () => {
    it("writes a valid OpenAPI 3.1 document of the example, with the options' info and servers", async () => {
        await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
        expect(document.info).toEqual({title: 'Catalog', version: '1.0.0'});
        expect(document.servers).toEqual([{url: 'https://catalog.example.com'}]);
        expect(Object.keys(document.paths)).toEqual(['/api/health', '/api/catalog/getBook', '/api/catalog/search']);
        expect(Object.keys(document.paths['/api/health'] ?? {})).toEqual(['post', 'get']);
        expect(getBook().operationId).toBe('catalog_getBook');
        expect(document.paths['/api/health']?.get?.operationId).toBe('health_get');
    });

    it('makes limit optional (minItems 1 of 2) from the router, as the protocol does from the metadata for trailing undefined', () => {
        const search = document.paths['/api/catalog/search']?.post as Record<string, any>;
        expect(search.requestBody.content['application/json'].schema.properties['catalog/search']).toMatchObject({
            minItems: 1,
            maxItems: 2,
        });
        // From the metadata alone, `limit?: number` is not known to be optional.
        const fromMetadata = openApiDocument(router.getMetadata()).paths['/api/catalog/search']?.post as Record<string, any>;
        expect(fromMetadata.requestBody.content['application/json'].schema.properties['catalog/search'].minItems).toBe(2);
        // Without tags in its meta, a route is tagged with its parent's id.
        expect(document.paths['/api/health']?.post?.tags).toBeUndefined();
        expect(openApiDocument(router.getMetadata()).paths['/api/catalog/getBook']?.post?.tags).toEqual(['catalog']);
    });

    it('serves the document and the reference page from the served view, the router unchanged', async () => {
        const server = await serverOf(served);
        const doc = (await (await fetch(`${server.url}/api/@openapi.json`)).json()) as {info: unknown};
        expect(doc.info).toEqual({title: 'Catalog', version: '1.0.0'});
        const page = await fetch(`${server.url}/api/@reference`);
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await page.text()).not.toMatch(/<script>/);
        expect((await router.inject({method: 'GET', path: '/api/@openapi.json'})).statusCode).toBe(404);
        const health = await fetch(`${server.url}/api/health`);
        expect(await health.json()).toEqual({health: {ok: true}});
    });

    it('names every kind of change compareApis reports in its table', () => {
        const page = readFileSync(join(import.meta.dirname, 'openapi.md'), 'utf8');
        // Every kind, or this does not compile.
        const kinds = {
            'route-removed': true,
            'route-added': true,
            'route-moved': true,
            'get-removed': true,
            'get-added': true,
            'param-added': true,
            'param-removed': true,
            'param-made-required': true,
            'param-made-optional': true,
            'param-narrowed': true,
            'param-widened': true,
            'param-changed': true,
            'return-widened': true,
            'return-narrowed': true,
            'return-changed': true,
            'hook-added': true,
            'hook-removed': true,
            'error-added': true,
            'error-removed': true,
            'error-changed': true,
        } satisfies Record<ApiChangeKind, true>;
        for (const kind of Object.keys(kinds)) expect(page, kind).toContain(`\`${kind}\``);
        expect(compareApis(router, router)).toEqual([]);
    });
});
