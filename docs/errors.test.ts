// Runs docs/errors.md: its examples, curl exchanges, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {isRpcError, RouterErrorCode, routerErrorCodes, RouterErrorStatus} from '@hookline/core';
import {
    CallContext,
    createRouter,
    headersHook,
    hook,
    InjectResponse,
    Routes,
    RpcError,
    StartupError,
    StartupErrorCode,
    StartupErrorCodes,
} from '@hookline/router';
import * as errorsExample from './examples/errors.js';
import * as importTypeMistakeExample from './examples/import-type-mistake.js';
import * as protocolExample from './examples/protocol.js';
import * as runtimeTypesExample from './examples/runtime-types.js';
import * as startupErrorsExample from './examples/startup-errors.js';
import * as typedErrorsExample from './examples/typed-errors.js';
import {noop, startupCode} from './test-support/helpers.js';
import {firstCode, markedTable} from './test-support/markdown.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('errors.md');

describe('errors.md', () => {
    it('fills RpcError defaults and never serializes private fields', () => {
        const e = new RpcError({statusCode: 404});
        expect([e.name, e.statusCode, e.publicMessage, e.message]).toEqual(['RpcError', 404, 'Not found', 'Not found']);
        expect(new RpcError({statusCode: 401}).publicMessage).toBe('Unauthorized');
        expect(new RpcError({statusCode: 418}).publicMessage).toBe('Error');
        expect(new RpcError({statusCode: 200}).statusCode).toBe(500);
        expect(new RpcError({statusCode: 600}).statusCode).toBe(500);
        const full = new RpcError({
            statusCode: 409,
            name: 'conflict',
            publicMessage: 'taken',
            message: 'row 7 locked by tx 99',
            errorData: {field: 'name'},
            originalError: new Error('deadlock'),
            id: 'req-1',
        });
        const pub = {name: 'conflict', statusCode: 409, message: 'taken', errorData: {field: 'name'}, id: 'req-1'};
        expect(full.toPublic()).toEqual(pub);
        expect(JSON.parse(JSON.stringify(full))).toEqual(pub);
        expect(JSON.stringify(full)).not.toMatch(/row 7|deadlock|stack/);
        expect(full.message).toBe('row 7 locked by tx 99');
        const foreign = Object.assign(new Error('x'), {statusCode: 400, toPublic: () => ({})});
        expect(isRpcError(foreign)).toBe(true);
    });

    it('logs private messages while the client gets public ones', async () => {
        const {router, serverLog} = errorsExample;
        serverLog.length = 0;
        await router.call('orders/getOrder', [7]);
        await router.call('orders/exportOrders');
        expect(serverLog).toEqual([
            '/orders/getOrder order-not-found: order 7 not in shard eu-3',
            '/orders/exportOrders unexpected-error: S3 bucket acme-exports: AccessDenied',
        ]);
        expect((await router.call('orders/getOrder', [1])).json()).toEqual({'orders/getOrder': {id: 1, total: 42}});
    });

    it('converts thrown values as the table says', async () => {
        const thrown: Record<string, unknown> = {
            codeForm: {code: 401, message: 'no'},
            statusForm: {statusCode: 422, code: 404, message: 'unprocessable'},
            fiveHundred: {code: 503, message: 'later'},
            noMessage: {code: 401},
            errorWithCode: Object.assign(new Error('boom'), {code: 401}),
            text: 'plain string',
            number: 42,
        };
        const router = createRouter();
        const internal: RpcError[] = [];
        const routes: Routes = {};
        for (const [name, value] of Object.entries(thrown)) {
            routes[name] = (ctx: CallContext): void => {
                throw value;
            };
        }
        // After the routes: hooks run by position.
        routes.log = hook((ctx: CallContext): void => void internal.push(...ctx.request.internalErrors), {runOnError: true});
        router.registerRoutes(routes);
        const result = async (id: string): Promise<[number, string, string]> => {
            const res = await router.call(id);
            const e = res.json()[id];
            return [res.statusCode, e.name, e.message];
        };
        expect(await result('codeForm')).toEqual([401, 'RpcError', 'no']);
        expect(await result('statusForm')).toEqual([422, 'RpcError', 'unprocessable']);
        for (const id of ['fiveHundred', 'noMessage', 'errorWithCode', 'text', 'number']) {
            expect(await result(id)).toEqual([500, 'unexpected-error', 'Unexpected error']);
        }
        const byOriginal = new Map(internal.map((e) => [e.originalError, e]));
        expect(byOriginal.get(thrown.codeForm)?.statusCode).toBe(401);
        expect(byOriginal.get(thrown.errorWithCode)?.message).toBe('boom');
        expect(byOriginal.get('plain string')?.message).toBe('plain string');
        expect(byOriginal.get(42)?.message).toBe('non-error value thrown');
        const rejects = createRouter();
        rejects.registerRoutes({r: async (ctx: CallContext): Promise<string> => Promise.reject(new TypeError('x is undefined'))});
        expect((await rejects.call('r')).json().r.name).toBe('unexpected-error');
    });

    it('lists every router error code with its status, and each happens as described', async () => {
        const rows = markedTable('router-errors');
        expect(rows.map((r) => firstCode(r[0] as string))).toEqual(routerErrorCodes);
        for (const [name, status] of rows as [string, string][])
            expect(Number(status)).toBe(RouterErrorStatus[firstCode(name) as RouterErrorCode]);

        const p = protocolExample.router;
        const auth = {authorization: 'Bearer secret'};
        const json = {'content-type': 'application/json'};
        const small = createRouter({maxBodySize: 10, sharedDataFactory: () => ({})});
        small.registerRoutes({r: noop});
        const failingFactory = createRouter({
            sharedDataFactory: () => {
                throw new Error('x');
            },
        });
        failingFactory.registerRoutes({r: noop});
        const bad = createRouter();
        bad.registerRoutes({r: (ctx: CallContext): number => 'x' as unknown as number});
        const hanging = createRouter({callTimeout: 20, logSink: () => undefined});
        hanging.registerRoutes({r: (ctx: CallContext): Promise<string> => new Promise<string>(() => undefined)});
        const triggers: Record<RouterErrorCode, () => Promise<[InjectResponse, string]>> = {
            'route-not-found': async () => [await p.inject({path: '/api/nope'}), '@router'],
            'method-not-allowed': async () => [await p.inject({method: 'DELETE', path: '/api/health'}), '@router'],
            'unsupported-media-type': async () => [
                await p.inject({path: '/api/health', headers: {'content-type': 'text/json'}, body: '{}'}),
                '@router',
            ],
            'body-too-large': async () => [await small.inject({path: '/r', body: {r: ['0123456789']}}), '@router'],
            'invalid-json': async () => [await p.inject({path: '/api/health', headers: json, body: '{'}), '@router'],
            'invalid-body': async () => [await p.inject({path: '/api/health', body: [1]}), '@router'],
            'invalid-params': async () => [await p.call('users/getUser', [], {headers: auth}), 'users/getUser'],
            'validation-failed': async () => [await p.call('users/getUser', [1, 2], {headers: auth}), 'users/getUser'],
            'invalid-header': async () => [await p.call('users/me', [], {headers: {authorization: ['a', 'b']}}), 'users/auth'],
            'unexpected-error': async () => [await failingFactory.call('r'), '@router'],
            'invalid-return': async () => [await bad.call('r'), 'r'],
            'call-timeout': async () => [await hanging.call('r'), '@router'],
        };
        for (const code of routerErrorCodes) {
            const [res, under] = await triggers[code]();
            expect(res.statusCode, code).toBe(RouterErrorStatus[code]);
            expect(res.json()[under]?.name, code).toBe(code);
        }
        const tooLarge = await small.inject({path: '/r', body: {r: ['0123456789']}});
        expect(tooLarge.headers['connection']).toBe('close');
        const more = await p.call('users/getUser', [1, 2], {headers: auth});
        expect(more.json()['users/getUser'].errorData.errors[0]).toEqual({
            path: 'users/getUser',
            expected: '[number]',
            message: 'expected at most 1 items, got 2',
        });
        const fewer = await p.inject({path: '/api/users/getUser', headers: auth, body: {'users/getUser': []}});
        expect(fewer.json()['users/getUser'].errorData.errors[0].message).toBe('expected at least 1 items, got 0');
        const notArray = await p.inject({path: '/api/users/getUser', headers: auth, body: {'users/getUser': 1}});
        expect(notArray.json()['users/getUser'].name).toBe('invalid-params');
        const toNone = await p.inject({path: '/api/health', body: {health: [1]}});
        expect(toNone.json().health.name).toBe('invalid-params');
        expect((await p.inject({path: '/api/health', body: {health: []}})).statusCode).toBe(200);
        // Params that can all be left out (optional, or accepting undefined) may be missing.
        const leavable = createRouter();
        leavable.registerRoutes({r: (ctx: CallContext, x: number | undefined, y?: string): string => `${x} ${y}`});
        expect((await leavable.inject({path: '/r', body: {}})).json()).toEqual({r: 'undefined undefined'});
    });

    it('lists every startup error code, and each is thrown as described', () => {
        const rows = markedTable('startup-errors');
        const codes = rows.map((r) => firstCode(r[0] as string));
        expect([...codes].sort()).toEqual(Object.values(StartupErrorCodes).sort());
        const register = (routes: unknown) => () => createRouter().registerRoutes(routes as Routes);
        const deep: Routes = {r: noop};
        let level = deep;
        for (let i = 0; i < 10; i++) level = level[`l${i}`] = {r: noop} as Routes;
        const triggers: Record<StartupErrorCode, (() => unknown) | null> = {
            HL_MISSING_TYPE_METADATA: register({r: ((ctx: CallContext): number => 1).bind(null)}),
            HL_NEVER_PARAM: () => importTypeMistakeExample.registerSavePet(),
            HL_UNSUPPORTED_TYPE: () => runtimeTypesExample.registerTagSet(),
            HL_INVALID_ROUTE_KEY: register({'a/b': noop}),
            HL_DUPLICATE_ROUTE_ID: () => {
                const router = createRouter();
                router.registerRoutes({a: noop});
                router.registerRoutes({a: noop});
            },
            HL_EMPTY_ROUTES: register({}),
            HL_ROUTES_TOO_DEEP: register(deep),
            HL_INVALID_DEFINITION: register({a: null}),
            HL_INVALID_HEADER_HOOK: register({h: headersHook('x', (ctx: CallContext, _v: string[]): void => undefined), r: noop}),
            HL_INVALID_ERROR_DECLARATION: () => {
                class Timeout extends RpcError<'timeout'> {}
                return register({r: (ctx: CallContext): string | Timeout => 'x'})();
            },
            HL_INVALID_OPTION: () => createRouter({maxBodySize: 0}),
            HL_STALE_COMPILED_MODULE: () =>
                createRouter({
                    compiled: {format: 'hookline-compiled/2', command: 'npx hookline build', routes: '', hooks: '', types: '[]'},
                }).registerRoutes({
                    r: noop,
                }),
        };
        for (const row of rows) {
            const code = firstCode(row[0] as string) as StartupErrorCode;
            const trigger = triggers[code];
            if (trigger === null) {
                expect(row[1], code).toMatch(/^Not thrown/);
                continue;
            }
            let error: unknown;
            try {
                trigger();
            } catch (e) {
                error = e;
            }
            expect(error, code).toBeInstanceOf(StartupError);
            expect((error as StartupError).code).toBe(code);
            expect((error as StartupError).message.startsWith(`${code}: `)).toBe(true);
        }
        for (const bad of [
            {prefix: 1},
            {suffix: 2},
            {maxBodySize: 1.5},
            {maxRouteDepth: 1.5},
            {sharedDataFactory: 3},
            {logSink: 3},
            {callTimeout: -1},
            {callTimeout: '1'},
            {requestIdHeader: 'x id'},
            {logLevel: 'verbose'},
            {compile: 'now'},
            ...[
                'useValidation',
                'useSerialization',
                'validateReturn',
                'exposeMetadata',
                'echoRequestId',
                'logInternalErrors',
                'asyncContext',
            ].map((name) => ({[name]: 'yes'})),
        ]) {
            expect(
                startupCode(() => createRouter(bad as never)),
                JSON.stringify(bad),
            ).toBe(StartupErrorCodes.INVALID_OPTION);
        }
        for (const bad of [{a: []}, {a: 3}, {a: {route: noop, other: 1}}]) {
            expect(startupCode(register(bad))).toBe(StartupErrorCodes.INVALID_DEFINITION);
        }
        expect(startupCode(register([noop]))).toBe(StartupErrorCodes.INVALID_DEFINITION);
        expect(startupCode(register({a: {}, r: noop}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
        expect(startupCode(register({r: new Function('ctx', 'return 1')}))).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
        expect(startupCode(register({r: (ctx: CallContext, _v: Float64Array): void => undefined}))).toBe(
            StartupErrorCodes.UNSUPPORTED_TYPE,
        );
        expect(startupCode(register({r: (ctx: CallContext, _v: [string, never]): void => undefined}))).toBe(StartupErrorCodes.NEVER_PARAM);
        expect(startupCode(register({r: (ctx: CallContext, _v: string | never): void => undefined}))).toBe(StartupErrorCodes.NEVER_PARAM);
        expect(startupCode(register({r: (ctx: CallContext, _v: Buffer | string): void => undefined}))).toBe(StartupErrorCodes.NEVER_PARAM);
        expect(startupCode(register({r: (ctx: CallContext, _v: URL | null): void => undefined}))).toBe(StartupErrorCodes.NEVER_PARAM);
        expect(startupCode(register({r: (ctx: CallContext): number | never => 1}))).toBeUndefined();
    });

    it('registerOrExplain explains missing type metadata', () => {
        const lines: string[] = [];
        const untyped = new Function('ctx', 'return 1') as (ctx: CallContext) => number;
        expect(() => startupErrorsExample.registerOrExplain(createRouter(), {r: untyped}, (l) => lines.push(l))).toThrow(StartupError);
        expect(lines).toEqual(['Handlers have no runtime types: see docs/runtime-types.md']);
        startupErrorsExample.registerOrExplain(createRouter(), {r: noop}, (l) => lines.push(l));
        expect(lines).toHaveLength(1);
    });

    it('typed errors: the client narrows each failure by name, errorData as declared', async () => {
        const {url} = await serverOf(typedErrorsExample.router);
        expect(await typedErrorsExample.orderLabel(url, 1)).toBe('order 1: 42');
        expect(await typedErrorsExample.orderLabel(url, 7)).toBe('no order 7');
        expect(await typedErrorsExample.orderLabel(url, 1, 'Bearer old')).toBe('signed out at 2024-05-01T00:00:00.000Z');
    });

    it('typed errors: the metadata lists every error declared on the path', () => {
        expect(
            typedErrorsExample.router.getMetadata().routes['orders/get']?.errors?.map((e) => `${e.procedureId} ${e.name} ${e.statusCode}`),
        ).toEqual(['auth token-expired 401', 'orders/get order-not-found 404']);
    });
});
