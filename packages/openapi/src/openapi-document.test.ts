import SwaggerParser from '@apidevtools/swagger-parser';
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, hook, route, RpcError, Routes} from '@hookline/router';
import {openApiDocument, OpenApiDocument} from './index.js';
import {JsonSchema} from './schema-writer.js';
import {exampleRouter} from './test-support/example-api.js';

interface Tree {
    label: string;
    children: Tree[];
}
interface Address {
    street: string;
    zip?: string;
    note: string | undefined;
}
class Conflict extends RpcError<'conflict', {field: string}, 409> {}
class Locked extends RpcError<'locked', undefined, 409> {}

const routes = {
    tenant: hook((ctx: CallContext, tenant: string): string => tenant, {description: 'The tenant the call is for'}),
    region: headersHook('x-region', (ctx: CallContext, region: number): string => `r${region}`),
    shapes: {
        tree: (ctx: CallContext, depth?: number): Tree => ({label: 'root', children: []}),
        address: route((ctx: CallContext, a: Address, at: Date, strict: boolean = false): Address | null => a, {
            meta: {summary: 'Checks an address', tags: ['addresses'], deprecated: true},
        }),
        pick: (ctx: CallContext, kind: 'a' | 'b' | 1, value: string | number | null): {kind: 'a' | 'b' | 1} | Tree | string =>
            String(value ?? ''),
        save: (ctx: CallContext, name: string): void | Conflict | Locked => undefined,
    },
} satisfies Routes;

function testDocument(): OpenApiDocument {
    const router = createRouter();
    router.registerRoutes(routes);
    return openApiDocument(router, {title: 'Shapes', version: '2.0.0', servers: [{url: 'https://api.example.test'}]});
}

const bodyOf = (op: JsonSchema): JsonSchema =>
    ((op.requestBody as JsonSchema).content as Record<string, {schema: JsonSchema}>)['application/json']?.schema as JsonSchema;
const resultOf = (op: JsonSchema, status = '200'): JsonSchema =>
    ((op.responses as Record<string, JsonSchema>)[status]?.content as Record<string, {schema: JsonSchema}>)['application/json']
        ?.schema as JsonSchema;

