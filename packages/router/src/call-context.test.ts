import {ServerResponse} from 'node:http';
import {describe, expect, expectTypeOf, it} from 'vitest';
import {
    CallContext,
    ContextOf,
    createRouter,
    createTestContext,
    getCallContext,
    isJsonOnlyHeaders,
    JSON_CONTENT_TYPE,
    hook,
    LogLine,
    pinoSink,
    rawHook,
    route,
    RpcError,
    runWithCallContext,
} from './index.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('the call context has one fixed shape', () => {
    it('every call builds objects with the same keys in the same order, used or not', async () => {
        const seen: CallContext[] = [];
        const router = createRouter({logSink: () => undefined});
        router.registerRoutes({
            capture: hook((ctx: CallContext): void => void seen.push(ctx), {runOnError: true}),
            plain: (ctx: CallContext): number => 1,
            fancy: (ctx: CallContext, n: number): string => {
                ctx.logger.info('x');
                throw new RpcError({statusCode: 400, publicMessage: `${n} ${ctx.requestId}`});
            },
        });
        await router.call('plain');
        await router.call('fancy', [1]);
        const [a, b] = seen as [CallContext, CallContext];
        expect(Object.keys(a)).toEqual(Object.keys(b));
        expect(Object.keys(a.request)).toEqual(Object.keys(b.request));
        expect(Object.keys(a.response)).toEqual(Object.keys(b.response));
        expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    });
});

describe('lazy parts of the context', () => {
    it('ctx.shared is a fresh {} per call without a sharedDataFactory, made on first read, and can be replaced', async () => {
        const shared: unknown[] = [];
        const router = createRouter({logSink: () => undefined});
        router.registerRoutes({
            mark: hook((ctx: CallContext): void => {
                shared.push(ctx.shared);
                ctx.shared.marked = (ctx.shared.marked ?? 0) + 1;
            }),
            read: (ctx: CallContext): number => ctx.shared.marked as number,
            replace: (ctx: CallContext): string => {
                ctx.shared = {mine: 'yes'};
                return ctx.shared.mine as string;
            },
        });
        expect((await router.call('read')).json()).toEqual({read: 1});
        expect((await router.call('read')).json()).toEqual({read: 1});
        expect((await router.call('replace')).json()).toEqual({replace: 'yes'});
        expect(shared).toHaveLength(3);
        expect(shared[0]).not.toBe(shared[1]);
        expect(shared[0]).toEqual({marked: 1});
    });

    it('a call that sets no header shares one frozen headers object; a call that sets one gets its own', async () => {
        const router = createRouter({logSink: () => undefined});
        router.registerRoutes({
            plain: (ctx: CallContext): number => 1,
            sets: (ctx: CallContext): number => {
                ctx.response.headers['x-own'] = 'yes';
                return 2;
            },
            reads: (ctx: CallContext): string => ctx.response.headers['content-type'] ?? 'none',
        });
        const json = 'application/json; charset=utf-8';
        const a = await router.dispatch({method: 'POST', path: '/plain', headers: {}});
        const b = await router.dispatch({method: 'POST', path: '/plain', headers: {}});
        expect(a.headers).toEqual({'content-type': json});
        expect(a.headers).toBe(b.headers);
        expect(Object.isFrozen(a.headers)).toBe(true);
        const own = await router.dispatch({method: 'POST', path: '/sets', headers: {}});
        expect(own.headers).toEqual({'content-type': json, 'x-own': 'yes'});
        expect(Object.isFrozen(own.headers)).toBe(false);
        // Nothing leaks into the next call, nor into the shared object.
        expect((await router.dispatch({method: 'POST', path: '/plain', headers: {}})).headers).toEqual({'content-type': json});
        const read = await router.inject({path: '/reads'});
        expect(read.json()).toEqual({reads: json});
    });

    it('ctx.request.internalErrors lists the errors of the call for a hook that runs on error', async () => {
        const seen: string[][] = [];
        const router = createRouter({logSink: () => undefined});
        router.registerRoutes({
            fails: (ctx: CallContext): number => {
                throw new RpcError({statusCode: 409, publicMessage: 'conflict', message: 'private'});
            },
            ok: (ctx: CallContext): number => 1,
            after: hook((ctx: CallContext): void => void seen.push(ctx.request.internalErrors.map((e) => e.message)), {runOnError: true}),
        });
        await router.call('fails');
        await router.call('ok');
        expect(seen).toEqual([['private'], []]);
    });
});

