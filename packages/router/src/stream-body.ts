// The pump of a streaming route's response: pulls the route's iterator one item at a time, only
// when the adapter asks for a chunk (backpressure), writes each item as a server-sent event,
// sends keep-alive pings and enforces the idle limit with one timer per stream, and once the
// iterator is done (or failed, or was cancelled) runs the hooks after the route and sends the
// last event. See docs/streaming.md for the rules it implements.
import {routerError} from '@hookline/core';
import {runWithCallContext} from './async-context.js';
import {CallContext, ContextSettings, flushAfterResponse} from './call-context.js';
import {runProcedures} from './dispatch.js';
import {toRpcError} from './errors.js';
import {ExecutionPath, ROUTER_ERROR_ID} from './execution-path.js';
import {invalidReturn, Procedure, recordError, StreamTypes} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {PING_CHUNK, RouterStream, sseEvent} from './stream-response.js';

/** What one pull of the iterator gave, or the idle limit's verdict. */
type Pulled = {kind: 'item'; value: unknown} | {kind: 'done'; value: unknown} | {kind: 'failed'; error: unknown} | {kind: 'idle'};

/**
 * The streamed body of one call to a streaming route ({@link RouterStream}). Created by dispatch
 * once the hooks before the route and the route itself succeeded; {@link StreamBody.start}
 * waits for the first item (errors before it are answered as JSON).
 */
export class StreamBody implements RouterStream {
    /** The last chunk was handed out, or the stream was cancelled: `next()` answers `undefined`. */
    private ended = false;
    /** No more pulls: the iterator is done, failed, or was closed. */
    private closed = false;
    /** The steps after the route have started (they run once). */
    private finishing = false;
    /** The iterator's `next()` in flight, if any. */
    private pulling = false;
    /** When the pull in flight started (the idle limit counts from it). */
    private pullStartedAt = 0;
    /** When the last chunk went out (pings count from it). */
    private lastChunkAt: number;
    /** What a pull gave while no chunk was asked for. */
    private ready: Pulled | undefined = undefined;
    /** The stream started on a ping (the first item was slow): the first chunk is that ping. */
    private pingFirst = false;
    /** The adapter's `next()` waiting for a chunk. */
    private waiter: ((chunk: string | undefined) => void) | undefined = undefined;
    /** `start()` waiting for the first pull (or the first ping). */
    private starter: ((streams: boolean) => void) | undefined = undefined;
    private timer: ReturnType<typeof setTimeout> | undefined = undefined;
    private readonly types: StreamTypes;
    private readonly route: Procedure;
    private readonly tail: readonly Procedure[];

    constructor(
        private readonly ctx: CallContext,
        ep: ExecutionPath,
        private readonly iterator: AsyncIterator<unknown>,
        private readonly options: Readonly<RouterOptions>,
        private readonly settings: ContextSettings,
        private readonly rawRequest: unknown,
        private readonly rawResponse: unknown,
    ) {
        this.route = ep.route;
        this.types = ep.route.stream as StreamTypes;
        this.tail = (ep.stream as {tail: readonly Procedure[]}).tail;
        this.lastChunkAt = Date.now();
    }

    /**
     * Pulls the first item. Resolves `true` when the response should stream (an item, or the
     * end, is ready; or the first ping is due first); `false` when the iterator failed (or the idle
     * limit passed) before any item: the error is recorded on the context, the iterator closed,
     * and the caller answers with a JSON error response, running the steps after the route itself.
     */
    start(): Promise<boolean> {
        return new Promise((resolve) => {
            this.starter = resolve;
            this.pull();
            this.arm();
        });
    }

    next(): Promise<string | undefined> {
        if (this.ended) return Promise.resolve(undefined);
        if (this.pingFirst) {
            this.pingFirst = false;
            return Promise.resolve(PING_CHUNK);
        }
        const ready = this.ready;
        if (ready !== undefined) {
            this.ready = undefined;
            return this.chunkOf(ready);
        }
        return new Promise((resolve) => {
            this.waiter = resolve;
            this.pull();
        });
    }