describe('openApiDocument', () => {
    it('writes a document the validator accepts, for the example API and for every kind of type', async () => {
        for (const doc of [openApiDocument(exampleRouter(), {title: 'Example', version: '1.0.0'}), testDocument()]) {
            await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
            expect(doc.openapi).toBe('3.1.0');
        }
        // The validator is a real one: a broken document fails.
        const broken = {...testDocument(), paths: {'no-slash': {}}};
        await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
    });

    it('writes one POST per route at its URL path, and a GET where the route answers GET', () => {
        const doc = testDocument();
        expect(Object.keys(doc.paths)).toEqual(['/shapes/tree', '/shapes/address', '/shapes/pick', '/shapes/save']);
        expect(Object.keys(doc.paths['/shapes/tree'] ?? {})).toEqual(['post']); // the tenant hook takes body params
        const example = openApiDocument(exampleRouter());
        expect(Object.keys(example.paths['/health'] ?? {})).toEqual(['post', 'get']);
        expect(Object.keys(example.paths['/api/users/getUser'] ?? {})).toEqual(['post']);
        expect(example.paths['/api/users/me']?.get?.operationId).toBe('api_users_me_get');
        expect(example.paths['/api/users/me']?.get?.requestBody).toBeUndefined();
    });

    it("writes the request body in the protocol's shape: params as tuples under the route's and the hooks' ids", () => {
        const address = testDocument().paths['/shapes/address']?.post as JsonSchema;
        expect(bodyOf(address)).toEqual({
            type: 'object',
            properties: {
                tenant: {
                    type: 'array',
                    prefixItems: [{title: 'tenant', type: 'string'}],
                    minItems: 1,
                    maxItems: 1,
                    items: false,
                    description: 'The tenant the call is for',
                },
                'shapes/address': {
                    type: 'array',
                    prefixItems: [
                        {$ref: '#/components/schemas/Address', title: 'a'},
                        {title: 'at', type: 'string', format: 'date-time'},
                        {title: 'strict', type: 'boolean'},
                    ],
                    minItems: 2,
                    maxItems: 3,
                    items: false,
                },
            },
            required: ['tenant', 'shapes/address'],
            additionalProperties: false,
        });
        const tree = testDocument().paths['/shapes/tree']?.post as JsonSchema;
        expect((bodyOf(tree).properties as JsonSchema)['shapes/tree']).toMatchObject({minItems: 0, maxItems: 1});
        expect(bodyOf(tree).required).toEqual(['tenant']);
    });

    it('writes header hooks as header parameters and their returned values as response headers', () => {
        const op = testDocument().paths['/shapes/tree']?.post as JsonSchema;
        expect(op.parameters).toEqual([{name: 'x-region', in: 'header', required: true, schema: {type: 'number'}}]);
        expect((op.responses as Record<string, JsonSchema>)['200']?.headers).toEqual({'x-region': {schema: {type: 'string'}}});
        // Authorization is no header parameter in OpenAPI: it is an API key security scheme.
        const example = openApiDocument(exampleRouter());
        expect(example.components.securitySchemes).toEqual({
            api_auth: {type: 'apiKey', in: 'header', name: 'authorization', description: 'Read by the header hook "api/auth".'},
        });
        expect(example.paths['/api/users/me']?.post?.security).toEqual([{api_auth: []}]);
        expect(example.paths['/health']?.post?.security).toBeUndefined();
    });

    it("writes the result under the route's id, with the values of hooks that return data", () => {
        const doc = testDocument();
        expect(resultOf(doc.paths['/shapes/address']?.post as JsonSchema)).toEqual({
            type: 'object',
            properties: {tenant: {type: 'string'}, 'shapes/address': {anyOf: [{$ref: '#/components/schemas/Address'}, {type: 'null'}]}},
            required: ['tenant', 'shapes/address'],
            additionalProperties: false,
        });
        // void: nothing under the route's id.
        expect(resultOf(doc.paths['/shapes/save']?.post as JsonSchema)).toEqual({
            type: 'object',
            properties: {tenant: {type: 'string'}},
            required: ['tenant'],
            additionalProperties: false,
        });
    });

    it('writes named types as components (recursive ones too), optional properties, Dates, literals and unions exactly', () => {
        const doc = testDocument();
        expect(doc.components.schemas.Address).toEqual({
            type: 'object',
            properties: {street: {type: 'string'}, zip: {type: 'string'}, note: {type: 'string'}},
            required: ['street'],
            additionalProperties: false,
        });
        expect(doc.components.schemas.Tree).toEqual({
            type: 'object',
            properties: {label: {type: 'string'}, children: {type: 'array', items: {$ref: '#/components/schemas/Tree'}}},
            required: ['label', 'children'],
            additionalProperties: false,
        });
        const pick = doc.paths['/shapes/pick']?.post as JsonSchema;
        expect(((bodyOf(pick).properties as JsonSchema)['shapes/pick'] as JsonSchema).prefixItems).toEqual([
            {title: 'kind', type: ['string', 'number'], enum: ['a', 'b', 1]},
            {title: 'value', type: ['string', 'number', 'null']},
        ]);
        expect((resultOf(pick).properties as JsonSchema)['shapes/pick']).toEqual({
            anyOf: [
                {
                    type: 'object',
                    properties: {kind: {type: ['string', 'number'], enum: ['a', 'b', 1]}},
                    required: ['kind'],
                    additionalProperties: false,
                },
                {$ref: '#/components/schemas/Tree'},
                {type: 'string'},
            ],
        });
        const example = openApiDocument(exampleRouter());
        expect(example.components.schemas.User).toEqual({
            type: 'object',
            properties: {
                id: {type: 'number'},
                name: {type: 'string'},
                email: {type: 'string'},
                createdAt: {type: 'string', format: 'date-time'},
            },
            required: ['id', 'name', 'email', 'createdAt'],
            additionalProperties: false,
        });
        expect((example.components.schemas.Pet?.properties as JsonSchema).birthDate).toEqual({
            anyOf: [{type: 'string', format: 'date-time'}, {type: 'null'}],
        });
        expect((example.components.schemas.NewPet?.properties as JsonSchema).species).toEqual({
            type: 'string',
            enum: ['cat', 'dog', 'other'],
        });
    });

    it('writes declared errors by status (several on one status as oneOf) beside the router error codes', () => {
        const save = testDocument().paths['/shapes/save']?.post as JsonSchema;
        expect(Object.keys(save.responses as JsonSchema)).toEqual(['200', '400', '404', '405', '409', '413', '415', '500', 'default']);
        expect((resultOf(save, '409').properties as JsonSchema)['shapes/save']).toEqual({
            oneOf: [
                {$ref: '#/components/schemas/ConflictError'},
                {$ref: '#/components/schemas/LockedError'},
                {$ref: '#/components/schemas/UndeclaredError'},
            ],
        });
        const doc = testDocument();
        expect(doc.components.schemas.ConflictError).toMatchObject({
            required: ['name', 'statusCode', 'message', 'errorData'],
            properties: {name: {const: 'conflict'}, statusCode: {const: 409}, errorData: {properties: {field: {type: 'string'}}}},
        });
        expect(doc.components.schemas.LockedError?.required).toEqual(['name', 'statusCode', 'message']);
        expect((save.responses as JsonSchema)['404']).toEqual({$ref: '#/components/responses/RouteNotFound'});
        expect(Object.keys(doc.components.responses)).toEqual([
            'RouteNotFound',
            'MethodNotAllowed',
            'BodyTooLarge',
            'UnsupportedMediaType',
            'Error',
        ]);
        expect(doc.components.schemas.RouterError400?.properties).toMatchObject({
            name: {enum: ['invalid-json', 'invalid-body', 'invalid-params', 'validation-failed', 'invalid-header']},
            statusCode: {const: 400},
        });
        // The example's getUser: the hook's 401 under the hook's id, the route's 404 under its own.
        const getUser = openApiDocument(exampleRouter()).paths['/api/users/getUser']?.post as JsonSchema;
        expect(Object.keys(getUser.responses as JsonSchema)).toEqual(['200', '400', '401', '404', '405', '413', '415', '500', 'default']);
        expect((resultOf(getUser, '401').properties as JsonSchema)['api/auth']).toEqual({
            oneOf: [{$ref: '#/components/schemas/InvalidTokenError'}, {$ref: '#/components/schemas/UndeclaredError'}],
        });
        expect(resultOf(getUser, '404').properties).toEqual({
            '@router': {$ref: '#/components/schemas/RouterError404'},
            'api/users/getUser': {
                oneOf: [{$ref: '#/components/schemas/UserNotFoundError'}, {$ref: '#/components/schemas/UndeclaredError'}],
            },
            'api/auth': {$ref: '#/components/schemas/UndeclaredError'},
        });
    });

    it("takes summaries, tags and deprecation from the route's meta, and its description", () => {
        const doc = testDocument();
        expect(doc.paths['/shapes/address']?.post).toMatchObject({
            operationId: 'shapes_address',
            summary: 'Checks an address',
            tags: ['addresses'],
            deprecated: true,
        });
        expect(doc.paths['/shapes/tree']?.post?.tags).toEqual(['shapes']);
        expect(openApiDocument(exampleRouter()).paths['/api/users/getUser']?.post?.description).toBe('One user by id');
        const custom = openApiDocument(exampleRouter(), {operation: (r) => ({summary: r.id.toUpperCase()}), get: false});
        expect(custom.paths['/health']).toEqual({post: expect.objectContaining({summary: 'HEALTH'})});
        expect(doc.info).toEqual({title: 'Shapes', version: '2.0.0'});
        expect(doc.servers).toEqual([{url: 'https://api.example.test'}]);
    });

    it('writes the same document from the metadata alone, less what only the router knows', () => {
        const router = exampleRouter();
        const fromMetadata = openApiDocument(router.getMetadata());
        expect(fromMetadata.paths['/api/users/getUser']?.post?.tags).toEqual(['api/users']);
        expect(fromMetadata.components.schemas).toEqual(openApiDocument(router).components.schemas);
    });
});
