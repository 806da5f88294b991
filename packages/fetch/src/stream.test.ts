import {describe, expect, it} from 'vitest';
import {fakeStream, streamedResponse} from '../../../test/shared/fake-stream.js';
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