    cancel(): void {
        if (this.ended) return;
        const waiter = this.waiter;
        this.ended = true;
        this.waiter = undefined;
        this.disarm();
        // Closing an async generator runs its `finally` (one suspended in an `await` after that
        // settles); the steps after the route run once it has, for their side effects: nothing more is sent.
        const closed = this.close();
        if (!this.finishing) {
            this.finishing = true;
            void closed.then(() => {
                const done = this.runTail();
                if (done === undefined) this.flush();
                else void done.then(() => this.flush());
            });
        }
        waiter?.(undefined);
    }

    private pull(): void {
        if (this.pulling || this.closed || this.ready !== undefined) return;
        this.pulling = true;
        this.pullStartedAt = Date.now();
        let pending: Promise<IteratorResult<unknown>>;
        try {
            pending = this.options.asyncContext ? runWithCallContext(this.ctx, () => this.iterator.next()) : this.iterator.next();
        } catch (error) {
            pending = Promise.reject(error);
        }
        pending.then(
            (r) => this.pulled(r.done === true ? {kind: 'done', value: r.value} : {kind: 'item', value: r.value}),
            (error: unknown) => this.pulled({kind: 'failed', error}),
        );
    }

    private pulled(result: Pulled): void {
        // A pull the idle limit or a cancel gave up on: what it gives is dropped.
        if (!this.pulling) return;
        this.pulling = false;
        if (result.kind !== 'item') this.closed = true;
        this.deliver(result);
    }

    /** Hands a pull's outcome to whoever waits: `start()`, the adapter's `next()`, or the next `next()`. */
    private deliver(result: Pulled): void {
        if (this.ended) return;
        const starter = this.starter;
        if (starter !== undefined) {
            this.starter = undefined;
            // An error returned before any item counts as thrown: answered as JSON, with its status.
            if (result.kind === 'done' && result.value instanceof Error) result = {kind: 'failed', error: result.value};
            if (result.kind === 'failed' || result.kind === 'idle') {
                this.fail(result);
                this.ended = true;
                this.disarm();
                return starter(false);
            }
            this.ready = result;
            return starter(true);
        }
        const waiter = this.waiter;
        if (waiter === undefined) {
            this.ready = result;
            return;
        }
        this.waiter = undefined;
        void this.chunkOf(result).then(waiter);
    }

    /** Records why the stream failed. */
    private fail(result: {kind: 'failed'; error: unknown} | {kind: 'idle'}): void {
        if (result.kind === 'failed') recordError(this.ctx, this.route.errorId, toRpcError(result.error));
        else {
            const idle = this.options.streamIdleTimeout;
            recordError(
                this.ctx,
                ROUTER_ERROR_ID,
                routerError('call-timeout', `the stream produced no item within ${idle} ms (streamIdleTimeout)`),
            );
        }
    }

    /** The chunk for what a pull gave: an item's event, or (at the end) the last event after the steps that follow the route. */
    private chunkOf(result: Pulled): Promise<string | undefined> {
        if (result.kind === 'item') {
            const chunk = this.itemEvent(result.value);
            if (chunk !== undefined) {
                this.lastChunkAt = Date.now();
                return Promise.resolve(chunk);
            }
            // An item that breaks its type: the stream fails (its error recorded by itemEvent).
            void this.close();
            return this.finishWith(undefined);
        }
        if (result.kind === 'done') return this.finishWith(this.resultJson(result.value));
        this.fail(result);
        return this.finishWith(undefined);
    }

    private itemEvent(value: unknown): string | undefined {
        const {item, validate} = this.types;
        const id = this.route.id;
        if (validate && !item.isValue(value)) {
            const issues = item.valueIssues(value, `${id} item`);
            recordError(this.ctx, id, invalidReturn(id, issues.map((i) => `${i.path}: ${i.message}`).join('; ')));
            return undefined;
        }
        try {
            return sseEvent('item', item.serialize(value));
        } catch (error) {
            recordError(this.ctx, id, invalidReturn(id, `an item can't be serialized as JSON: ${describe(error)}`));
            return undefined;
        }
    }

