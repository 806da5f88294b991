// Batched calls over real HTTP: the typed client against @hookline/node on 127.0.0.1. Explicit
// ($batch) and automatic batches, each call's own result (Dates revived), hook values, headers,
// signal and timeout, and the fallbacks (batching off on the server, a smaller maxBatchCalls).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, headersHook, hook, RouterOptions, RpcError} from '@hookline/router';
import {CallResult, createClient} from './index.js';
import {recordingFetch, SentRequest} from './test-support/fetch.js';
import {autoBatched, batched} from '../../../docs/client-examples/batch.js';
import {createExampleApi} from '../../../examples/node-server/src/api.js';
import {Store} from '../../../examples/node-server/src/store.js';

const runs: string[] = [];
const routes = {
    auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
        runs.push('auth');
        if (token !== 'Bearer ok') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
    }),
    users: {
        getUser: (ctx: CallContext, id: number): {id: number; createdAt: Date} => ({id, createdAt: new Date(Date.UTC(2024, 0, id))}),
        missing: (ctx: CallContext, id: number): string => {
            throw new RpcError({statusCode: 404, publicMessage: `no user ${id}`});
        },
    },
    reports: {
        tenant: hook((ctx: CallContext, tenant: string): void => {
            ctx.shared.tenant = tenant;
        }),
        monthly: (ctx: CallContext, month: number): string => `${ctx.shared.tenant}/${month}`,
    },
    slow: async (ctx: CallContext, ms: number): Promise<number> => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return ms;
    },
    trace: (ctx: CallContext): string => String(ctx.request.headers['x-trace'] ?? 'none'),
};

function apiRouter(options: Partial<RouterOptions> = {}) {
    const router = createRouter({logSink: () => undefined, ...options});
    return {router, apiSpec: router.registerRoutes(routes)};
}
type Api = ReturnType<typeof apiRouter>['apiSpec'];

const value = <T>(res: CallResult<T, unknown>): T => {
    if (!res.ok) throw new Error(`call failed: ${JSON.stringify(res.error)}`);
    return res.value;
};
const urls = (sent: SentRequest[]): string[] => sent.map((r) => r.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''));

const servers: NodeServerHandle[] = [];
async function serve(options: Partial<RouterOptions> = {}) {
    const {router} = apiRouter(options);
    const server = await startNodeServer(router, {host: '127.0.0.1', port: 0});
    servers.push(server);
    const recorder = recordingFetch();
    return {router, url: server.url, ...recorder};
}
afterAll(async () => {
    for (const server of servers) await server.close();
});

let api: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
    api = await serve();
});

function client(batch?: Parameters<typeof createClient>[0]['batch'], timeoutMs?: number) {
    api.sent.length = 0;
    const c = createClient<Api>({baseURL: api.url, fetch: api.fetch, metadata: api.router.getMetadata(), batch, timeoutMs});
    c.auth.$set('Bearer ok');
    return c;
}

describe('client.$batch', () => {
    it('sends the calls made in the callback as one request and resolves to their results, in order, Dates revived', async () => {
        const c = client();
        runs.length = 0;
        const [one, two, missing, report] = await c.$batch(() => [
            c.users.getUser(1),
            c.users.getUser(2),
            c.users.missing(7),
            c.reports.monthly.$with({hooks: {'reports/tenant': ['acme']}})(3),
        ]);
        expect(urls(api.sent)).toEqual(['/@batch']);
        expect(api.sent[0]?.body).toEqual([
            {route: 'users/getUser', body: {'users/getUser': [1]}},
            {route: 'users/getUser', body: {'users/getUser': [2]}},
            {route: 'users/missing', body: {'users/missing': [7]}},
            {route: 'reports/monthly', body: {'reports/tenant': ['acme'], 'reports/monthly': [3]}},
        ]);
        expect(value(one)).toEqual({id: 1, createdAt: new Date('2024-01-01T00:00:00.000Z')});
        expect(value(two).createdAt).toBeInstanceOf(Date);
        expect(missing.ok ? undefined : missing.error).toMatchObject({
            kind: 'rpc',
            statusCode: 404,
            message: 'no user 7',
            procedureId: 'users/missing',
        });
        expect(value(report)).toBe('acme/3');
        // The header hook ran once for the batch.
        expect(runs).toEqual(['auth']);
    });

    it('keeps each call its own hook values', async () => {
        const c = client();
        const results = await c.$batch(() => [
            c.reports.monthly.$with({hooks: {'reports/tenant': ['acme']}})(1),
            c.reports.monthly.$with({hooks: {'reports/tenant': ['umbrella']}})(2),
        ]);
        expect(results.map(value)).toEqual(['acme/1', 'umbrella/2']);
        expect(api.sent).toHaveLength(1);
    });

    it('sends calls with headers of their own in a request of their own', async () => {
        const c = client();
        const results = await c.$batch(() => [
            c.trace(),
            c.trace.$with({headers: {'x-trace': 'a'}})(),
            c.trace(),
            c.trace.$with({headers: {'x-trace': 'a'}})(),
            c.trace.$with({headers: {'x-trace': 'b'}})(),
        ]);
        expect(results.map(value)).toEqual(['none', 'a', 'none', 'a', 'b']);
        // Two batches (no header, x-trace a) and one single call (x-trace b).
        expect(urls(api.sent).sort()).toEqual(['/@batch', '/@batch', '/trace']);
    });

    it('resolves an aborted call as aborted and a timed-out one as timeout while the others complete', async () => {
        const c = client();
        const ctrl = new AbortController();
        const pending = c.$batch(() => [
            c.slow.$with({signal: ctrl.signal})(300),
            c.slow.$with({timeoutMs: 50})(300),
            c.slow(20),
            c.users.getUser(3),
        ]);
        setTimeout(() => ctrl.abort('changed my mind'), 30);
        const [aborted, timedOut, slow, user] = await pending;
        expect(aborted.ok ? undefined : aborted.error).toMatchObject({kind: 'aborted', reason: 'changed my mind'});
        expect(timedOut.ok ? undefined : timedOut.error).toMatchObject({kind: 'timeout', timeoutMs: 50});
        expect(value(slow)).toBe(20);
        expect(value(user).id).toBe(3);
        expect(api.sent).toHaveLength(1);
    });

    it("gives every call the batch's failure when the batch can't be answered", async () => {
        const c = createClient<Api>({baseURL: 'http://127.0.0.1:9/', metadata: api.router.getMetadata()});
        const [a, b] = await c.$batch(() => [c.users.getUser(1), c.users.getUser(2)]);
        expect([a.error?.kind, b.error?.kind]).toEqual(['network', 'network']);
    });

    it('sends a lone call as a single call, and fetches the metadata first when it is not embedded', async () => {
        const c = client();
        const [user] = await c.$batch(() => [c.users.getUser(4)]);
        expect(value(user).id).toBe(4);
        expect(urls(api.sent)).toEqual(['/users/getUser']);
        api.sent.length = 0;
        const fetching = createClient<Api>({baseURL: api.url, fetch: api.fetch, headers: {authorization: 'Bearer ok'}});
        const both = await fetching.$batch(() => [fetching.users.getUser(5), fetching.users.getUser(6)]);
        expect(both.map((r) => value(r).createdAt.getUTCDate())).toEqual([5, 6]);
        expect(urls(api.sent)).toEqual(['/@metadata', '/@batch']);
    });
});

