// A streaming route's call on the client: an async iterable of its items (revived like values),
// read from the response's server-sent events one at a time as the loop asks for them, and the
// route's final value or error as a `CallResult`. See docs/streaming.md.
import {CallError, CallFailedError, CallResult} from './result.js';
import {Reviver} from './revive.js';
import {ByteReader, SseReader} from './sse.js';

/**
 * What a streaming route's call returns: `for await` its items; `result` settles once the stream
 * has ended (read to its end, failed, or cancelled) with the route's final value or its error.
 * The loop throws a {@link CallFailedError} (its `error` is `result`'s error) when the call fails,
 * before or during the stream; `break` (or `cancel()`, or the call's `signal`) closes the
 * connection, and the server closes the route's iterator (its `finally` runs).
 *
 * @example
 * const tail = client.logs.tail('api');
 * try {
 *     for await (const line of tail) console.log(line.at.toISOString(), line.text);
 * } catch (e) {
 *     // the same error as in tail.result, typed there
 * }
 * const end = await tail.result; // CallResult<R, E>
 */
export interface CallStream<T, R, E = CallError> extends AsyncIterable<T> {
    /** The route's final value, or how the call failed; never rejects. Settles when the stream ends. */
    readonly result: Promise<CallResult<R, E>>;
    /** Stops the stream: the request is aborted; `result` becomes an `aborted` error. */
    cancel(): void;
}

/** What the client hands a stream once the response turned out to be one. */
export interface StreamSource {
    /** The response body. */
    reader: ByteReader;
    /** Aborts the request. */
    abort(): void;
    /** Told once the stream has ended, whichever way (the call's listeners removed). */
    done(): void;
    /** The caller's signal, if any (its abort is reported as `aborted`). */
    signal: AbortSignal | undefined;
    /** Revives an item. */
    item: Reviver | undefined;
    /** Revives the final value. */
    result: Reviver | undefined;
    /** The error an `error` event's body stands for (revived as a single call's). */
    error(doc: unknown, text: string): CallError;
}

type Settled<R, E> = CallResult<R, E>;

/** {@link CallStream}'s implementation; also the sink a call whose route is not known yet hands a stream to. */
export class ResponseStream<T, R, E = CallError> implements CallStream<T, R, E> {
    readonly result: Promise<CallResult<R, E>>;
    private resolve: (result: Settled<R, E>) => void = () => undefined;
    private settled: Settled<R, E> | undefined = undefined;
    private source: StreamSource | undefined = undefined;
    private events: SseReader | undefined = undefined;
    private iterating = false;
    private cancelled = false;
    /** `next()` waiting for the response to arrive. */
    private waiting: (() => void) | undefined = undefined;

    constructor() {
        this.result = new Promise((resolve) => (this.resolve = resolve));
    }

    /** The response is a stream: read it from now on. Returns `result`. */
    attach(source: StreamSource): Promise<CallResult<R, E>> {
        if (this.settled !== undefined || this.cancelled) {
            source.abort();
            source.done();
            return this.result;
        }
        this.source = source;
        this.events = new SseReader(source.reader);
        this.wake();
        return this.result;
    }

    /** The call ended without a stream (an error before it, or a route that turned out not to stream): that is the result. */
    settleCall(result: CallResult<unknown, unknown>): void {
        if (this.source !== undefined) return;
        this.finish(result as Settled<R, E>);
    }

    cancel(): void {
        if (this.settled !== undefined) return;
        this.cancelled = true;
        this.finish({ok: false, error: {kind: 'aborted', name: 'aborted', message: 'the stream was cancelled', reason: undefined} as E});
        const events = this.events;
        this.source?.abort();
        void events?.cancel();
    }

    [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
        if (this.iterating) throw new TypeError('a call stream can be iterated once');
        this.iterating = true;
        return {
            next: () => this.next(),
            return: () => {
                this.cancel();
                return Promise.resolve({done: true, value: undefined});
            },
        };
    }

    private async next(): Promise<IteratorResult<T, undefined>> {
        if (this.events === undefined && this.settled === undefined) await new Promise<void>((r) => (this.waiting = r));
        const events = this.events;
        if (events === undefined || this.settled !== undefined) return this.end();
        const source = this.source as StreamSource;
        for (;;) {
            let e;
            try {
                e = await events.next();
            } catch (cause) {
                this.finish(this.broken(source, cause));
                return this.end();
            }
            if (e === undefined) {
                this.finish({
                    ok: false,
                    error: {kind: 'network', name: 'network', message: 'the stream ended before its result', cause: undefined} as E,
                });
                return this.end();
            }
            if (e.event === 'item') {
                const value = this.parse(e.data, source.item);
                if (value.ok) return {done: false, value: value.value as T};
                this.finish(value as Settled<R, E>);
                source.abort();
                return this.end();
            }
            if (e.event === 'result') {
                this.finish(this.parse(e.data, source.result) as Settled<R, E>);
                return this.end();
            }
            if (e.event === 'error') {
                let doc: unknown;
                try {
                    doc = JSON.parse(e.data);
                } catch {
                    doc = undefined;
                }
                this.finish({ok: false, error: source.error(doc, e.data) as E});
                return this.end();
            }
            // Other events (none today) are skipped: a newer server may send more.
        }
    }

    private parse(data: string, revive: Reviver | undefined): CallResult<unknown, unknown> {
        try {
            const value = JSON.parse(data) as unknown;
            // `null` stands for no final value.
            if (value === null) return {ok: true, value: undefined};
            return {ok: true, value: revive === undefined ? value : revive(value)};
        } catch {
            return {
                ok: false,
                error: {
                    kind: 'invalid-response',
                    name: 'invalid-response',
                    message: 'an event is not JSON',
                    status: 200,
                    body: data.slice(0, 500),
                },
            };
        }
    }

    private broken(source: StreamSource, cause: unknown): Settled<R, E> {
        const signal = source.signal;
        if (signal?.aborted)
            return {ok: false, error: {kind: 'aborted', name: 'aborted', message: 'the call was aborted', reason: signal.reason} as E};
        return {
            ok: false,
            error: {
                kind: 'network',
                name: 'network',
                message: `the stream broke: ${String((cause as Error)?.message ?? cause)}`,
                cause,
            } as E,
        };
    }

    /** The loop's end: done after a result, a thrown {@link CallFailedError} after a failure (none after `break`). */
    private end(): IteratorResult<T, undefined> {
        const settled = this.settled as Settled<R, E>;
        if (settled.ok || this.cancelled) return {done: true, value: undefined};
        throw new CallFailedError(settled.error as E & {message: string});
    }

    private finish(result: Settled<R, E>): void {
        if (this.settled !== undefined) return;
        this.settled = result;
        this.source?.done();
        this.wake();
        this.resolve(result);
    }

    private wake(): void {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.();
    }
}
