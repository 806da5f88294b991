// The runtime-neutral streamed response: what a streaming route's call answers with, and the
// server-sent events it is made of (docs/protocol.md#streaming). Adapters pull its chunks when
// their sink can take more and cancel it when the client goes; they know nothing else of it.

/**
 * The body of a streamed {@link RouterResponse}: text chunks of server-sent events, pulled by the
 * adapter. Call {@link RouterStream.next} again only once the previous call settled and the
 * sink can take more (that is the backpressure: nothing is produced in between).
 *
 * @example
 * // An adapter's loop (Node: wait for 'drain' when write returns false).
 * for (let chunk = await stream.next(); chunk !== undefined; chunk = await stream.next()) {
 *     if (!res.write(chunk)) await once(res, 'drain');
 * }
 * res.end();
 */
export interface RouterStream {
    /** The next chunk, or `undefined` once the stream has ended (its last event was sent). Never rejects. */
    next(): Promise<string | undefined>;
    /**
     * The client has gone (the connection closed, the stream was cancelled): closes the route's
     * iterator (its `finally` runs) and runs the hooks after the route. A `next()` in flight
     * resolves `undefined`. Idempotent; a no-op once the stream has ended.
     */
    cancel(): void;
}

/** The content type of a streamed response. */
export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** The headers every streamed response has (on top of the call's own, header hooks' values included). */
export const eventStreamHeaders: Readonly<Record<string, string>> = Object.freeze({
    'content-type': EVENT_STREAM_CONTENT_TYPE,
    // Every event is news: no cache, and no proxy buffering (nginx reads x-accel-buffering).
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
});

/** The keep-alive comment sent after `streamPingInterval` without an item. */
export const PING_CHUNK = ': ping\n\n';

/**
 * One server-sent event. `data` is JSON text (one line: JSON escapes line breaks in strings).
 *
 * @example
 * sseEvent('item', '{"line":"hello"}'); // 'event: item\ndata: {"line":"hello"}\n\n'
 */
export function sseEvent(name: 'item' | 'result' | 'error', data: string): string {
    return `event: ${name}\ndata: ${data}\n\n`;
}

/** A response as adapters get it from the router: JSON in `body`, or a streamed body. */
interface StreamableResponse {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    stream?: RouterStream | undefined;
}

/**
 * Reads a streamed response to its end into `body` (keep-alive pings left out), for transports
 * that can't stream: `router.inject()`, the buffered Lambda handler. A response that does not
 * stream is returned as is.
 *
 * @example
 * const res = await collectStream(await router.dispatch(request));
 * res.body; // 'event: item\ndata: 1\n\nevent: item\ndata: 2\n\nevent: result\ndata: null\n\n'
 */
export async function collectStream<R extends StreamableResponse>(response: R): Promise<R> {
    const stream = response.stream;
    if (stream === undefined) return response;
    let body = '';
    for (let chunk = await stream.next(); chunk !== undefined; chunk = await stream.next()) if (chunk !== PING_CHUNK) body += chunk;
    const collected = {...response, body};
    delete collected.stream;
    return collected;
}
