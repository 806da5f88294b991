// createFetchHandler with Node's Request/Response: what the shared case table doesn't cover
// (CORS, raw hooks and platform arguments, waitUntil for the log queue, the request id, 413).
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, LogLine, rawHook, Routes, StartupError} from '@hookline/router';
import {createFetchHandler} from './handler.js';
import {FetchRawResponse} from './raw-response.js';

const app = 'http://app.example.test:5173';

function createApiRouter(seen: unknown[], lines: LogLine[] = []) {
    const router = createRouter({maxBodySize: 64, echoRequestId: true, logSink: (batch) => void lines.push(...batch)});
    const routes = {
        session: headersHook('X-Session', (ctx: CallContext, id: string): string => `seen-${id}`),
        platform: rawHook(
            (ctx: CallContext, request: Request, response: FetchRawResponse): void => void seen.push(request, response.platformArgs),
        ),
        whoami: (ctx: CallContext): string => {
            ctx.logger.info('whoami called');
            return 'ada';
        },
    } satisfies Routes;
    router.registerRoutes(routes);
    return router;
}

describe('createFetchHandler', () => {
    it('gives raw hooks the Request and the platform arguments', async () => {
        const seen: unknown[] = [];
        const handler = createFetchHandler(createApiRouter(seen));
        const request = new Request('http://h/whoami', {headers: {'x-session': '1'}});
        const env = {KV: 'binding'};
        const res = await handler(request, env, {waitUntil: () => undefined});
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({whoami: 'ada'});
        expect(res.headers.get('x-session')).toBe('seen-1');
        expect(seen[0]).toBe(request);
        expect((seen[1] as unknown[])[0]).toBe(env);
    });

    it("keeps the call alive with the platform's waitUntil until an asynchronous sink has sent the lines", async () => {
        const sent: string[] = [];
        const waited: Promise<unknown>[] = [];
        const router = createRouter({
            logSink: async (batch) => {
                await new Promise((resolve) => setTimeout(resolve, 10));
                sent.push(...batch.map((l) => l.msg));
            },
        });
        router.registerRoutes({hello: (ctx: CallContext): string => (ctx.logger.info('hello called'), 'hi')});
        await createFetchHandler(router)(new Request('http://h/hello'), {}, {waitUntil: (p: Promise<unknown>) => waited.push(p)});
        expect(sent).toEqual([]);
        await waited[0];
        expect(sent).toEqual(['hello called']);
    });

    it("keeps the call alive with the platform's waitUntil until the log lines reached the sink", async () => {
        const lines: LogLine[] = [];
        const waited: Promise<unknown>[] = [];
        const handler = createFetchHandler(createApiRouter([], lines));
        await handler(
            new Request('http://h/whoami', {headers: {'x-session': '1'}}),
            {},
            {waitUntil: (p: Promise<unknown>) => waited.push(p)},
        );
        expect(waited).toHaveLength(1);
        expect(lines).toHaveLength(0);
        await waited[0];
        expect(lines.map((l) => l.msg)).toEqual(['whoami called']);
    });

    it('does not call waitUntil with waitForLogs: false', async () => {
        const waited: unknown[] = [];
        const handler = createFetchHandler(createApiRouter([]), {waitForLogs: false});
        await handler(new Request('http://h/whoami', {headers: {'x-session': '1'}}), {}, {waitUntil: (p: unknown) => waited.push(p)});
        expect(waited).toEqual([]);
    });

    it('echoes the request id, the incoming one when well formed', async () => {
        const handler = createFetchHandler(createApiRouter([]));
        const res = await handler(new Request('http://h/whoami', {headers: {'x-session': '1', 'x-request-id': 'abc-123'}}));
        expect(res.headers.get('x-request-id')).toBe('abc-123');
        const fresh = await handler(new Request('http://h/whoami', {headers: {'x-session': '1'}}));
        expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers a body over maxBodySize 413 with the request id, without a connection header', async () => {
        const handler = createFetchHandler(createApiRouter([]));
        const res = await handler(
            new Request('http://h/whoami', {method: 'POST', headers: {'x-request-id': 'big-1'}, body: 'x'.repeat(65)}),
        );
        expect(res.status).toBe(413);
        expect(res.headers.get('x-request-id')).toBe('big-1');
        expect(res.headers.has('connection')).toBe(false);
        expect(await res.json()).toMatchObject({'@router': {name: 'body-too-large', id: 'big-1'}});
    });

    it('reports a body stream that errors to onError, and answers 400', async () => {
        const errors: unknown[] = [];
        const handler = createFetchHandler(createApiRouter([]), {onError: (e) => errors.push(e)});
        const body = new ReadableStream({pull: (c) => c.error(new Error('reset'))});
        const res = await handler(new Request('http://h/whoami', {method: 'POST', body, duplex: 'half'} as RequestInit));
        expect(res.status).toBe(400);
        expect((errors[0] as Error).message).toBe('reset');
    });
});

