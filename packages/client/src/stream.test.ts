// Streaming routes over a real socket: the typed client against `@hookline/node` on 127.0.0.1.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallFailedError, createClient} from './index.js';
import {createStreamApi, StreamApi} from './test-support/stream-api.js';

const {router, probe} = createStreamApi();
let server: NodeServerHandle;
beforeAll(async () => {
    server = await startNodeServer(router);
});
afterAll(() => server.close());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('streaming routes over HTTP', () => {
    // The metadata fetched once first: calls then know which routes stream.
    const ready = async () => {
        const client = createClient<StreamApi>({baseURL: server.url});
        await client.$metadata();
        return client;
    };

    it('items arrive typed and revived (Dates), then the final value', async () => {
        const client = await ready();
        const tail = client.logs.tail(3);
        const lines = [];
        for await (const line of tail) lines.push(line);
        expect(lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'line 3']);
        expect(lines[2]?.at).toEqual(new Date('2024-01-01T00:00:03.000Z'));
        expect(await tail.result).toEqual({ok: true, value: {lines: 3, until: new Date('2024-01-01T00:00:03.000Z')}});
    });

    it('the first item arrives before the last is produced', async () => {
        const client = await ready();
        const iterator = client.logs.gated()[Symbol.asyncIterator]();
        expect(await iterator.next()).toEqual({done: false, value: 'first'});
        // Only now may the server produce the last item.
        probe.open();
        expect(await iterator.next()).toEqual({done: false, value: 'last'});
        expect((await iterator.next()).done).toBe(true);
    });

    it("break runs the server generator's finally within 100 ms, and the hooks after the route", async () => {
        const client = await ready();
        probe.after.length = 0;
        let seen = 0;
        for await (const n of client.logs.endless()) {
            seen = n;
            if (n === 5) break;
        }
        const broke = Date.now();
        expect(seen).toBe(5);
        for (let i = 0; i < 100 && probe.finallyAt === undefined; i++) await sleep(2);
        expect(probe.finallyAt).toBeDefined();
        expect((probe.finallyAt as number) - broke).toBeLessThan(100);
        await sleep(10);
        expect(probe.after).toEqual(['logs/endless']);
    });

    it('the call signal aborts the stream: the loop throws an aborted CallFailedError and the server closes its generator', async () => {
        const client = await ready();
        const ctrl = new AbortController();
        const stream = client.logs.endless.$with({signal: ctrl.signal})();
        let thrown: unknown;
        try {
            for await (const n of stream) if (n === 3) ctrl.abort('enough');
        } catch (e) {
            thrown = e;
        }
        expect(thrown).toBeInstanceOf(CallFailedError);
        expect((thrown as CallFailedError).error).toMatchObject({kind: 'aborted', name: 'aborted', reason: 'enough'});
        const r = await stream.result;
        expect(r.ok ? undefined : r.error.name).toBe('aborted');
        for (let i = 0; i < 100 && probe.finallyAt === undefined; i++) await sleep(2);
        expect(probe.finallyAt).toBeDefined();
    });

    it('an error mid-stream reaches the client typed: the loop throws, result narrows on its name (errorData revived)', async () => {
        const client = await ready();
        const tail = client.logs.tail(5, 2);
        const lines: number[] = [];
        let thrown: unknown;
        try {
            for await (const line of tail) lines.push(line.n);
        } catch (e) {
            thrown = e;
        }
        expect(lines).toEqual([1, 2]);
        expect(thrown).toBeInstanceOf(CallFailedError);
        const r = await tail.result;
        if (r.ok || r.error.name !== 'tail-broken') throw new Error(`unexpected ${JSON.stringify(r)}`);
        expect(r.error.errorData.at).toEqual(new Date('2024-05-01T00:00:00.000Z'));
        expect(r.error).toMatchObject({kind: 'rpc', statusCode: 409, procedureId: 'logs/tail', errorData: {afterLine: 2}});
        expect((thrown as CallFailedError).error).toBe(r.error);
    });

    it('an error before the stream (validation) throws from the loop too', async () => {
        const client = await ready();
        const tail = client.logs.tail('x' as unknown as number);
        await expect(
            (async () => {
                for await (const line of tail) void line;
            })(),
        ).rejects.toBeInstanceOf(CallFailedError);
        const r = await tail.result;
        expect(r.ok ? undefined : r.error.name).toBe('validation-failed');
    });

    it('works before the metadata is known: the first call is a promise and a stream at once', async () => {
        const client = createClient<StreamApi>({baseURL: server.url});
        const words: string[] = [];
        for await (const w of client.logs.words(3)) words.push(w);
        expect(words).toEqual(['w0', 'w1', 'w2']);
        // The plain route on a fresh client still resolves as a promise.
        expect(await createClient<StreamApi>({baseURL: server.url}).plain.echo('hi')).toEqual({ok: true, value: 'hi'});
    });

    it('automatic batching never batches a streaming route', async () => {
        const client = createClient<StreamApi>({baseURL: server.url, batch: {}});
        const tail = client.logs.words(2);
        const echoes = [client.plain.echo('a'), client.plain.echo('b')];
        const words: string[] = [];
        for await (const w of tail) words.push(w);
        expect(words).toEqual(['w0', 'w1']);
        expect(await Promise.all(echoes)).toEqual([
            {ok: true, value: 'a'},
            {ok: true, value: 'b'},
        ]);
    });

    it('a GET streams too (what EventSource sends): server-sent events', async () => {
        const res = await fetch(`${server.url}/logs/endless`, {headers: {accept: 'text/event-stream'}});
        expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const {value} = await reader.read();
        expect(new TextDecoder().decode(value)).toMatch(/^event: item\ndata: 0\n\n/);
        await reader.cancel();
    });

    it('500 concurrent streams all complete', async () => {
        const client = await ready();
        const started = Date.now();
        const counts = await Promise.all(
            Array.from({length: 500}, async () => {
                let n = 0;
                const tail = client.logs.tail(20);
                for await (const line of tail) n += line.n > 0 ? 1 : 0;
                const r = await tail.result;
                return r.ok ? n : -1;
            }),
        );
        expect(counts.every((n) => n === 20)).toBe(true);
        expect(Date.now() - started).toBeLessThan(20_000);
    }, 30_000);
});
