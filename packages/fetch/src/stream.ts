import {RouterResponse, RouterStream} from '@hookline/router';

const encoder = new TextEncoder();

/**
 * Converts a streamed router response (a streaming route's server-sent events) to a `Response`
 * whose body is a pull-based `ReadableStream`: the runtime asks for the next chunk when its
 * queue has room (one chunk), and only then does the router pull the route's iterator, so a slow
 * reader holds the route back instead of filling memory. The runtime cancelling the body (the
 * client went away) cancels the stream: the route's iterator is closed (its `finally` runs).
 * `onEnd` is told once the stream has ended or was cancelled.
 *
 * @example
 * const out = await router.dispatch(request);
 * return out.stream === undefined ? toResponse(out) : toStreamResponse(out);
 */
export function toStreamResponse(response: RouterResponse, onEnd?: () => void): Response {
    const stream = response.stream as RouterStream;
    const body = new ReadableStream<Uint8Array>(
        {
            async pull(controller) {
                const chunk = await stream.next();
                if (chunk !== undefined) return controller.enqueue(encoder.encode(chunk));
                controller.close();
                onEnd?.();
            },
            cancel() {
                stream.cancel();
                onEnd?.();
            },
        },
        {highWaterMark: 1},
    );
    let headers = response.headers;
    if (headers.connection !== undefined) {
        headers = {...headers};
        delete headers.connection;
    }
    return new Response(body, {status: response.statusCode, headers});
}