describe('createFetchHandler: a declared length (the fast path) and none (the counting stream) answer alike', () => {
    const handler = createFetchHandler(createApiRouter([]));
    const call = async (init: RequestInit, declare: boolean): Promise<{status: number; headers: Record<string, string>; body: string}> => {
        const headers = new Headers(init.headers);
        if (declare && typeof init.body === 'string') headers.set('content-length', String(new TextEncoder().encode(init.body).byteLength));
        if (declare && init.body instanceof Uint8Array) headers.set('content-length', String(init.body.byteLength));
        const res = await handler(new Request('http://h/whoami', {...init, headers}));
        return {status: res.status, headers: Object.fromEntries(res.headers), body: await res.text()};
    };
    const json = {'content-type': 'application/json', 'x-session': '1', 'x-request-id': 'id-1'};

    it.each([
        ['a call', {method: 'POST', headers: json, body: '{}'}],
        ['a body that is not JSON (415)', {method: 'POST', headers: {...json, 'content-type': 'text/plain'}, body: '{}'}],
        ['a body of bytes that are not UTF-8 (400)', {method: 'POST', headers: json, body: new Uint8Array([0x7b, 0xff, 0x7d])}],
        ['a body over maxBodySize (413)', {method: 'POST', headers: json, body: `{"whoami":"${'x'.repeat(64)}"}`}],
        [
            'a refused header hook (no x-session)',
            {method: 'POST', headers: {'content-type': 'application/json', 'x-request-id': 'id-1'}, body: '{}'},
        ],
        ['a call with a raw hook', {method: 'POST', headers: json, body: '{"platform":[]}'}],
    ] as const)('%s', async (_name, init) => {
        const declared = await call(init as RequestInit, true);
        expect(declared).toEqual(await call(init as RequestInit, false));
        if (init.headers['x-request-id'] !== undefined) expect(declared.headers['x-request-id']).toBe('id-1');
    });

    it('rejects, never throws, when the runtime refuses the Response (a GET too)', async () => {
        const router = createRouter();
        router.registerRoutes({
            bad: (ctx: CallContext): string => ((ctx.response.headers['x-bad'] = 'a\nb'), 'x'),
        });
        const bad = createFetchHandler(router);
        for (const init of [{}, {method: 'POST', headers: {'content-type': 'application/json', 'content-length': '2'}, body: '{}'}])
            await expect(bad(new Request('http://h/bad', init))).rejects.toThrow(TypeError);
    });

    it('answers 400 and reports to onError when the declared body fails to read', async () => {
        const errors: unknown[] = [];
        const failing = createFetchHandler(createApiRouter([]), {onError: (e) => errors.push(e)});
        const body = new ReadableStream({pull: (c) => c.error(new Error('reset'))});
        const headers = {...json, 'content-length': '2'};
        const res = await failing(new Request('http://h/whoami', {method: 'POST', headers, body, duplex: 'half'} as RequestInit));
        expect(res.status).toBe(400);
        expect((errors[0] as Error).message).toBe('reset');
    });

    it('refuses a declared length over maxBodySize without reading the body', async () => {
        let pulled = false;
        const body = new ReadableStream({pull: (c) => void ((pulled = true), c.enqueue(new Uint8Array(100)))});
        const request = new Request('http://h/whoami', {
            method: 'POST',
            headers: {...json, 'content-length': '100'},
            body,
            duplex: 'half',
        } as RequestInit);
        const res = await handler(request);
        expect(res.status).toBe(413);
        expect(pulled).toBe(false);
    });
});

describe('createFetchHandler with cors (the Node adapter’s option and policy)', () => {
    const handler = createFetchHandler(createApiRouter([]), {cors: {origin: app, credentials: true}});

    it('answers a preflight 204 with the allowed headers, from the header hooks and the request id header', async () => {
        const res = await handler(
            new Request('http://h/whoami', {method: 'OPTIONS', headers: {origin: app, 'access-control-request-method': 'POST'}}),
        );
        expect(res.status).toBe(204);
        expect(Object.fromEntries(res.headers)).toMatchObject({
            'access-control-allow-origin': app,
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'content-type, x-session, x-request-id',
            'access-control-allow-credentials': 'true',
            vary: 'origin',
        });
    });

    it('adds the CORS headers to a call from an allowed origin, only vary for another', async () => {
        const ok = await handler(new Request('http://h/whoami', {headers: {origin: app, 'x-session': '1'}}));
        expect(ok.headers.get('access-control-allow-origin')).toBe(app);
        expect(ok.headers.get('access-control-expose-headers')).toBe('x-session, x-request-id');
        const other = await handler(new Request('http://h/whoami', {headers: {origin: 'https://evil.test', 'x-session': '1'}}));
        expect(other.headers.has('access-control-allow-origin')).toBe(false);
        expect(other.headers.get('vary')).toBe('origin');
    });

    it('adds the CORS headers to a POST of declared length as to one without', async () => {
        const post = async (declare: boolean): Promise<Response> => {
            const headers = new Headers({origin: app, 'content-type': 'application/json', 'x-session': '1', 'x-request-id': 'c-1'});
            if (declare) headers.set('content-length', '2');
            return handler(new Request('http://h/whoami', {method: 'POST', headers, body: '{}'}));
        };
        const declared = await post(true);
        expect(declared.headers.get('access-control-allow-origin')).toBe(app);
        expect(Object.fromEntries(declared.headers)).toEqual(Object.fromEntries((await post(false)).headers));
        expect(await declared.json()).toEqual({whoami: 'ada'});
    });

    it('refuses wrong options at creation, like the Node adapter', () => {
        expect(() => createFetchHandler(createApiRouter([]), {cors: {origin: 'https://a.test/'}})).toThrow(StartupError);
    });
});
