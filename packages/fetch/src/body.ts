/** Result of reading a body: its text (bytes when not valid UTF-8, for the router to refuse), or why it was not read. */
export type BodyResult = {ok: true; body: string | Uint8Array | undefined} | {ok: false; reason: 'too-large' | 'aborted'; error?: unknown};

const utf8 = new TextDecoder('utf-8', {fatal: true});
const none: BodyResult = Object.freeze({ok: true, body: undefined});
const tooLarge: BodyResult = Object.freeze({ok: false, reason: 'too-large'});

/**
 * Decodes body bytes: UTF-8 text, or the bytes themselves when they are not valid UTF-8.
 *
 * @example
 * decodeBody([new TextEncoder().encode('{"a":')], 5); // '{"a":'
 */
export function decodeBody(chunks: readonly Uint8Array[], size: number): string | Uint8Array | undefined {
    if (size === 0) return undefined;
    let bytes: Uint8Array;
    if (chunks.length === 1) bytes = chunks[0] as Uint8Array;
    else {
        bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
            bytes.set(chunk, at);
            at += chunk.byteLength;
        }
    }
    try {
        return utf8.decode(bytes);
    } catch {
        return bytes;
    }
}

// The stream is given up on: the rest of the body is neither read nor buffered.
function cancel(stream: {cancel(): Promise<void>}): void {
    stream.cancel().catch(() => undefined);
}

/**
 * Reads a `Request`'s body up to `limit` bytes. A declared `content-length` over the limit is
 * refused unread; one within it is read whole by the runtime (which frames the body to it) and
 * its size checked again; without one, bytes are counted as they arrive and past the limit the
 * stream is cancelled, the rest unread. Either way `too-large` is reported. A request without a
 * body stream is answered at once, without a promise.
 *
 * @example
 * const result = await readBody(request, router.options.maxBodySize);
 * if (!result.ok && result.reason === 'too-large') return toResponse(router.bodyTooLarge(headers));
 */
export function readBody(request: Request, limit: number): BodyResult | Promise<BodyResult> {
    const stream = request.body;
    if (stream === null) return none;
    const declared = request.headers.get('content-length');
    if (declared !== null) {
        const length = Number(declared);
        if (length > limit) {
            cancel(stream);
            return tooLarge;
        }
        // A declared length within the limit: the runtime's HTTP parser frames the body to it, so
        // the runtime's own (native) read is safe, and much faster than pulling chunks through
        // the stream (on Bun, the chunk loop was ~40 % of a small POST). The size is checked again.
        if (Number.isInteger(length) && length >= 0) return readWhole(request, limit);
    }
    return readStream(stream.getReader(), limit);
}

async function readWhole(request: Request, limit: number): Promise<BodyResult> {
    let buffer: ArrayBuffer;
    try {
        buffer = await request.arrayBuffer();
    } catch (error) {
        return {ok: false, reason: 'aborted', error};
    }
    if (buffer.byteLength > limit) return tooLarge;
    return {ok: true, body: decodeBody([new Uint8Array(buffer)], buffer.byteLength)};
}

async function readStream(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<BodyResult> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
        for (;;) {
            const {done, value} = await reader.read();
            if (done) break;
            size += value.byteLength;
            if (size > limit) {
                cancel(reader);
                return tooLarge;
            }
            chunks.push(value);
        }
    } catch (error) {
        return {ok: false, reason: 'aborted', error};
    }
    return {ok: true, body: decodeBody(chunks, size)};
}
