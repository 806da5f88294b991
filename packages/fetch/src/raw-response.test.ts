// The raw-hook progress stream with Node's Request/Response: the seed's progress hook (test/seeds/
// samples/003-hooks-raw-definition.ts: `rawResponse.write(`\n${total}%`)` on a timer, then the
// route) answered by createFetchHandler as a ReadableStream, compared with what the Node adapter
// sends over HTTP for the same routes; a hook that ends the response; a step failing after a write.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startNodeServer, NodeServerHandle} from '@hookline/node';
import {CallContext, createRouter, rawHook, Routes, RpcError} from '@hookline/router';
import {createFetchHandler} from './handler.js';
import {FetchRawResponse} from './raw-response.js';

/** Either adapter's raw response, as far as these hooks use it. */
interface Writable {
    write(chunk: string): unknown;
    setHeader(name: string, value: string): unknown;
    end(chunk?: string): unknown;
}

/** The seed's progress hook, with 10 writes of 10% instead of 101. */
const progress = rawHook(
    (ctx: CallContext, rawRequest: unknown, rawResponse: Writable): Promise<void> =>
        new Promise((resolve) => {
            let total = 0;
            const timer = setInterval(() => {
                total += 10;
                rawResponse.write(`\n${total}%`);
                if (total >= 100) {
                    clearInterval(timer);
                    resolve();
                }
            }, 5);
        }),
);

let routeRan = false;
const routes = {
    progress,
    hello: (ctx: CallContext): {hello: string} => {
        routeRan = true;
        return {hello: 'world'};
    },
    typed: rawHook((ctx: CallContext, rawRequest: unknown, rawResponse: Writable): void => {
        rawResponse.setHeader('content-type', 'text/plain; charset=utf-8');
        rawResponse.write('working\n');
    }),
    fails: (ctx: CallContext): string => {
        throw new RpcError({statusCode: 404, publicMessage: 'gone'});
    },
    csv: rawHook((ctx: CallContext, rawRequest: unknown, rawResponse: Writable): void => void rawResponse.end('id,total\n1,42\n')),
    afterCsv: (ctx: CallContext): string => 'not sent',
} satisfies Routes;

function createApiRouter() {
    const router = createRouter({logSink: () => undefined});
    router.registerRoutes({progress: routes.progress, hello: routes.hello});
    router.registerRoutes({typed: routes.typed, fails: routes.fails});
    router.registerRoutes({csv: routes.csv, afterCsv: routes.afterCsv});
    return router;
}

const post = (path: string): Request => new Request(`http://h${path}`, {method: 'POST'});

describe('the raw-hook progress stream (FetchRawResponse)', () => {
    let node: NodeServerHandle;
    beforeAll(async () => void (node = await startNodeServer(createApiRouter())));
    afterAll(() => node.close());

    it("answers the seed's progress hook as the Node adapter does: status 200, the progress, then the body", async () => {
        const fetchRes = await createFetchHandler(createApiRouter())(post('/hello'));
        const nodeRes = await fetch(`${node.url}/hello`, {method: 'POST'});
        const expected = Array.from({length: 10}, (_, i) => `\n${(i + 1) * 10}%`).join('') + '{"hello":{"hello":"world"}}';
        expect(fetchRes.status).toBe(200);
        expect(nodeRes.status).toBe(200);
        expect(await fetchRes.text()).toBe(expected);
        expect(await nodeRes.text()).toBe(expected);
        expect(fetchRes.headers.get('content-type')).toBe(null);
    });

    it('sends the Response at the first write: the progress is readable while the call goes on', async () => {
        routeRan = false;
        const res = await createFetchHandler(createApiRouter())(post('/hello'));
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const first = await reader.read();
        expect(new TextDecoder().decode(first.value)).toBe('\n10%');
        expect(routeRan).toBe(false);
        let rest = '';
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
        expect(rest).toMatch(/100%\{"hello":\{"hello":"world"\}\}$/);
        expect(routeRan).toBe(true);
    });

    it("keeps the hook's status and headers when a later step fails: the error shows only in the body, as on Node", async () => {
        const res = await createFetchHandler(createApiRouter(), {cors: {origin: 'https://app.test'}})(
            new Request('http://h/fails', {method: 'POST', headers: {origin: 'https://app.test'}}),
        );
        const nodeRes = await fetch(`${node.url}/fails`, {method: 'POST'});
        expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
        expect([nodeRes.status, nodeRes.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
        const body = await res.text();
        expect(body).toBe(await nodeRes.text());
        expect(body).toBe('working\n{"fails":{"name":"RpcError","statusCode":404,"message":"gone"}}');
        // The router's headers (CORS ones included) are not sent once the hook has sent the response, as on Node.
        expect(res.headers.has('access-control-allow-origin')).toBe(false);
    });

    it('lets a hook end the response: nothing more is written, as on Node', async () => {
        const res = await createFetchHandler(createApiRouter())(post('/afterCsv'));
        const nodeRes = await fetch(`${node.url}/afterCsv`, {method: 'POST'});
        expect(await res.text()).toBe('id,total\n1,42\n');
        expect(await nodeRes.text()).toBe('id,total\n1,42\n');
    });

    it('drops writes after the end or after the client went away', async () => {
        const raw = new FetchRawResponse([]);
        expect(raw.headersSent).toBe(false);
        raw.writeHead(202, {'x-step': 1});
        expect(raw.write('a')).toBe(true);
        const res = raw.response as Response;
        expect([res.status, res.headers.get('x-step')]).toEqual([202, '1']);
        await res.body?.cancel();
        expect(raw.write('b')).toBe(false);
        raw.finish('{}');
        expect(raw.writableEnded).toBe(true);
        const ended = new FetchRawResponse([]);
        ended.end();
        expect(ended.write('late')).toBe(false);
        expect(await ended.response?.text()).toBe('');
    });
});