describe('request id', () => {
    const make = (echoRequestId: boolean) => {
        const router = createRouter({echoRequestId, logSink: () => undefined});
        router.registerRoutes({
            id: (ctx: CallContext): string => ctx.requestId,
            fail: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 409, publicMessage: 'conflict'});
            },
        });
        return router;
    };

    it('takes a well-formed x-request-id, any case of header name', async () => {
        const res = await make(true).call('id', [], {headers: {'X-Request-Id': 'abc-123_X.y:z'}});
        expect(res.json()).toEqual({id: 'abc-123_X.y:z'});
        expect(res.headers['x-request-id']).toBe('abc-123_X.y:z');
    });

    it('generates a UUID when there is none, and replaces a malformed one', async () => {
        const router = make(true);
        expect((await router.call('id')).json().id).toMatch(uuid);
        for (const bad of ['a'.repeat(129), 'has space', 'semi;colon', '<script>', '']) {
            const id = (await router.call('id', [], {headers: {'x-request-id': bad}})).json().id;
            expect(id, bad).toMatch(uuid);
        }
        const twice = await router.call('id', [], {headers: {'x-request-id': ['a', 'b']}});
        expect(twice.json().id).toMatch(uuid);
    });

    it('is echoed and put on public errors only when echoRequestId is on', async () => {
        const on = await make(true).call('fail', [], {headers: {'x-request-id': 'trace-1'}});
        expect(on.json()).toEqual({fail: {name: 'RpcError', statusCode: 409, message: 'conflict', id: 'trace-1'}});
        expect(on.headers['x-request-id']).toBe('trace-1');
        const off = await make(false).call('fail', [], {headers: {'x-request-id': 'trace-1'}});
        expect(off.json()).toEqual({fail: {name: 'RpcError', statusCode: 409, message: 'conflict'}});
        expect(off.headers['x-request-id']).toBeUndefined();
    });

    it('is computed only when read', async () => {
        let captured: CallContext | undefined;
        const router = createRouter();
        router.registerRoutes({
            x: (ctx: CallContext): number => {
                captured = ctx;
                return 1;
            },
        });
        await router.call('x', [], {headers: {'x-request-id': 'lazy'}});
        expect(Object.values(captured as object)).not.toContain('lazy');
        expect(captured?.requestId).toBe('lazy');
        expect(Object.values(captured as object)).toContain('lazy');
    });
});

