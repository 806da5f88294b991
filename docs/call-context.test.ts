// Runs docs/call-context.md: its examples, curl exchanges and output blocks, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {IncomingMessage, ServerResponse} from 'node:http';
import {join} from 'node:path';
import ts from 'typescript';
import {describe, expect, expectTypeOf, it, vi} from 'vitest';
import {startNodeServer} from '@hookline/node';
import {
    CallContext,
    ContextOf,
    createCallContext,
    createRouter,
    createTestContext,
    defaultRouterOptions,
    getCallContext,
    getRouter,
    hook,
    isWellFormedRequestId,
    jsonLinesSink,
    LogLevel,
    LogLine,
    rawHook,
    route,
    RouteInfo,
    Router,
    Routes,
    RpcError,
    runWithCallContext,
    StartupErrorCodes,
} from '@hookline/router';
import * as asyncContextExample from './examples/async-context.js';
import * as contextLoggerExample from './examples/context-logger.js';
import * as contextOfExample from './examples/context-of.js';
import * as errorsExample from './examples/errors.js';
import * as requestIdExample from './examples/request-id.js';
import * as routeMetaExample from './examples/route-meta.js';
import * as seedStyleExample from './examples/seed-style.js';
import {captureWrites, loggingRouter, nextTurn, noop, run, startupCode, tick, uuidV4} from './test-support/helpers.js';
import {blockAfter, Doc, docs, docsDir} from './test-support/markdown.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('call-context.md', {
    'context-logger-lines': async () => {
        const {router, shipped} = contextLoggerExample;
        await nextTurn();
        shipped.length = 0;
        vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z')});
        try {
            await router.call('orders/placeOrder', ['apple', 12], {headers: {'x-request-id': 'order-1'}});
            await router.call('orders/payOrder', [7], {headers: {'x-request-id': 'order-2'}});
            await nextTurn();
        } finally {
            vi.useRealTimers();
        }
        return shipped.flat();
    },
});

