import {createServer, get, Server} from 'node:http';
import {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {FakeStream, fakeStream, streamedResponse} from '../../../test/shared/fake-stream.js';
import {writeStream} from './stream.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))));

/** Serves one fake stream with writeStream on 127.0.0.1; returns its URL and a promise of writeStream's end. */
async function serve(stream: FakeStream): Promise<{url: string; written: Promise<void>}> {
    let written!: Promise<void>;
    server = createServer((req, res) => void (written = writeStream(res, streamedResponse(stream, {'x-call': '1'}))));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const {port} = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/`,
        get written() {
            return written;
        },
    };
}

describe('writeStream', () => {
    it('sends status and headers at once, then every chunk, then ends', async () => {
        const stream = fakeStream(3, (i) => `event: item\ndata: ${i}\n\n`, 5);
        const at = await serve(stream);
        const res = await fetch(at.url);
        expect(res.status).toBe(200);
        expect(res.headers.get('x-call')).toBe('1');
        expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(await res.text()).toBe('event: item\ndata: 0\n\nevent: item\ndata: 1\n\nevent: item\ndata: 2\n\n');
        await at.written;
        expect(stream.cancelled).toBe(false);
    });

    it('asks for the next chunk only when the socket has room: a reader that stalls holds the stream back', async () => {
        const chunk = `data: ${'x'.repeat(64 * 1024)}\n\n`;
        const stream = fakeStream(Infinity, () => chunk);
        const at = await serve(stream);
        const req = get(at.url, (res) => res.pause());
        await sleep(300);
        const pulledWhileStalled = stream.pulled;
        await sleep(200);
        // Stalled: nothing more was pulled, and what was is bounded by the socket's buffers.
        expect(stream.pulled).toBe(pulledWhileStalled);
        expect(pulledWhileStalled * chunk.length).toBeLessThan(32 * 1024 * 1024);
        req.destroy();
        await at.written;
        expect(stream.cancelled).toBe(true);
    });

    it('cancels the stream when the client goes away before its end', async () => {
        const stream = fakeStream(Infinity, (i) => `data: ${i}\n\n`, 2);
        const at = await serve(stream);
        const ctrl = new AbortController();
        const res = await fetch(at.url, {signal: ctrl.signal});
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        ctrl.abort();
        await at.written;
        expect(stream.cancelled).toBe(true);
    });
});