    /** The final value as JSON, or `undefined` when it failed (a returned error, a value breaking its type: recorded). */
    private resultJson(value: unknown): string | undefined {
        const id = this.route.id;
        if (value instanceof Error) {
            recordError(this.ctx, id, toRpcError(value));
            return undefined;
        }
        const {result, validate, returnsData} = this.types;
        if (value === undefined || !returnsData) return 'null';
        if (validate && !result.isValue(value)) {
            const issues = result.valueIssues(value, id);
            recordError(this.ctx, id, invalidReturn(id, issues.map((i) => `${i.path}: ${i.message}`).join('; ')));
            return undefined;
        }
        try {
            return result.serialize(value);
        } catch (error) {
            recordError(this.ctx, id, invalidReturn(id, `its final value can't be serialized as JSON: ${describe(error)}`));
            return undefined;
        }
    }

    /**
     * Runs the steps after the route, then hands out the last event: the result (`json`), or the
     * error event when the stream or a step after it failed. `undefined` when cancelled meanwhile.
     */
    private finishWith(json: string | undefined): Promise<string | undefined> {
        this.closed = true;
        this.finishing = true;
        this.disarm();
        const last = (): string | undefined => {
            if (this.ended) return undefined;
            this.ended = true;
            const res = this.ctx.response;
            this.flush();
            return res.hasErrors || json === undefined ? sseEvent('error', res.rawBody) : sseEvent('result', json);
        };
        const done = this.runTail();
        return done === undefined ? Promise.resolve(last()) : done.then(last);
    }

    private runTail(): Promise<void> | undefined {
        try {
            const {ctx, tail, rawRequest, rawResponse, options} = this;
            const run = (): Promise<void> | undefined => runProcedures(ctx, tail, 0, rawRequest, rawResponse, options);
            return options.asyncContext ? runWithCallContext(ctx, run) : run();
        } catch (error) {
            recordError(this.ctx, ROUTER_ERROR_ID, toRpcError(error));
            return undefined;
        }
    }

    /** Closes the iterator (no more pulls; a pull in flight is dropped); settles once it is closed, never rejects. */
    private close(): Promise<unknown> {
        this.closed = true;
        this.pulling = false;
        try {
            // A generator that throws from its `finally` can't fail a stream that is over.
            return Promise.resolve(this.iterator.return?.()).then(undefined, () => undefined);
        } catch {
            return Promise.resolve();
        }
    }

    private flush(): void {
        flushAfterResponse(this.ctx, this.settings.logQueue, this.options.logInternalErrors);
    }

    /** One timer per stream, set for the next moment a ping or the idle limit could be due. */
    private arm(): void {
        const {streamPingInterval: ping, streamIdleTimeout: idle} = this.options;
        if ((ping === 0 && idle === 0) || this.ended || this.closed) return;
        const now = Date.now();
        let at = Infinity;
        // A ping already due but not sent (no chunk asked for: a slow reader) is due again an interval later.
        if (ping > 0) at = this.lastChunkAt + ping > now ? this.lastChunkAt + ping : now + ping;
        if (idle > 0) at = Math.min(at, this.pulling ? this.pullStartedAt + idle : now + idle);
        this.timer = setTimeout(() => this.tick(), Math.max(1, at - now));
    }

    private disarm(): void {
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
    }

    private tick(): void {
        this.timer = undefined;
        if (this.ended || this.closed) return;
        const {streamPingInterval: ping, streamIdleTimeout: idle} = this.options;
        const now = Date.now();
        if (idle > 0 && this.pulling && now - this.pullStartedAt >= idle) {
            // Not waited for: a generator stuck in an `await` closes only once that settles.
            void this.close();
            return this.deliver({kind: 'idle'});
        }
        if (ping > 0 && now - this.lastChunkAt >= ping) {
            const starter = this.starter;
            if (starter !== undefined) {
                // The first item is slow: start the stream with a ping; later errors are error events.
                this.starter = undefined;
                this.pingFirst = true;
                this.lastChunkAt = now;
                starter(true);
            } else if (this.waiter !== undefined) {
                const waiter = this.waiter;
                this.waiter = undefined;
                this.lastChunkAt = now;
                waiter(PING_CHUNK);
            }
            // No chunk asked for: the reader is slow, the sink full; the connection is busy, not idle.
        }
        this.arm();
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
