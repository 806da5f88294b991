import {createServer, IncomingMessage, Server, ServerResponse} from 'node:http';
import {AddressInfo, connect, Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {DrainBounds, drainRefusedBody} from './drain.js';

/** A server that refuses every body at once with a 413 and `connection: close`, then drains within `bounds`. */
async function refusingServer(
    bounds: DrainBounds,
): Promise<{server: Server; port: number; drained: () => number; bodyEnded: Promise<number>}> {
    let drained = 0;
    let ended: (bytes: number) => void = () => undefined;
    const bodyEnded = new Promise<number>((resolve) => (ended = resolve));
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(413, {'content-type': 'application/json', connection: 'close'}).end('{"refused":true}');
        req.on('data', (c: Buffer) => (drained += c.length));
        req.on('end', () => ended(drained));
        drainRefusedBody(req, res, bounds);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {server, port: (server.address() as AddressInfo).port, drained: () => drained, bodyEnded};
}

/** A raw client: sends the head of a chunked POST, then `chunks` of 64 KiB while the socket takes them. */
function rawUpload(port: number, chunks: number): Promise<{received: string; error: string | undefined; sent: number}> {
    return new Promise((resolve) => {
        // A client that goes on sending after the server's FIN, as one busy uploading does.
        const socket: Socket = connect({port, host: '127.0.0.1', allowHalfOpen: true});
        let received = '';
        let error: string | undefined;
        let sent = 0;
        const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
        socket.on('data', (c: Buffer) => (received += c.toString()));
        socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
        socket.on('close', () => resolve({received, error, sent}));
        socket.write('POST /x HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        const pump = (): void => {
            while (sent < chunks && !socket.destroyed) {
                sent++;
                if (!socket.write(chunk)) return void socket.once('drain', pump);
            }
            if (!socket.destroyed) socket.end('0\r\n\r\n');
        };
        pump();
    });
}

describe('drainRefusedBody', () => {
    let server: Server | undefined;
    afterEach(async () => {
        server?.closeAllConnections();
        await new Promise((resolve) => server?.close(resolve));
        server = undefined;
    });

    it('reads the rest of a refused body and closes cleanly once it ends: the client gets the 413, no reset', async () => {
        const s = await refusingServer({ms: 60_000, bytes: 64 * 1024 * 1024});
        server = s.server;
        const {received, error, sent} = await rawUpload(s.port, 160); // 10 MiB after the refusal
        expect(received).toMatch(/^HTTP\/1\.1 413 /);
        expect(received).toContain('{"refused":true}');
        expect(error).toBeUndefined();
        expect(sent).toBe(160);
        expect(await s.bodyEnded).toBe(160 * 0x10000);
    });

    it('stops reading past the byte bound: the connection is closed while the client still sends', async () => {
        const s = await refusingServer({ms: 60_000, bytes: 1024 * 1024});
        server = s.server;
        const {received, sent} = await rawUpload(s.port, 100_000); // 6.4 GB if nothing stopped it
        expect(received).toMatch(/^HTTP\/1\.1 413 /);
        expect(sent).toBeLessThan(100_000);
        expect(s.drained()).toBeLessThanOrEqual(1024 * 1024 + 0x20000);
    });

    it('stops reading at the time bound when the client never finishes', async () => {
        const s = await refusingServer({ms: 200, bytes: 64 * 1024 * 1024});
        server = s.server;
        const socket = connect(s.port, '127.0.0.1');
        let received = '';
        socket.on('data', (c: Buffer) => (received += c.toString()));
        socket.on('error', () => undefined);
        socket.write('POST /x HTTP/1.1\r\nhost: t\r\ncontent-length: 1000000\r\n\r\nxx');
        // The body never completes; the server closes on its own.
        await new Promise((resolve) => socket.on('close', resolve));
        expect(received).toMatch(/^HTTP\/1\.1 413 /);
    });
});
