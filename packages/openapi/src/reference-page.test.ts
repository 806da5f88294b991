// The opt-in document route and API reference page, served from the router's own server: the
// document over HTTP, then the Swagger UI page in Debian's headless Chromium (playwright-core),
// listing every route. On CI (CI=true) a missing /usr/bin/chromium fails the test; elsewhere it skips.
import {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chromiumCheck, hasChromium, launchChromium, onCI} from '../../../test/shared/chromium.js';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createRouter} from '@hookline/router';
import {openApiResponder, withOpenApi} from './index.js';
import {exampleRouter} from './test-support/example-api.js';

const routeIds = [
    'health',
    'api/users/me',
    'api/users/getUser',
    'api/pets/list',
    'api/pets/add',
    'api/pets/ageInDays',
    'api/pets/activity',
    'api/broken',
];

describe('withOpenApi: the document and the reference page from the same server', () => {
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(withOpenApi(exampleRouter(), {title: 'Example API', version: '1.0.0', reference: true}));
    });
    afterAll(() => server?.close());

    it('serves the document at /@openapi.json, and the routes as before', async () => {
        const res = await fetch(`${server.url}/@openapi.json`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        const doc = (await res.json()) as {info: unknown; paths: Record<string, unknown>};
        expect(doc.info).toEqual({title: 'Example API', version: '1.0.0'});
        expect(Object.keys(doc.paths)).toEqual(routeIds.map((id) => `/${id}`));
        const health = await fetch(`${server.url}/health`, {method: 'POST'});
        expect(((await health.json()) as {health: {ok: boolean}}).health.ok).toBe(true);
        expect((await fetch(`${server.url}/@openapi.json`, {method: 'POST'})).status).toBe(405);
        expect((await fetch(`${server.url}/@reference/nothing.js`)).status).toBe(404);
    });

    it('serves the page, its start script and the library files', async () => {
        const page = await fetch(`${server.url}/@reference`);
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const html = await page.text();
        expect(html).toContain('<title>Example API</title>');
        expect(html).toContain('src="/@reference/swagger-ui-bundle.js"');
        expect(await (await fetch(`${server.url}/@reference/start.js`)).text()).toContain('"/@openapi.json"');
        const bundle = await fetch(`${server.url}/@reference/swagger-ui-bundle.js`);
        expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        expect((await bundle.text()).length).toBeGreaterThan(100_000);
    });

    it('is off unless asked, follows the prefix, and leaves the router unchanged', async () => {
        const router = createRouter({prefix: 'v1'});
        const respond = openApiResponder(router, {path: '/openapi.json'});
        expect(respond({method: 'GET', path: '/v1/@reference', headers: {}})).toBeUndefined();
        expect(respond({method: 'GET', path: '/openapi.json', headers: {}})).toMatchObject({statusCode: 200});
        const viewed = withOpenApi(router);
        expect(await viewed.dispatch({method: 'GET', path: '/v1/@openapi.json', headers: {}})).toMatchObject({statusCode: 200});
        expect(await router.dispatch({method: 'GET', path: '/v1/@openapi.json', headers: {}})).toMatchObject({statusCode: 404});
    });
});

it('has Chromium at /usr/bin/chromium when CI=true (apt-get install chromium)', () => {
    chromiumCheck();
});

describe.skipIf(!hasChromium && !onCI)('the API reference page in headless Chromium', () => {
    let server: NodeServerHandle;
    let browser: Browser;
    beforeAll(async () => {
        server = await startNodeServer(withOpenApi(exampleRouter(), {title: 'Example API', version: '1.0.0', reference: true}));
        browser = await launchChromium();
    });
    afterAll(async () => {
        await browser?.close();
        await server?.close();
    });

    it('loads and lists every route', {timeout: 60_000}, async () => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${server.url}/@reference`);
        await page.waitForSelector('.opblock-summary-path', {timeout: 30_000});
        const title = await page.locator('.info .title').first().innerText();
        expect(title).toContain('Example API');
        const listed = await page.locator('.opblock-summary-path').allInnerTexts();
        for (const id of routeIds) expect(listed.map((t) => t.replace(/\u200b/g, '').trim())).toContain(`/${id}`);
        const methods = await page.locator('.opblock-summary-method').allInnerTexts();
        expect(methods.filter((m) => m === 'GET').length).toBe(4); // health, users/me, pets/list, broken
        expect(errors).toEqual([]);
        await page.close();
    });
});
