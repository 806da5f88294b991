import {isUtf8} from 'node:buffer';
import {IncomingMessage} from 'node:http';

/** Result of reading a body: its text (bytes when not valid UTF-8, for the router to refuse), or why it was not read. */
export type BodyResult = {ok: true; body: string | Uint8Array | undefined} | {ok: false; reason: 'too-large' | 'aborted'};

/** Whether a request announces a body (a `content-length` other than 0, or `transfer-encoding`). */
export function hasBody(req: IncomingMessage): boolean {
    const length = req.headers['content-length'];
    return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Decodes body bytes: UTF-8 text, or the bytes themselves when they are not valid UTF-8. One
 * pass: Node's decoder replaces every byte sequence that is not UTF-8 with U+FFFD, so a text
 * without U+FFFD came from valid UTF-8; only a text holding one (sent by the client, or a
 * replacement) gets the exact `isUtf8` check of the bytes.
 */
export function decodeBody(chunks: Buffer[], size: number): string | Uint8Array | undefined {
    if (size === 0) return undefined;
    const buf = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    const text = buf.toString('utf8');
    return text.indexOf('\uFFFD') === -1 || isUtf8(buf) ? text : buf;
}

/**
 * Reads a request body up to `limit` bytes, counting bytes as they arrive (the client's
 * `content-length` is checked first but never trusted). Past the limit it stops reading
 * and reports `too-large`; the caller answers 413 and closes the connection.
 *
 * The body is read in paused mode (`'readable'` and `read()`), and is done as soon as Node's
 * parser has seen the whole message (`req.complete`) and every byte is read: the usual small
 * body, which arrives with its head, is done one event-loop turn after the request, without the
 * flowing mode's `'data'` and `'end'` turns. `'end'` still ends it when `complete` is never set
 * (a request that did not come from Node's parser).
 */
export function readBody(req: IncomingMessage, limit: number, done: (result: BodyResult) => void): void {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return done({ok: false, reason: 'too-large'});
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (result: BodyResult): void => {
        if (finished) return;
        finished = true;
        // On success the request is over and its listeners go with it; otherwise stop listening
        // (in paused mode, a 'readable' listener would keep the refused rest from flowing).
        if (!result.ok) {
            req.off('readable', onReadable);
            req.off('end', onEnd);
        }
        done(result);
    };
    const onReadable = (): void => {
        if (finished) return;
        let chunk: Buffer | null;
        while ((chunk = req.read() as Buffer | null) !== null) {
            size += chunk.length;
            if (size > limit) {
                req.pause();
                finish({ok: false, reason: 'too-large'});
                return;
            }
            chunks.push(chunk);
        }
        if (req.complete) finish({ok: true, body: decodeBody(chunks, size)});
    };
    const onEnd = (): void => finish({ok: true, body: decodeBody(chunks, size)});
    const onAborted = (): void => finish({ok: false, reason: 'aborted'});
    req.on('readable', onReadable);
    req.on('end', onEnd);
    // An aborted request emits 'error' (ECONNRESET) on Node >= 16: one listener covers both.
    req.on('error', onAborted);
}