describe('call-context.md', () => {
    it('fills the context as the fields table says', async () => {
        const seen: Record<string, unknown> = {};
        const router = createRouter();
        router.registerRoutes({
            r: (ctx: CallContext): string => {
                Object.assign(seen, {
                    rawBody: ctx.request.rawBody,
                    body: ctx.request.body,
                    shared: ctx.shared,
                    status: ctx.response.statusCode,
                    headers: {...ctx.response.headers},
                    hasErrors: ctx.response.hasErrors,
                });
                return 'ok';
            },
            after: hook((ctx: CallContext): void => void (seen.rawBodyInHook = ctx.response.rawBody)),
        });
        await router.inject({method: 'GET', path: '/r', body: '{"r": []}', headers: {'content-type': 'application/json'}});
        expect(seen).toEqual({
            rawBody: '',
            body: {},
            shared: {},
            status: 200,
            headers: {'content-type': 'application/json; charset=utf-8'},
            hasErrors: false,
            rawBodyInHook: '',
        });
    });

    it('shares data through sharedDataFactory and fails the call under @router when it throws', async () => {
        const res = await getRouter().call('sayMyName', [], {headers: {authorization: 'token-ada'}});
        expect(res.json()).toEqual({sayMyName: 'hello Ada'});
        const denied = await getRouter().call('sayMyName', [], {headers: {authorization: 'nope'}});
        expect(denied.statusCode).toBe(401);
        const router = createRouter({
            sharedDataFactory: () => {
                throw new Error('no db');
            },
        });
        router.registerRoutes({r: noop});
        const failed = await router.call('r');
        expect(failed.statusCode).toBe(500);
        expect(failed.json()).toEqual({'@router': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
    });

    it('creates contexts of the fixed shape with createCallContext', () => {
        const ctx = createCallContext('/x', {a: 'b'}, '{"x": []}', {n: 1});
        expect(ctx.path).toBe('/x');
        expect(ctx.request.headers).toEqual({a: 'b'});
        expect(ctx.request.rawBody).toBe('{"x": []}');
        expect(ctx.request.body).toEqual({});
        expect(ctx.request.internalErrors).toEqual([]);
        expect(ctx.response).toMatchObject({statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}, body: {}});
        expect(ctx.response.rawBody).toBe('');
        expect(ctx.response.hasErrors).toBe(false);
        expect(ctx.shared).toEqual({n: 1});
        expect(seedStyleExample.sayMyName(createCallContext('/sayMyName', {}, '', {myUser: {id: 1, name: 'Ada'}}))).toBe('hello Ada');
    });
});

describe('call-context.md: request id', () => {
    const router = requestIdExample.router;
    const idOf = async (headers: Record<string, string | string[]>): Promise<[string, string | undefined]> => {
        const res = await router.call('whichRequest', [], {headers});
        return [res.json().whichRequest, res.headers['x-request-id']];
    };

    it('takes exactly the well-formed ids the page describes, and a new UUID v4 for any other', async () => {
        const pattern = /`\/(\^\[[^`]+)\/`/.exec((docs.find((d) => d.name === 'call-context.md') as Doc).lines.join('\n'))?.[1];
        expect(pattern).toBe('^[A-Za-z0-9._:@+=/-]{1,128}$');
        const documented = new RegExp(pattern as string);
        // Every character below U+0180, alone, at the length limits, and in the middle of an id.
        for (let c = 0; c < 0x180; c++) {
            const ch = String.fromCharCode(c);
            for (const value of [ch, ch.repeat(128), `a${ch}b`])
                expect(isWellFormedRequestId(value), JSON.stringify(value)).toBe(documented.test(value));
        }
        expect(isWellFormedRequestId('a'.repeat(129))).toBe(false);
        for (const good of ['abc', 'a'.repeat(128), 'tenant:acme/job=42@eu-1.b', 'A+Z=0_9.x-y']) {
            expect(await idOf({'x-request-id': good}), good).toEqual([good, good]);
        }
        for (const bad of ['', 'a'.repeat(129), 'has space', 'a,b', 'semi;colon', '"quoted"', '<script>', 'café', 'tab\there']) {
            const [id, header] = await idOf({'x-request-id': bad});
            expect(id, JSON.stringify(bad)).toMatch(uuidV4);
            expect(header).toBe(id);
        }
        expect((await idOf({}))[0]).toMatch(uuidV4);
        expect((await idOf({'X-REQUEST-ID': 'any-case'}))[0]).toBe('any-case');
        expect((await idOf({'x-request-id': ['a', 'b']}))[0]).toMatch(uuidV4);
        // Over HTTP a header sent twice arrives joined ("a, b"): malformed too.
        const server = await serverOf(router);
        const twice = await fetch(`${server.url}/whichRequest`, {
            method: 'POST',
            headers: [
                ['x-request-id', 'a'],
                ['x-request-id', 'b'],
            ],
        });
        expect(((await twice.json()) as {whichRequest: string}).whichRequest).toMatch(uuidV4);
        const ids = new Set(await Promise.all(Array.from({length: 20}, async () => (await idOf({}))[0])));
        expect(ids.size).toBe(20);
    });

    it('computes the id on first read only, then keeps it for the call', async () => {
        const seen: CallContext[] = [];
        const lazy = createRouter({logSink: () => undefined});
        lazy.registerRoutes({
            r: (ctx: CallContext): string => {
                seen.push(ctx);
                return 'ok';
            },
        });
        await lazy.call('r');
        await lazy.call('r', [], {headers: {'x-request-id': 'given-1'}});
        const [generated, given] = seen as [CallContext, CallContext];
        const ownValues = (ctx: CallContext): unknown[] => Object.values(ctx).filter((v) => typeof v === 'string');
        expect(ownValues(given)).not.toContain('given-1');
        expect(ownValues(generated).some((v) => uuidV4.test(v as string))).toBe(false);
        expect(given.requestId).toBe('given-1');
        expect(generated.requestId).toMatch(uuidV4);
        expect(generated.requestId).toBe(generated.requestId);
        expect(ownValues(given)).toContain('given-1');
    });

    it('echoes only with echoRequestId, sets it on public errors without an id, and reads requestIdHeader', async () => {
        const failing = (echoRequestId: boolean, requestIdHeader?: string): Router => {
            const r = createRouter({echoRequestId, requestIdHeader, logSink: () => undefined});
            r.registerRoutes({
                fail: (ctx: CallContext): string => {
                    throw new RpcError({statusCode: 409, publicMessage: 'conflict'});
                },
                ownId: (ctx: CallContext): string => {
                    throw new RpcError({statusCode: 409, publicMessage: 'conflict', id: 'mine'});
                },
            });
            return r;
        };
        const on = await failing(true).call('fail', [], {headers: {'x-request-id': 'trace-1'}});
        expect([on.headers['x-request-id'], on.json()]).toEqual([
            'trace-1',
            {fail: {name: 'RpcError', statusCode: 409, message: 'conflict', id: 'trace-1'}},
        ]);
        const own = await failing(true).call('ownId', [], {headers: {'x-request-id': 'trace-1'}});
        expect(own.json().ownId.id).toBe('mine');
        const off = await failing(false).call('fail', [], {headers: {'x-request-id': 'trace-1'}});
        expect([off.headers['x-request-id'], off.json().fail.id]).toEqual([undefined, undefined]);
        const generated = await failing(true).call('fail');
        expect(generated.json().fail.id).toBe(generated.headers['x-request-id']);
        expect(generated.headers['x-request-id']).toMatch(uuidV4);
        const custom = failing(true, 'X-Correlation-Id');
        expect(custom.options.requestIdHeader).toBe('x-correlation-id');
        const res = await custom.call('fail', [], {headers: {'X-Correlation-ID': 'corr-9', 'x-request-id': 'ignored'}});
        expect([res.headers['x-correlation-id'], res.headers['x-request-id'], res.json().fail.id]).toEqual(['corr-9', undefined, 'corr-9']);
        expect((await router.call('orders/getOrder', [1])).headers['x-request-id']).toMatch(uuidV4);
    });

    it('gives their id to requests refused before their context exists', async () => {
        const small = createRouter({echoRequestId: true, maxBodySize: 10});
        small.registerRoutes({r: (ctx: CallContext, s: string): string => s});
        const throwing = createRouter({
            echoRequestId: true,
            sharedDataFactory: () => {
                throw new Error('no db');
            },
            logSink: () => undefined,
        });
        throwing.registerRoutes({r: noop});
        const headers = {'x-request-id': 'early-1'};
        const refused = [
            await router.inject({path: '/nope', headers}),
            await router.inject({method: 'PUT', path: '/whichRequest', headers}),
            await router.inject({path: '/whichRequest', headers: {...headers, 'content-type': 'text/plain'}, body: '{}'}),
            await router.dispatch({
                method: 'POST',
                path: '/whichRequest',
                headers: {...headers, 'content-type': 'application/json'},
                body: new Uint8Array([0x7b, 0xff, 0x7d]),
            }),
            await small.inject({path: '/r', headers, body: {r: ['0123456789']}}),
            await throwing.inject({path: '/r', headers}),
        ];
        expect(refused.map((r) => r.statusCode)).toEqual([404, 405, 415, 400, 413, 500]);
        for (const res of refused) {
            expect(res.headers['x-request-id']).toBe('early-1');
            expect(JSON.parse(res.body)['@router'].id).toBe('early-1');
        }
        // Without echoRequestId, nothing is added.
        const quiet = createRouter({maxBodySize: 10});
        quiet.registerRoutes({r: (ctx: CallContext, s: string): string => s});
        const plain = await quiet.inject({path: '/nope', headers});
        expect([plain.headers['x-request-id'], plain.json()['@router'].id]).toEqual([undefined, undefined]);
        // Invalid JSON (in valid UTF-8) is found by @parseBody, a step of the path: the call has its id.
        const badJson = await router.inject({path: '/whichRequest', headers: {...headers, 'content-type': 'application/json'}, body: '{'});
        expect([badJson.statusCode, badJson.headers['x-request-id'], badJson.json()['@router']]).toMatchObject([
            400,
            'early-1',
            {name: 'invalid-json', id: 'early-1'},
        ]);
    });
});

describe('call-context.md: context logger', () => {
    it('produces the lines the page shows, with the ids, and drops lines below logLevel', async () => {
        const {router, shipped} = contextLoggerExample;
        shipped.length = 0;
        await router.call('orders/placeOrder', ['pear', 3], {headers: {'x-request-id': 'small-1'}});
        await nextTurn();
        expect(shipped.flat().map((l) => [l.level, l.msg, l.requestId, l.route, l.data])).toEqual([
            ['info', 'placing order', 'small-1', 'orders/placeOrder', {sku: 'pear', quantity: 3}],
        ]);
        const before = Date.now();
        shipped.length = 0;
        await router.call('orders/placeOrder', ['pear', 3]);
        await nextTurn();
        const [line] = shipped.flat();
        expect(line?.requestId).toMatch(uuidV4);
        expect(line?.time).toBeGreaterThanOrEqual(before);
        expect(line?.time).toBeLessThanOrEqual(Date.now());
        expect(Object.keys(line ?? {})).toEqual(['time', 'level', 'msg', 'requestId', 'route', 'data']);
    });

    it('hands the lines to the sink after the response is sent, on a later turn', async () => {
        const events: string[] = [];
        const router = createRouter({logSink: (lines: readonly LogLine[]): void => void events.push(`sink: ${lines.map((l) => l.msg)}`)});
        router.registerRoutes({
            watch: rawHook((ctx: CallContext, req: IncomingMessage, res: ServerResponse | undefined): void => {
                res?.on('finish', () => events.push('response sent'));
            }),
            slow: async (ctx: CallContext): Promise<string> => {
                ctx.logger.info('working');
                await tick();
                events.push('handler done');
                return 'done';
            },
            fast: (ctx: CallContext): string => {
                ctx.logger.info('fast');
                return 'done';
            },
        });
        const server = await startNodeServer(router);
        try {
            const res = await fetch(`${server.url}/slow`, {method: 'POST'});
            expect(await res.json()).toEqual({slow: 'done'});
            while (events.length < 3) await tick();
        } finally {
            await server.close();
        }
        expect(events).toEqual(['handler done', 'response sent', 'sink: working']);
        // In-process: the awaited call resolves before the sink runs.
        const res = await router.call('fast');
        expect([res.statusCode, events.length]).toEqual([200, 3]);
        await nextTurn();
        expect(events[3]).toBe('sink: fast');
    });

    it('batches the lines of the calls that finish in one turn, in order, call by call; empty batches are never sent', async () => {
        const {router, batches} = loggingRouter();
        router.registerRoutes({
            two: (ctx: CallContext, n: number): number => {
                ctx.logger.info('first', {n});
                ctx.logger.warn('second', {n});
                return n;
            },
            quiet: (ctx: CallContext): number => 0,
        });
        await Promise.all([1, 2, 3].map((n) => router.call('two', [n], {headers: {'x-request-id': `call-${n}`}})));
        await nextTurn();
        expect(batches).toHaveLength(1);
        expect(batches[0]?.map((l) => `${l.requestId} ${l.msg}`)).toEqual([
            'call-1 first',
            'call-1 second',
            'call-2 first',
            'call-2 second',
            'call-3 first',
            'call-3 second',
        ]);
        await router.call('two', [4]);
        await nextTurn();
        await router.call('two', [5]);
        await nextTurn();
        expect(batches.map((b) => b.length)).toEqual([6, 2, 2]);
        await router.call('quiet');
        await nextTurn();
        expect(batches).toHaveLength(3);
    });

    it('has the four level methods and log(level); logLevel drops the lines below it', async () => {
        const logAll = (ctx: CallContext): void => {
            ctx.logger.debug('d');
            ctx.logger.info('i');
            ctx.logger.warn('w');
            ctx.logger.error('e', {x: 1});
            ctx.logger.log('warn', 'l');
        };
        const levels = async (logLevel?: LogLevel): Promise<string[]> => {
            const {router, batches} = loggingRouter(logLevel === undefined ? {} : {logLevel});
            router.registerRoutes({r: (ctx: CallContext): void => logAll(ctx)});
            await router.call('r');
            await nextTurn();
            return batches.flat().map((l) => `${l.level}:${l.msg}`);
        };
        expect(await levels()).toEqual(['info:i', 'warn:w', 'error:e', 'warn:l']);
        expect(await levels('debug')).toEqual(['debug:d', 'info:i', 'warn:w', 'error:e', 'warn:l']);
        expect(await levels('warn')).toEqual(['warn:w', 'error:e', 'warn:l']);
        expect(await levels('error')).toEqual(['error:e']);
    });

    it('logs each internal error once, after the call’s own lines: 5xx at error, others at debug', async () => {
        const make = (options: Parameters<typeof createRouter>[0]) => {
            const made = loggingRouter(options);
            made.router.registerRoutes({
                boom: (ctx: CallContext): string => {
                    ctx.logger.info('before the failure');
                    throw new Error('disk full');
                },
                denied: (ctx: CallContext): string => {
                    throw new RpcError({statusCode: 403, publicMessage: 'no', message: 'user 7 lacks scope'});
                },
                rpc: (ctx: CallContext): string => {
                    throw new RpcError({statusCode: 503, publicMessage: 'later', message: 'pool exhausted'});
                },
                after: hook(
                    (ctx: CallContext): void => {
                        if (ctx.path === '/boom') throw new TypeError('audit failed');
                    },
                    {runOnError: true},
                ),
            });
            return made;
        };
        const {router, batches} = make({});
        await router.call('boom');
        await nextTurn();
        expect(batches.flat().map((l) => [l.level, l.msg, l.data?.statusCode])).toEqual([
            ['info', 'before the failure', undefined],
            ['error', 'unexpected-error: disk full', 500],
            ['error', 'unexpected-error: audit failed', 500],
        ]);
        expect(String(batches.flat()[1]?.data?.stack)).toMatch(/^Error: disk full\n {4}at /);
        await router.call('rpc');
        await nextTurn();
        expect(batches.at(-1)?.map((l) => [l.level, l.msg])).toEqual([['error', 'RpcError: pool exhausted']]);
        expect(String(batches.at(-1)?.[0]?.data?.stack)).toMatch(/^RpcError: pool exhausted\n/);
        const count = batches.length;
        await router.call('denied');
        await nextTurn();
        expect(batches.length).toBe(count);
        const debug = make({logLevel: 'debug'});
        await debug.router.call('denied');
        await nextTurn();
        expect(debug.batches.flat().map((l) => [l.level, l.msg, l.data?.statusCode])).toEqual([
            ['debug', 'RpcError: user 7 lacks scope', 403],
        ]);
        const off = make({logInternalErrors: false, logLevel: 'debug'});
        for (const id of ['boom', 'denied', 'rpc']) await off.router.call(id);
        await nextTurn();
        expect(off.batches.flat().map((l) => l.msg)).toEqual(['before the failure']);
    });

    it('by default writes JSON lines on stdout, for 5xx calls only', async () => {
        expect(defaultRouterOptions.logInternalErrors).toBe(true);
        const written = await captureWrites(process.stdout, async () => {
            await errorsExample.router.call('orders/exportOrders', [], {headers: {'x-request-id': 'export-1'}});
            await errorsExample.router.call('orders/getOrder', [7]);
            await nextTurn();
        });
        expect(written).toHaveLength(1);
        expect(written[0]).toMatch(/^\{.*\}\n$/);
        expect(JSON.parse(written[0] as string)).toMatchObject({
            level: 'error',
            msg: 'unexpected-error: S3 bucket acme-exports: AccessDenied',
            requestId: 'export-1',
            route: 'orders/exportOrders',
            data: {statusCode: 500},
        });
    });

    it('writes one JSON object per line, one write per batch, with jsonLinesSink; pinoSink calls logger[level](obj, msg)', async () => {
        const lines: LogLine[] = [
            {time: 1, level: 'info', msg: 'a', requestId: 'r1', route: 'x'},
            {time: 2, level: 'warn', msg: 'b', requestId: 'r1', route: 'x', data: {n: 1}},
        ];
        const chunks: string[] = [];
        jsonLinesSink({write: (chunk: string) => chunks.push(chunk)})(lines);
        expect(chunks).toEqual([`${JSON.stringify(lines[0])}\n${JSON.stringify(lines[1])}\n`]);
        const {pinoRouter, pinoCalls, stderrRouter} = contextLoggerExample;
        pinoCalls.length = 0;
        await pinoRouter.call('orders/placeOrder', ['fig', 20], {headers: {'x-request-id': 'pino-1'}});
        await nextTurn();
        expect(pinoCalls.map(([level, obj, msg]) => [level, {...obj, time: 0}, msg])).toEqual([
            ['info', {requestId: 'pino-1', route: 'orders/placeOrder', time: 0, sku: 'fig', quantity: 20}, 'placing order'],
            ['debug', {requestId: 'pino-1', route: 'orders/placeOrder', time: 0}, 'stock checked'],
            ['warn', {requestId: 'pino-1', route: 'orders/placeOrder', time: 0, quantity: 20}, 'large order'],
        ]);
        const toStderr = await captureWrites(process.stderr, async () => {
            await stderrRouter.call('orders/placeOrder', ['fig', 1]);
            await nextTurn();
        });
        expect(toStderr.map((c) => JSON.parse(c).msg)).toEqual(['placing order']);
    });

    it('keeps the lines of a test context in ctx.logger.lines, for no sink', () => {
        const ctx = createTestContext({routeId: 'orders/placeOrder', headers: {'x-request-id': 'unit-1'}});
        ctx.logger.debug('dropped');
        ctx.logger.info('kept', {n: 1});
        expect(ctx.logger.lines.map((l) => [l.level, l.msg, l.requestId, l.route, l.data])).toEqual([
            ['info', 'kept', 'unit-1', 'orders/placeOrder', {n: 1}],
        ]);
    });
});

// A call answered 503 call-timeout runs finish() again when its handler settles later; its lines
// and internal errors still reach the sink once (call-context.ts, linesToFlush).
it('logs a timed-out call once, even when its handler finishes later', async () => {
    let release: () => void = () => undefined;
    const {router, batches} = loggingRouter({callTimeout: 20});
    router.registerRoutes({
        late: async (ctx: CallContext): Promise<string> => {
            ctx.logger.info('started');
            await new Promise<void>((resolve) => (release = resolve));
            return 'late';
        },
    });
    expect((await router.call('late')).statusCode).toBe(503);
    await nextTurn();
    release();
    await tick(10);
    expect(batches.flat().map((l) => l.msg)).toEqual(['started', 'call-timeout: the call did not finish within 20 ms']);
});

describe('call-context.md: route metadata', () => {
    const router = routeMetaExample.router;

    it('gives every step the route it runs for, and a hook decides by its meta', async () => {
        const ada = {authorization: 'token-ada'};
        const bob = {authorization: 'token-bob'};
        expect((await router.call('users/listUsers', [], {headers: bob})).statusCode).toBe(200);
        expect((await router.call('users/listUsers')).json().requireRole.message).toBe('users/listUsers needs the role admin or member');
        expect((await router.call('users/deleteUser', ['x'], {headers: ada})).statusCode).toBe(200);
        expect((await router.call('users/deleteUser', ['x'], {headers: {authorization: 'stolen'}})).statusCode).toBe(403);
        expect((await router.call('aboutThisRoute')).statusCode).toBe(200);
        const seen: RouteInfo[] = [];
        const r = createRouter({prefix: 'v1'});
        r.registerRoutes({
            before: hook((ctx: CallContext): void => void seen.push(ctx.route)),
            a: route((ctx: CallContext): void => void seen.push(ctx.route), {description: 'A', meta: {tier: 'gold'}}),
            b: {route: (ctx: CallContext): void => void seen.push(ctx.route), meta: {tier: 'free'}},
            c: (ctx: CallContext): void => void seen.push(ctx.route),
            after: hook((ctx: CallContext): void => void seen.push(ctx.route), {runOnError: true}),
        });
        await r.call('a');
        await r.call('a');
        expect(seen).toHaveLength(6);
        for (const info of seen) expect(info).toBe(seen[0]);
        expect(seen[0]).toEqual({id: 'a', path: '/v1/a', description: 'A', meta: {tier: 'gold'}});
        expect(Object.isFrozen(seen[0])).toBe(true);
        seen.length = 0;
        await r.call('b');
        await r.call('c');
        expect(seen.map((s) => [s.id, s.description, s.meta])).toEqual([
            ['b', undefined, {tier: 'free'}],
            ['b', undefined, {tier: 'free'}],
            ['b', undefined, {tier: 'free'}],
            ['c', undefined, {}],
            ['c', undefined, {}],
            ['c', undefined, {}],
        ]);
    });

    it('shows meta in describe(), never in the metadata document; only routes take meta', async () => {
        expect(router.describe('users/deleteUser')).toMatchObject({description: 'Deletes a user', meta: {roles: ['admin']}});
        expect(router.describe('aboutThisRoute')?.meta).toEqual({});
        const served = (await router.inject({path: '/api/@metadata'})).json()['@metadata'];
        expect(served.routes['users/deleteUser'].description).toBe('Deletes a user');
        expect(JSON.stringify(served)).not.toMatch(/"admin"|"member"|"meta"/);
        expect(startupCode(() => createRouter().registerRoutes({h: {hook: noop, meta: {roles: []}} as unknown as Routes, r: noop}))).toBe(
            StartupErrorCodes.INVALID_DEFINITION,
        );
    });
});

describe('call-context.md: AsyncLocalStorage', () => {
    it('finds the call’s context two awaits deep and in timers, for each of 200 concurrent calls', async () => {
        const {router} = asyncContextExample;
        const calls = Array.from({length: 200}, (_, i) =>
            router.call(i % 2 === 0 ? 'pets/findPet' : 'pets/countPets', i % 2 === 0 ? [`pet-${i}`] : [], {
                headers: {'x-tenant': `tenant-${i}`, 'x-request-id': `req-${i}`},
            }),
        );
        const results = await Promise.all(calls);
        results.forEach((res, i) => {
            const expected = i % 2 === 0 ? {tenant: `tenant-${i}`, name: `pet-${i}`, requestId: `req-${i}`} : `counted for tenant-${i}`;
            expect(res.json(), String(i)).toEqual({[i % 2 === 0 ? 'pets/findPet' : 'pets/countPets']: expected});
        });
    });

    it('covers the hooks before and after the route, not sharedDataFactory nor the sink', async () => {
        const seen: string[] = [];
        const attempt = (where: string): void => {
            try {
                seen.push(`${where}: ${getCallContext().route.id}`);
            } catch {
                seen.push(`${where}: throws`);
            }
        };
        const router = createRouter({
            asyncContext: true,
            sharedDataFactory: (): object => {
                attempt('factory');
                return {};
            },
            logSink: (): void => attempt('sink'),
        });
        router.registerRoutes({
            before: hook(async (ctx: CallContext): Promise<void> => {
                await tick();
                attempt('before');
            }),
            r: async (ctx: CallContext): Promise<string> => {
                ctx.logger.info('x');
                await Promise.resolve().then(() => attempt('chain'));
                return 'ok';
            },
            after: hook((ctx: CallContext): void => attempt('after'), {runOnError: true}),
        });
        await router.call('r');
        await nextTurn();
        expect(seen).toEqual(['factory: throws', 'before: r', 'chain: r', 'after: r', 'sink: throws']);
    });

    it('throws the documented error without the option or outside a call; runWithCallContext sets the context', async () => {
        const message = blockAfter('call-context.md', '- Without the option, or outside a call');
        expect(() => getCallContext()).toThrow(new Error(message));
        const {router, batches} = loggingRouter();
        router.registerRoutes({
            r: async (ctx: CallContext): Promise<string> => (await asyncContextExample.petRepository.findByName('x')).name,
        });
        const res = await router.call('r');
        expect([res.statusCode, res.json().r.name]).toEqual([500, 'unexpected-error']);
        await nextTurn();
        expect(batches.flat()[0]?.msg).toBe(`unexpected-error: ${message}`);
        const ctx = createTestContext({shared: {tenant: 'unit'}});
        expect(runWithCallContext(ctx, () => getCallContext())).toBe(ctx);
        expect(await runWithCallContext(ctx, () => asyncContextExample.petRepository.countLater())).toBe('counted for unit');
        expect(() => getCallContext()).toThrow(message);
    });
});

describe('call-context.md: typed shared data', () => {
    it('types handlers from sharedDataFactory with ContextOf<typeof router>', async () => {
        type Ctx = ContextOf<typeof contextOfExample.router>;
        expectTypeOf<Ctx['shared']>().toEqualTypeOf<{me: {id: number; name: string} | null; visits: number}>();
        expectTypeOf<ContextOf<Router>>().toEqualTypeOf<CallContext<any>>();
        const res = await contextOfExample.router.call('whoAmI', [], {hooks: {login: ['Grace']}});
        expect(res.json()).toEqual({whoAmI: 'Grace (1 visit)'});
    });

    it('type-checks the augmentation example in a program of its own, outside the docs’ program', {timeout: 120_000}, async () => {
        const host = {...ts.sys, onUnRecoverableConfigFileDiagnostic: (): void => undefined};
        const root = ts.getParsedCommandLineOfConfigFile(join(docsDir, '../tsconfig.json'), {}, host);
        expect(root?.fileNames.some((f) => f.includes('docs/examples/'))).toBe(true);
        expect(root?.fileNames.some((f) => f.includes('docs/examples/types/'))).toBe(false);
        const own = ts.getParsedCommandLineOfConfigFile(join(docsDir, 'examples/types/tsconfig.json'), {}, host);
        expect(own?.fileNames.map((f) => f.replace(/.*\/docs\//, 'docs/'))).toEqual(['docs/examples/types/app-types.mts']);
        const tsc = join(docsDir, '../node_modules/typescript/bin/tsc');
        const {stdout} = await run(process.execPath, [tsc, '-p', join(docsDir, 'examples/types/tsconfig.json')]).catch(
            (e: {stdout: string}) => e,
        );
        expect(stdout).toBe('');
    });
});
