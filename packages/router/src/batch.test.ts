import {describe, expect, it} from 'vitest';
import {
    CallContext,
    createRouter,
    getCallContext,
    headersHook,
    hook,
    LogLine,
    rawHook,
    route,
    Router,
    RpcError,
    StartupError,
} from './index.js';

interface Entry {
    status: number;
    body: Record<string, any>;
    headers?: Record<string, string>;
}

const batch = async (router: Router, calls: unknown, headers: Record<string, string> = {}) => {
    const res = await router.inject({path: '/@batch', headers, body: calls});
    return {res, entries: res.statusCode === 200 ? (res.json() as Entry[]) : []};
};

/** A router whose hooks count their runs, per batch request. */
function countingRouter(extra: Parameters<typeof createRouter>[0] = {}) {
    const runs: string[] = [];
    const router = createRouter({...extra, logSink: () => undefined});
    router.registerRoutes({
        auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
            runs.push('auth');
            if (token !== 'ok') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
            ctx.shared.user = 'ada';
        }),
        load: hook((ctx: CallContext): void => {
            runs.push('load');
            ctx.shared.loaded = (ctx.shared.loaded ?? 0) + 1;
        }),
        users: {
            get: (ctx: CallContext, id: number): {id: number; user: string; loaded: number} => ({
                id,
                user: ctx.shared.user,
                loaded: ctx.shared.loaded,
            }),
            keys: (ctx: CallContext): string[] => {
                ctx.shared.mine = true;
                return Object.keys(ctx.shared);
            },
            crash: (ctx: CallContext): string => {
                throw new Error('db down');
            },
            slow: async (ctx: CallContext, ms: number): Promise<number> => {
                await new Promise((r) => setTimeout(r, ms));
                return ms;
            },
        },
        logAfter: hook((ctx: CallContext): void => void runs.push(`after ${ctx.route.id} ${ctx.response.hasErrors}`), {runOnError: true}),
    });
    return {router, runs};
}

