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
 * Reads a `Request`'s body up to `limit` bytes, counting bytes as they arrive (a declared
 * `content-length` is checked first but never trusted). Past the limit it cancels the stream,
 * without reading the rest, and reports `too-large`. A request without a body stream is
 * answered at once, without a promise.
 *
 * @example
 * const result = await readBody(request, router.options.maxBodySize);
 * if (!result.ok && result.reason === 'too-large') return toResponse(router.bodyTooLarge(headers));
 */
export function readBody(request: Request, limit: number): BodyResult | Promise<BodyResult> {
    const stream = request.body;
    if (stream === null) return none;
    const declared = request.headers.get('content-length');
    if (declared !== null && Number(declared) > limit) {
        cancel(stream);
        return tooLarge;
    }
    return readStream(stream.getReader(), limit);
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