describe('context logger', () => {
    it('lines carry request and route ids and reach the sink after the response is sent', async () => {
        const events: string[] = [];
        const flushed: LogLine[][] = [];
        const router = createRouter({
            logSink: (lines) => {
                events.push('flushed');
                flushed.push([...lines]);
            },
        });
        router.registerRoutes({
            users: {
                watch: rawHook((ctx: CallContext, req: unknown, res: ServerResponse | undefined): void => {
                    res?.on('finish', () => events.push('response sent'));
                }),
                get: async (ctx: CallContext, id: number): Promise<number> => {
                    ctx.logger.info('loading user', {id});
                    await tick();
                    ctx.logger.debug('below the level: dropped');
                    ctx.logger.warn('slow');
                    events.push('handler done');
                    return id;
                },
            },
        });
        const {startNodeServer} = await import('@hookline/node');
        // The router under test is this package's source; the adapter is typed against its build.
        const server = await startNodeServer(router as unknown as Parameters<typeof startNodeServer>[0]);
        try {
            const res = await fetch(`${server.url}/users/get`, {
                method: 'POST',
                headers: {'content-type': 'application/json', 'x-request-id': 'req-7'},
                body: '{"users/get":[5]}',
            });
            expect(await res.json()).toEqual({'users/get': 5});
            await tick(20);
        } finally {
            await server.close();
        }
        expect(events).toEqual(['handler done', 'response sent', 'flushed']);
        expect(flushed).toHaveLength(1);
        expect(flushed[0]?.map((l) => [l.level, l.msg, l.requestId, l.route, l.data])).toEqual([
            ['info', 'loading user', 'req-7', 'users/get', {id: 5}],
            ['warn', 'slow', 'req-7', 'users/get', undefined],
        ]);
    });

    it('logs each internal error once, 5xx at error level; a call that logs nothing flushes nothing', async () => {
        const flushed: LogLine[][] = [];
        const router = createRouter({logSink: (lines) => void flushed.push([...lines])});
        router.registerRoutes({
            boom: (ctx: CallContext): string => {
                throw new Error('disk full');
            },
            quiet: (ctx: CallContext): string => 'ok',
            again: hook((ctx: CallContext): void => undefined, {runOnError: true}),
        });
        await router.call('boom');
        await router.call('quiet');
        await tick(10);
        expect(flushed).toHaveLength(1);
        expect(flushed[0]).toHaveLength(1);
        expect(flushed[0]?.[0]).toMatchObject({level: 'error', msg: 'unexpected-error: disk full', route: 'boom', data: {statusCode: 500}});
        expect(String(flushed[0]?.[0]?.data?.stack)).toContain('disk full');
    });

    it('pinoSink hands lines to a pino-style logger', () => {
        const calls: [string, object, string][] = [];
        const fake = {
            debug: (o: object, m: string) => calls.push(['debug', o, m]),
            info: (o: object, m: string) => calls.push(['info', o, m]),
            warn: (o: object, m: string) => calls.push(['warn', o, m]),
            error: (o: object, m: string) => calls.push(['error', o, m]),
        };
        pinoSink(fake)([{time: 1, level: 'warn', msg: 'hi', requestId: 'r', route: 'a/b', data: {x: 1}}]);
        expect(calls).toEqual([['warn', {requestId: 'r', route: 'a/b', time: 1, x: 1}, 'hi']]);
    });
});

describe('route metadata', () => {
    it('a hook decides by the route it guards', async () => {
        const router = createRouter();
        router.registerRoutes({
            auth: hook((ctx: CallContext, role: string): void => {
                const roles = (ctx.route.meta as {roles?: string[]}).roles ?? [];
                if (roles.length > 0 && !roles.includes(role))
                    throw new RpcError({statusCode: 403, publicMessage: `${ctx.route.id} needs ${roles.join(' or ')}`});
            }),
            admin: route((ctx: CallContext): string => 'secret', {meta: {roles: ['admin']}, description: 'admins only'}),
            open: (ctx: CallContext): string => 'public',
        });
        expect((await router.call('admin', [], {hooks: {auth: ['user']}})).json()).toEqual({
            auth: {name: 'RpcError', statusCode: 403, message: 'admin needs admin'},
        });
        expect((await router.call('admin', [], {hooks: {auth: ['admin']}})).json()).toEqual({admin: 'secret'});
        expect((await router.call('open', [], {hooks: {auth: ['user']}})).json()).toEqual({open: 'public'});
        expect(router.describe('admin')).toMatchObject({meta: {roles: ['admin']}, description: 'admins only'});
    });
});