describe('automatic batching (the batch option)', () => {
    it('gathers the calls of one tick into batches of at most maxCalls', async () => {
        const c = client({maxCalls: 3});
        const results = await Promise.all([1, 2, 3, 4, 5].map((id) => c.users.getUser(id)));
        expect(results.map((r) => value(r).id)).toEqual([1, 2, 3, 4, 5]);
        expect(urls(api.sent)).toEqual(['/@batch', '/@batch']);
        expect(api.sent.map((r) => (r.body as unknown[]).length)).toEqual([3, 2]);
    });

    it('sends a call made alone as a single call', async () => {
        const c = client({});
        expect(value(await c.users.getUser(1)).id).toBe(1);
        expect(value(await c.users.getUser(2)).id).toBe(2);
        expect(urls(api.sent)).toEqual(['/users/getUser', '/users/getUser']);
    });

    it('waits up to maxWaitMs for more calls', async () => {
        const c = client({maxWaitMs: 50});
        const first = c.users.getUser(1);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const second = c.users.getUser(2);
        expect([value(await first).id, value(await second).id]).toEqual([1, 2]);
        expect(urls(api.sent)).toEqual(['/@batch']);
    });

    it('leaves excluded routes out', async () => {
        const c = client({exclude: ['trace']});
        await Promise.all([c.trace(), c.users.getUser(1), c.users.getUser(2)]);
        expect(urls(api.sent).sort()).toEqual(['/@batch', '/trace']);
    });
});

describe('servers that batch less', () => {
    it('falls back to single calls, and remembers it, when the server has batching off', async () => {
        const off = await serve({maxBatchCalls: 0});
        const c = createClient<Api>({baseURL: off.url, fetch: off.fetch, metadata: off.router.getMetadata(), batch: {}});
        c.auth.$set('Bearer ok');
        const first = await Promise.all([c.users.getUser(1), c.users.getUser(2)]);
        expect(first.map((r) => value(r).id)).toEqual([1, 2]);
        expect(urls(off.sent)).toEqual(['/@batch', '/users/getUser', '/users/getUser']);
        off.sent.length = 0;
        const [again] = await c.$batch(() => [c.users.getUser(3), c.users.getUser(4)]);
        expect(value(again).id).toBe(3);
        expect(urls(off.sent)).toEqual(['/users/getUser', '/users/getUser']);
    });

    it("sends again in batches of the server's maxBatchCalls when a batch was refused for its size", async () => {
        const small = await serve({maxBatchCalls: 2});
        const c = createClient<Api>({baseURL: small.url, fetch: small.fetch, metadata: small.router.getMetadata()});
        c.auth.$set('Bearer ok');
        const results = await c.$batch(() => [1, 2, 3, 4, 5].map((id) => c.users.getUser(id)));
        expect(results.map((r) => value(r).id)).toEqual([1, 2, 3, 4, 5]);
        expect(small.sent.map((r) => (Array.isArray(r.body) ? r.body.length : 1))).toEqual([5, 2, 2, 1]);
    });
});

describe('the docs example (docs/client.md#batching) against the example API', () => {
    it('answers what the page states, in one request each', async () => {
        const {router} = createExampleApi(new Store(), () => undefined, {logSink: () => undefined});
        const server = await startNodeServer(router, {host: '127.0.0.1', port: 0});
        servers.push(server);
        const recorder = recordingFetch();
        expect(await batched(server.url, recorder.fetch)).toEqual(['me: Ada, since 2024', 'no user 99', '1 pet(s)']);
        expect(urls(recorder.sent)).toEqual(['/@metadata', '/@batch']);
        recorder.sent.length = 0;
        expect(await autoBatched(server.url, recorder.fetch)).toEqual(['Ada', 'Grace']);
        expect(urls(recorder.sent)).toEqual(['/@metadata', '/@batch']);
    });
});
