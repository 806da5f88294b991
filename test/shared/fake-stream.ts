// A RouterStream stand-in for the adapters' unit tests: chunks made on demand (counted, so a test
// sees how far the adapter pulled), and whether the adapter cancelled it.
import {RouterResponse, RouterStream} from '@hookline/router';

/** A fake stream and what the adapter did with it. */
export interface FakeStream extends RouterStream {
    /** Chunks the adapter asked for. */
    readonly pulled: number;
    /** Whether the adapter cancelled it. */
    readonly cancelled: boolean;
}

/**
 * A stream of `count` chunks (`chunk(i)`; endless when `count` is `Infinity`), ending with
 * `undefined`; `delayMs` before each chunk.
 */
export function fakeStream(count: number, chunk: (i: number) => string, delayMs = 0): FakeStream {
    let pulled = 0;
    let cancelled = false;
    return {
        get pulled() {
            return pulled;
        },
        get cancelled() {
            return cancelled;
        },
        async next() {
            if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
            if (cancelled || pulled >= count) return undefined;
            return chunk(pulled++);
        },
        cancel() {
            cancelled = true;
        },
    };
}

/** A streamed router response around a stream. */
export function streamedResponse(stream: RouterStream, headers: Record<string, string> = {}): RouterResponse {
    return {statusCode: 200, headers: {'content-type': 'text/event-stream; charset=utf-8', ...headers}, body: '', stream};
}