describe('AsyncLocalStorage context', () => {
    // A "service": no context parameter, reads the current call's context.
    async function whoIsCalling(): Promise<string> {
        await tick();
        await Promise.resolve();
        return getCallContext<{user: string}>().shared.user;
    }

    function timerService(): Promise<string> {
        return new Promise((resolve) => setTimeout(() => resolve(getCallContext().requestId), 2));
    }

    it('getCallContext() works two awaits deep, in timers and promise chains', async () => {
        const router = createRouter({asyncContext: true, sharedDataFactory: () => ({user: 'nobody'})});
        router.registerRoutes({
            login: hook((ctx: CallContext<{user: string}>, user: string): void => void (ctx.shared.user = user)),
            who: async (ctx: CallContext): Promise<string[]> => [
                await whoIsCalling(),
                await timerService(),
                await Promise.resolve().then(() => getCallContext().route.id),
            ],
        });
        const res = await router.call('who', [], {hooks: {login: ['ada']}, headers: {'x-request-id': 'r1'}});
        expect(res.json()).toEqual({who: ['ada', 'r1', 'who']});
    });

    it('200 concurrent calls never see each other’s context', async () => {
        const router = createRouter({asyncContext: true, sharedDataFactory: () => ({user: ''})});
        router.registerRoutes({
            login: hook(async (ctx: CallContext<{user: string}>, user: string): Promise<void> => {
                await tick(Math.random() * 3);
                ctx.shared.user = user;
            }),
            who: async (ctx: CallContext): Promise<string> => {
                await tick(Math.random() * 3);
                return whoIsCalling();
            },
        });
        const results = await Promise.all(Array.from({length: 200}, (_, i) => router.call('who', [], {hooks: {login: [`u${i}`]}})));
        results.forEach((res, i) => expect(res.json()).toEqual({who: `u${i}`}));
    });

    it('throws a clear error when the option is off, or outside a call', async () => {
        const router = createRouter({logSink: () => undefined});
        router.registerRoutes({who: async (ctx: CallContext): Promise<string> => whoIsCalling()});
        const res = await router.call('who');
        expect(res.statusCode).toBe(500);
        expect(() => getCallContext()).toThrow(/asyncContext: true/);
    });

    it('runWithCallContext and createTestContext run a service under a given context (tests)', async () => {
        const ctx = createTestContext({headers: {'x-api': 'api'}, shared: {user: 'test-user'}, routeId: 'users/get', meta: {roles: ['x']}});
        expect(await runWithCallContext(ctx, () => whoIsCalling())).toBe('test-user');
        expect(ctx.route).toMatchObject({id: 'users/get', path: '/users/get', meta: {roles: ['x']}});
        expect(ctx.request.headers['x-api']).toBe('api');
        expect(ctx.requestId).toMatch(uuid);
    });
});

describe('typed shared data', () => {
    it('sharedDataFactory’s return type flows into ContextOf<typeof router>', () => {
        const router = createRouter({sharedDataFactory: () => ({me: null as {name: string} | null, count: 0})});
        type Ctx = ContextOf<typeof router>;
        expectTypeOf<Ctx['shared']>().toEqualTypeOf<{me: {name: string} | null; count: number}>();
        const handler = (ctx: Ctx): number => ctx.shared.count;
        expect(router.registerRoutes({handler}).handler.id).toBe('handler');
    });
});

describe('request id on early refusals', () => {
    it('404 and 405 carry the id when echoRequestId is on', async () => {
        const router = createRouter({echoRequestId: true, logSink: () => undefined});
        router.registerRoutes({x: (ctx: CallContext, n: number): number => n});
        const notFound = await router.inject({path: '/nope', headers: {'x-request-id': 'r-404'}});
        expect([notFound.statusCode, notFound.headers['x-request-id'], notFound.json()['@router'].id]).toEqual([404, 'r-404', 'r-404']);
        const wrongMethod = await router.inject({method: 'GET', path: '/x'});
        expect(wrongMethod.statusCode).toBe(405);
        expect(wrongMethod.headers['x-request-id']).toMatch(uuid);
        expect(wrongMethod.json()['@router'].id).toBe(wrongMethod.headers['x-request-id']);
    });
});

describe('isJsonOnlyHeaders', () => {
    it('is true for the JSON content type alone, and only then', () => {
        expect(isJsonOnlyHeaders({'content-type': JSON_CONTENT_TYPE})).toBe(true);
        expect(isJsonOnlyHeaders(Object.freeze({'content-type': JSON_CONTENT_TYPE}))).toBe(true);
        expect(isJsonOnlyHeaders({'content-type': JSON_CONTENT_TYPE, 'x-request-id': 'a'})).toBe(false);
        expect(isJsonOnlyHeaders({'content-type': 'application/json'})).toBe(false);
        expect(isJsonOnlyHeaders({})).toBe(false);
    });

    it('is true for the headers a call that set none shares', async () => {
        const router = createRouter();
        router.registerRoutes({ping: route((ctx: CallContext): string => 'pong')});
        const res = await router.dispatch({method: 'POST', path: '/ping', headers: {}});
        expect(Object.isFrozen(res.headers)).toBe(true);
        expect(isJsonOnlyHeaders(res.headers)).toBe(true);
    });
});
