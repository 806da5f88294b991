import {IncomingMessage, ServerResponse} from 'node:http';

/** How long, and how many bytes, the rest of a refused body is still read (and dropped) before the connection closes. */
export interface DrainBounds {
    /** Longest the reading goes on after the refusal, ms. */
    readonly ms: number;
    /** Most bytes read after the refusal. */
    readonly bytes: number;
}

/** The bounds the Node adapter uses after a 413: 5 s and 16 MiB. */
export const refusedBodyDrain: DrainBounds = Object.freeze({ms: 5_000, bytes: 16 * 1024 * 1024});

/**
 * After a body was refused (413, `connection: close`), keeps reading and dropping what the client
 * still sends, within `bounds`, and closes once the body has ended, the client has gone, or a
 * bound is reached.
 *
 * Why: Node destroys a `connection: close` socket as soon as the response is written. A client
 * still sending its body then gets a reset for its next bytes, and a reset can reach it before it
 * reads the 413 (curl fails with "send failure", exit 55, instead of reporting 413). Half-closing
 * while draining lets the client read the answer and stop sending first.
 */
export function drainRefusedBody(req: IncomingMessage, res: ServerResponse, bounds: DrainBounds = refusedBodyDrain): void {
    const socket = req.socket;
    const destroySoon = socket.destroySoon.bind(socket);
    let bodyEnded = false;
    let received = 0;
    const timer = setTimeout(() => socket.destroy(), bounds.ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // Node calls destroySoon when the response is out: end our side only (FIN after the 413), and
    // close for good once the client's side is done too.
    socket.destroySoon = (): void => {
        if (bodyEnded) destroySoon();
        else socket.end();
    };
    req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > bounds.bytes) socket.destroy();
    });
    req.once('end', () => {
        bodyEnded = true;
        // With the response out already, nothing more comes from either side.
        if (res.writableFinished) destroySoon();
    });
    req.resume();
}