describe('the batch route', () => {
    it('answers one entry per call, in order, each as the call alone would be answered', async () => {
        const {router} = countingRouter();
        const {res, entries} = await batch(
            router,
            [
                {route: 'users/get', body: {'users/get': [1]}},
                {route: 'users/crash'},
                {route: 'users/get', body: {'users/get': ['x']}},
                {route: 'users/get', body: {'users/get': [2]}},
            ],
            {authorization: 'ok'},
        );
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(entries.map((e) => e.status)).toEqual([200, 500, 400, 200]);
        expect(entries[0]?.body).toEqual({'users/get': {id: 1, user: 'ada', loaded: 1}});
        expect(entries[1]?.body).toEqual({'users/crash': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
        expect(entries[2]?.body['users/get'].name).toBe('validation-failed');
        expect(entries[3]?.body).toEqual({'users/get': {id: 2, user: 'ada', loaded: 1}});
        const alone = await router.call('users/get', [1], {headers: {authorization: 'ok'}});
        expect(entries[0]?.body).toEqual(alone.json());
    });

    it('runs shared hooks (header hooks, hooks without params) once per batch, before any own step, in order of first appearance', async () => {
        const {router, runs} = countingRouter();
        await batch(
            router,
            [{route: 'users/get', body: {'users/get': [1]}}, {route: 'users/keys'}, {route: 'users/get', body: {'users/get': [2]}}],
            {authorization: 'ok'},
        );
        expect(runs).toEqual(['auth', 'load', 'after users/get false', 'after users/keys false', 'after users/get false']);
    });

    it("gives each call a ctx.shared over the batch's: shared writes seen by all, a call's own writes its own", async () => {
        const {router} = countingRouter();
        const {entries} = await batch(router, [{route: 'users/keys'}, {route: 'users/keys'}], {authorization: 'ok'});
        // Object.keys lists a call's own writes only: the batch's are on the prototype.
        expect(entries.map((e) => e.body['users/keys'])).toEqual([['mine'], ['mine']]);
        const alone = await router.call('users/keys', [], {headers: {authorization: 'ok'}});
        expect(alone.json()['users/keys']).toEqual(['user', 'loaded', 'mine']);
    });

    it('fails every call behind a failing shared hook with its error and status; only their runOnError steps run', async () => {
        const {router, runs} = countingRouter();
        const {res, entries} = await batch(router, [{route: 'users/get', body: {'users/get': [1]}}, {route: 'users/keys'}], {
            authorization: 'nope',
        });
        expect(res.statusCode).toBe(200);
        const error = {auth: {name: 'RpcError', statusCode: 401, message: 'bad token'}};
        expect(entries).toEqual([
            {status: 401, body: error},
            {status: 401, body: error},
        ]);
        expect(runs).toEqual(['auth', 'after users/get true', 'after users/keys true']);
    });

    it('runs hooks with body params, and everything from the first one on, per call', async () => {
        const runs: string[] = [];
        const router = createRouter();
        router.registerRoutes({
            first: hook((ctx: CallContext): void => void runs.push('first')),
            tenant: hook((ctx: CallContext, tenant: string): void => {
                runs.push(`tenant ${tenant}`);
                ctx.shared.tenant = tenant;
            }),
            // No params, but after a hook with params: it may read what that hook wrote, so it runs per call.
            check: hook((ctx: CallContext): void => void runs.push(`check ${ctx.shared.tenant}`)),
            report: (ctx: CallContext): string => ctx.shared.tenant,
        });
        const {entries} = await batch(router, [
            {route: 'report', body: {tenant: ['acme']}},
            {route: 'report', body: {tenant: ['umbrella']}},
        ]);
        expect(entries.map((e) => e.body)).toEqual([{report: 'acme'}, {report: 'umbrella'}]);
        expect(runs).toEqual(['first', 'tenant acme', 'check acme', 'tenant umbrella', 'check umbrella']);
    });

    it('shares a hook among calls whose routes have the same meta: a hook deciding on ctx.route.meta decides per meta', async () => {
        const seen: string[] = [];
        const router = createRouter();
        const admin = {roles: ['admin']};
        router.registerRoutes({
            roles: headersHook('authorization', (ctx: CallContext, token: string): void => {
                const roles = (ctx.route.meta as {roles?: string[]}).roles;
                seen.push(ctx.route.id);
                if (roles !== undefined && token !== 'admin') throw new RpcError({statusCode: 403, publicMessage: 'admins only'});
            }),
            open: (ctx: CallContext): string => 'open',
            open2: (ctx: CallContext): string => 'open2',
            drop: route((ctx: CallContext): string => 'dropped', {meta: admin}),
            wipe: route((ctx: CallContext): string => 'wiped', {meta: admin}),
        });
        const {entries} = await batch(router, [{route: 'open'}, {route: 'drop'}, {route: 'open2'}, {route: 'wipe'}], {
            authorization: 'member',
        });
        expect(entries.map((e) => e.status)).toEqual([200, 403, 200, 403]);
        // Once for the routes without meta, once for the two sharing one meta object.
        expect(seen).toEqual(['open', 'drop']);
    });

    it('hands every call of the batch the values and headers a shared hook returned', async () => {
        const router = createRouter();
        router.registerRoutes({
            version: headersHook('x-client', (ctx: CallContext, client: string): string => `server-for-${client}`),
            stamp: hook((ctx: CallContext): string => 'stamped'),
            a: (ctx: CallContext): number => 1,
            b: (ctx: CallContext): number => 2,
        });
        const {res, entries} = await batch(router, [{route: 'a'}, {route: 'b'}], {'x-client': 'web'});
        expect(entries).toEqual([
            {status: 200, body: {stamp: 'stamped', a: 1}, headers: {'x-client': 'server-for-web'}},
            {status: 200, body: {stamp: 'stamped', b: 2}, headers: {'x-client': 'server-for-web'}},
        ]);
        // Calls' response headers stay in their entries.
        expect(res.headers['x-client']).toBeUndefined();
    });

    it("runs raw hooks once, with the batch's raw request", async () => {
        const raws: unknown[] = [];
        const router = createRouter();
        router.registerRoutes({
            raw: rawHook((ctx, rawRequest) => void raws.push(rawRequest)),
            a: (ctx: CallContext): number => 1,
            b: (ctx: CallContext): number => 2,
        });
        const rawRequest = {platform: 'object'};
        const res = await router.dispatch(
            {method: 'POST', path: '/@batch', headers: {'content-type': 'application/json'}, body: '[{"route":"a"},{"route":"b"}]'},
            rawRequest,
        );
        expect(JSON.parse(res.body)).toEqual([
            {status: 200, body: {a: 1}},
            {status: 200, body: {b: 2}},
        ]);
        expect(raws).toEqual([rawRequest]);
    });

    it('starts every call in order and lets their async handlers overlap', async () => {
        const events: string[] = [];
        let release: () => void = () => undefined;
        const gate = new Promise<void>((r) => (release = r));
        const router = createRouter();
        router.registerRoutes({
            waits: async (ctx: CallContext): Promise<string> => {
                events.push('waits starts');
                await gate;
                return 'waited';
            },
            opens: (ctx: CallContext): string => {
                events.push('opens runs');
                release();
                return 'opened';
            },
        });
        const {entries} = await batch(router, [{route: 'waits'}, {route: 'opens'}]);
        expect(events).toEqual(['waits starts', 'opens runs']);
        expect(entries.map((e) => e.body)).toEqual([{waits: 'waited'}, {opens: 'opened'}]);
    });

    it('answers a call still running at callTimeout 503 call-timeout, the others as usual', async () => {
        const {router} = countingRouter({callTimeout: 100});
        const {entries} = await batch(
            router,
            [
                {route: 'users/slow', body: {'users/slow': [1]}},
                {route: 'users/slow', body: {'users/slow': [2_000]}},
            ],
            {authorization: 'ok'},
        );
        expect(entries[0]).toEqual({status: 200, body: {'users/slow': 1}});
        expect(entries[1]?.status).toBe(503);
        expect(entries[1]?.body['@router'].name).toBe('call-timeout');
    });

    it('gives every call of a batch the one request id, echoed once on the HTTP response', async () => {
        const lines: LogLine[] = [];
        const router = createRouter({echoRequestId: true, logSink: (batchLines) => void lines.push(...batchLines)});
        router.registerRoutes({
            id: (ctx: CallContext): string => {
                ctx.logger.info('called');
                return ctx.requestId;
            },
        });
        const {res, entries} = await batch(router, [{route: 'id'}, {route: 'id'}]);
        const id = res.headers['x-request-id'] as string;
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(entries.map((e) => e.body.id)).toEqual([id, id]);
        await router.flushLogs();
        expect(lines.map((l) => l.requestId)).toEqual([id, id]);
        const given = await batch(router, [{route: 'id'}], {'x-request-id': 'req-7'});
        expect(given.entries[0]?.body.id).toBe('req-7');
    });

    it('makes the call its own context for getCallContext() with asyncContext', async () => {
        const router = createRouter({asyncContext: true});
        router.registerRoutes({
            who: (ctx: CallContext, n: number): boolean => getCallContext() === ctx,
        });
        const {entries} = await batch(router, [
            {route: 'who', body: {who: [1]}},
            {route: 'who', body: {who: [2]}},
        ]);
        expect(entries.map((e) => e.body.who)).toEqual([true, true]);
    });

    it('compiles a lazily registered route on its first batched call', async () => {
        const router = createRouter({compile: 'lazy'});
        router.registerRoutes({sum: (ctx: CallContext, a: number, b: number): number => a + b});
        const {entries} = await batch(router, [{route: 'sum', body: {sum: [1, 2]}}]);
        expect(entries).toEqual([{status: 200, body: {sum: 3}}]);
    });

    it('serves the batch route under the prefix and suffix', async () => {
        const router = createRouter({prefix: 'api', suffix: '.json'});
        router.registerRoutes({a: (ctx: CallContext): number => 1});
        const res = await router.inject({path: '/api/@batch.json', body: [{route: 'a'}]});
        expect(res.json()).toEqual([{status: 200, body: {a: 1}}]);
    });
});

describe('a malformed batch', () => {
    const {router} = countingRouter({maxBatchCalls: 3, maxBodySize: 1000});
    const refused = async (body: unknown, name = 'invalid-body') => {
        const res = await router.inject({path: '/@batch', headers: {'content-type': 'application/json'}, body});
        expect(res.statusCode).toBe(400);
        const error = res.json()['@batch'];
        expect(error.name).toBe(name);
        return error;
    };

    it('is refused with one 400 invalid-body under @batch', async () => {
        await refused({route: 'users/keys'});
        await refused('');
        await refused([]);
        await refused([{route: 'users/keys'}, 'users/keys']);
        await refused([{route: 1}]);
        await refused([{route: 'users/keys', body: [1]}]);
        await refused([{route: 'users/keys', params: []}]);
        expect(await refused([{route: 'users/keys'}, {route: 'nope'}])).toMatchObject({errorData: {index: 1, route: 'nope'}});
        expect((await refused([{route: '@metadata'}])).errorData).toEqual({index: 0, route: '@metadata'});
        expect((await refused([{route: '@batch'}])).errorData).toEqual({index: 0, route: '@batch'});
        const tooMany = await refused(Array.from({length: 4}, () => ({route: 'users/keys'})));
        expect(tooMany).toMatchObject({statusCode: 400, errorData: {maxBatchCalls: 3}});
        expect(tooMany.message).toBe('a batch carries at most 3 calls (maxBatchCalls), got 4');
        await refused('[{"route":"users/keys","body":{"__proto__":{"x":1}}}]');
    });

    it('answers HTTP-level refusals under @router, as any route does', async () => {
        const get = await router.inject({method: 'GET', path: '/@batch'});
        expect([get.statusCode, get.headers['allow'], get.json()['@router'].name]).toEqual([405, 'POST', 'method-not-allowed']);
        const json = await router.inject({path: '/@batch', headers: {'content-type': 'application/json'}, body: '[{'});
        expect([json.statusCode, json.json()['@router'].name]).toEqual([400, 'invalid-json']);
        const type = await router.inject({path: '/@batch', headers: {'content-type': 'text/plain'}, body: '[]'});
        expect([type.statusCode, type.json()['@router'].name]).toEqual([415, 'unsupported-media-type']);
        const big = await router.inject({path: '/@batch', body: [{route: 'users/keys', body: {'users/keys': ['x'.repeat(1000)]}}]});
        expect([big.statusCode, big.json()['@router'].name]).toEqual([413, 'body-too-large']);
        const deep = await router.inject({
            path: '/@batch',
            headers: {'content-type': 'application/json'},
            body: `[{"route":"users/keys","body":{"users/keys":[${'['.repeat(70)}${']'.repeat(70)}]}}]`,
        });
        expect(deep.json()['@batch'].name).toBe('invalid-body');
    });

    it('fails a call alone when its body has a key that is not on its path', async () => {
        const {entries} = await batch(router, [{route: 'users/keys', body: {'users/get': [1]}}, {route: 'users/keys'}], {
            authorization: 'ok',
        });
        expect(entries[0]).toEqual({
            status: 400,
            body: {
                '@router': {
                    name: 'invalid-body',
                    statusCode: 400,
                    message: '"users/get" is not a procedure on this route\'s execution path',
                    errorData: {id: 'users/get'},
                },
            },
        });
        expect(entries[1]?.status).toBe(200);
    });

    it('is route-not-found with maxBatchCalls 0 (batching off)', async () => {
        const off = createRouter({maxBatchCalls: 0});
        off.registerRoutes({a: (ctx: CallContext): number => 1});
        const res = await off.inject({path: '/@batch', body: [{route: 'a'}]});
        expect([res.statusCode, res.json()['@router'].name]).toEqual([404, 'route-not-found']);
        expect(off.routeIds()).toEqual(['a']);
    });

    it('refuses a maxBatchCalls that is not an integer >= 0 at startup', () => {
        for (const bad of [-1, 1.5, '8', Number.NaN]) {
            expect(() => createRouter({maxBatchCalls: bad as number})).toThrow(StartupError);
        }
        expect(createRouter().options.maxBatchCalls).toBe(32);
    });
});
