import {describe, expect, it} from 'vitest';
import {fakeStream, streamedResponse} from '../../../test/shared/fake-stream.js';
import {CallContext, createRouter, rawHook} from '@hookline/router';
import {createFetchHandler} from './handler.js';
import {FetchRawResponse} from './raw-response.js';
import {toStreamResponse} from './stream.js';

describe('toStreamResponse', () => {
    it('a Response whose body is the stream, pulled as it is read; headers kept, connection left out', async () => {
        const stream = fakeStream(3, (i) => `data: ${i}\n\n`);
        let ended = 0;
        const res = toStreamResponse(streamedResponse(stream, {connection: 'close', 'x-call': '1'}), () => ended++);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(res.headers.get('x-call')).toBe('1');
        expect(res.headers.has('connection')).toBe(false);
        expect(await res.text()).toBe('data: 0\n\ndata: 1\n\ndata: 2\n\n');
        expect(ended).toBe(1);
    });

    it('pulls one chunk ahead of the reader at most (backpressure)', async () => {
        const stream = fakeStream(Infinity, (i) => `data: ${i}\n\n`);
        const res = toStreamResponse(streamedResponse(stream));
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await reader.read();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(stream.pulled).toBeLessThanOrEqual(3);
        await reader.cancel();
    });

    it('cancelling the body cancels the stream', async () => {
        const stream = fakeStream(Infinity, (i) => `data: ${i}\n\n`);
        let ended = 0;
        const res = toStreamResponse(streamedResponse(stream), () => ended++);
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await reader.cancel();
        expect(stream.cancelled).toBe(true);
        expect(ended).toBe(1);
    });
});

describe('createFetchHandler with a streaming route', () => {
    it("streams the events, after a raw hook's progress when one wrote", async () => {
        const router = createRouter();
        router.registerRoutes({
            progress: rawHook((ctx: CallContext, request: Request, response: FetchRawResponse): void => {
                if (request.headers.has('x-progress')) response.write('starting\n');
            }),
            ticks: async function* (ctx: CallContext): AsyncGenerator<number> {
                yield 1;
                yield 2;
            },
        });
        const handler = createFetchHandler(router);
        const plain = await handler(new Request('http://127.0.0.1/ticks', {method: 'POST'}));
        expect(plain.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        const events = 'event: item\ndata: 1\n\nevent: item\ndata: 2\n\nevent: result\ndata: null\n\n';
        expect(await plain.text()).toBe(events);
        const withProgress = await handler(new Request('http://127.0.0.1/ticks', {method: 'POST', headers: {'x-progress': '1'}}));
        expect(await withProgress.text()).toBe(`starting\n${events}`);
    });
});
