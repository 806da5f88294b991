// Batched calls: several calls in one request to the router's batch route (`{baseURL}/@batch`),
// gathered explicitly by `client.$batch(() => [...])` or, with the `batch` option, from the calls
// made in the same tick. Each call keeps its own result, signal and timeout; see docs/client.md#batching.
import {ApiMetadata} from '@hookline/core';
import {CallError, CallResult} from './result.js';
import {ResponseStream} from './stream.js';
import {CallOptions} from './types.js';

/** Options of automatic batching (`createClient`'s `batch` option). */
export interface BatchOptions {
    /** Most calls in one batch request; keep it at or under the router's `maxBatchCalls` (default 32). Default 10. */
    maxCalls?: number;
    /** How long the first call of a batch waits for others, in ms; 0 gathers the calls made in the same tick. Default 0. */
    maxWaitMs?: number;
    /** Route ids never batched automatically (e.g. a route whose raw hook writes its own response). */
    exclude?: readonly string[];
}

/** The results of `$batch`: the tuple of what each call's promise resolves to. */
export type BatchResults<T extends readonly unknown[]> = {-readonly [K in keyof T]: Awaited<T[K]>};

/** The client's batching method (on the root of every client). */
export interface BatchingClient {
    /**
     * Sends the calls made synchronously inside `calls` as one batch request (one per distinct set
     * of headers, and per `maxCalls`); resolves to the tuple of their results, each typed as the
     * call alone. Calls keep their own `$with` options: an aborted or timed-out call resolves so
     * while the others complete.
     *
     * @example
     * const [ada, bob, orders] = await client.$batch(() => [client.users.getUser(1), client.users.getUser(2), client.orders.list()]);
     */
    $batch<const T extends readonly Promise<unknown>[]>(calls: () => T): Promise<BatchResults<T>>;
}

/** A call's body (params by procedure id) and headers, ready to send. */
export interface PreparedCall {
    body: Record<string, unknown[]>;
    headers: Record<string, string>;
}

/** What batching needs from the client core. */
export interface BatchTransport {
    /** The api metadata, or why there is none. */
    metadataOrError(): Promise<ApiMetadata | CallError>;
    /** A call's body and headers, or the error that stops it before sending (client-side validation). */
    prepare(metadata: ApiMetadata, routeId: string, params: unknown[], options: CallOptions): PreparedCall | CallError;
    /** A call's result from its response: status and parsed body (revived as a single call's). */
    read(metadata: ApiMetadata, routeId: string, status: number, doc: unknown, text: string | undefined): CallResult<unknown>;
    /** Sends one call alone (a streamed response handed to `sink`). */
    single(routeId: string, params: unknown[], options: CallOptions, sink?: ResponseStream<unknown, unknown>): Promise<CallResult<unknown>>;
    /** POSTs a JSON body to a path under the base URL. */
    post(path: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<{status: number; text: string}>;
    /** The client's default `timeoutMs`. */
    readonly timeoutMs: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A call waiting in a batch: settles once, from its response, its signal or its timeout. */
class PendingCall {
    readonly promise: Promise<CallResult<unknown>>;
    settled = false;
    private resolve: (result: CallResult<unknown>) => void = () => undefined;
    private readonly cleanup: () => void;
    /** Told when this call settles (the batch request aborts once all its calls have). */
    onSettle: (() => void) | undefined;

    constructor(
        readonly routeId: string,
        readonly params: unknown[],
        readonly options: CallOptions,
        defaultTimeoutMs: number,
        /** Where the stream goes if the route turns out to stream (a call made before the metadata was known). */
        readonly sink: ResponseStream<unknown, unknown> | undefined,
    ) {
        this.promise = new Promise((resolve) => (this.resolve = resolve));
        const signal = options.signal;
        const onAbort = (): void =>
            this.settle({ok: false, error: {kind: 'aborted', name: 'aborted', message: 'the call was aborted', reason: signal?.reason}});
        signal?.addEventListener('abort', onAbort);
        const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
        const timer =
            timeoutMs > 0
                ? setTimeout(
                      () =>
                          this.settle({
                              ok: false,
                              error: {kind: 'timeout', name: 'timeout', message: `no response within ${timeoutMs} ms`, timeoutMs},
                          }),
                      timeoutMs,
                  )
                : undefined;
        this.cleanup = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
        };
    }

    settle(result: CallResult<unknown>): void {
        if (this.settled) return;
        this.settled = true;
        this.cleanup();
        this.resolve(result);
        this.onSettle?.();
    }
}

/** Calls of one request: the same headers. */
interface Prepared {
    call: PendingCall;
    body: Record<string, unknown[]>;
}

/**
 * Gathers calls into batch requests and reads their answers back into each call's result. One
 * per client: it remembers a server that has no batch route (then every call goes alone) and the
 * server's `maxBatchCalls` when a batch was refused for it.
 */
export class Batcher {
    /** Calls gathered by an open `$batch` callback; `undefined` outside one. */
    private explicit: PendingCall[] | undefined;
    /** Calls gathered automatically, waiting for their flush. */
    private waiting: PendingCall[] = [];
    private scheduled = false;
    /** Set when the server answered the batch URL with route-not-found: calls go alone from then on. */
    private unsupported = false;
    private maxCalls: number;
    private readonly maxWaitMs: number;
    private readonly exclude: ReadonlySet<string>;

    constructor(
        private readonly transport: BatchTransport,
        private readonly suffix: () => string,
        private readonly auto: BatchOptions | undefined,
    ) {
        this.maxCalls = Math.max(1, Math.floor(auto?.maxCalls ?? (auto === undefined ? 32 : 10)));
        this.maxWaitMs = Math.max(0, auto?.maxWaitMs ?? 0);
        this.exclude = new Set(auto?.exclude ?? []);
    }

    /** The call's result when it is being gathered into a batch; `undefined` when it goes alone. */
    gather(
        routeId: string,
        params: unknown[],
        options: CallOptions,
        sink?: ResponseStream<unknown, unknown>,
    ): Promise<CallResult<unknown>> | undefined {
        const explicit = this.explicit;
        if (explicit === undefined && (this.auto === undefined || this.unsupported || this.exclude.has(routeId))) return undefined;
        const call = new PendingCall(routeId, params, options, this.transport.timeoutMs, sink);
        if (explicit !== undefined) explicit.push(call);
        else this.wait(call);
        return call.promise;
    }

    /** Runs a `$batch` callback: the calls it makes go out together. */
    batch<T extends readonly Promise<unknown>[]>(calls: () => T): Promise<BatchResults<T>> {
        const outer = this.explicit;
        const gathered: PendingCall[] = [];
        this.explicit = gathered;
        let promises: T;
        try {
            promises = calls();
        } catch (error) {
            return Promise.reject(error);
        } finally {
            this.explicit = outer;
            // Calls made before a throw still resolve.
            void this.send(gathered);
        }
        return Promise.all(promises) as Promise<BatchResults<T>>;
    }

    private wait(call: PendingCall): void {
        this.waiting.push(call);
        if (this.waiting.length >= this.maxCalls) return this.flush();
        if (this.scheduled) return;
        this.scheduled = true;
        if (this.maxWaitMs > 0) setTimeout(() => this.flush(), this.maxWaitMs);
        else queueMicrotask(() => this.flush());
    }

    private flush(): void {
        const calls = this.waiting;
        if (calls.length === 0) return;
        this.waiting = [];
        this.scheduled = false;
        void this.send(calls);
    }

    /** Sends calls: one request per set of headers and per `maxCalls`; a call alone as a single call. */
    private async send(calls: PendingCall[]): Promise<void> {
        const live = calls.filter((c) => !c.settled);
        if (live.length === 0) return;
        if (live.length === 1 || this.unsupported) return this.alone(live);
        const metadata = await this.transport.metadataOrError();
        if (!('routes' in metadata)) {
            for (const c of live) c.settle({ok: false, error: metadata});
            return;
        }
        const groups = new Map<string, {headers: Record<string, string>; calls: Prepared[]}>();
        // A streaming route is never batched (the server refuses it): it goes alone.
        const streams = live.filter((c) => metadata.routes[c.routeId]?.stream !== undefined);
        const requests: Promise<void>[] = streams.length === 0 ? [] : [this.alone(streams)];
        for (const call of live) {
            if (streams.includes(call)) continue;
            const prepared = this.transport.prepare(metadata, call.routeId, call.params, call.options);
            if ('kind' in prepared) {
                call.settle({ok: false, error: prepared});
                continue;
            }
            const key = JSON.stringify(Object.entries(prepared.headers).sort(([a], [b]) => (a < b ? -1 : 1)));
            let group = groups.get(key);
            if (group === undefined) groups.set(key, (group = {headers: prepared.headers, calls: []}));
            group.calls.push({call, body: prepared.body});
        }
        for (const {headers, calls: prepared} of groups.values()) {
            for (let i = 0; i < prepared.length; i += this.maxCalls) {
                const chunk = prepared.slice(i, i + this.maxCalls);
                requests.push(chunk.length === 1 ? this.alone(chunk.map((p) => p.call)) : this.post(metadata, headers, chunk));
            }
        }
        await Promise.all(requests);
    }

    private async alone(calls: PendingCall[]): Promise<void> {
        await Promise.all(calls.map(async (c) => c.settle(await this.transport.single(c.routeId, c.params, c.options, c.sink))));
    }

    /** One batch request; its entries settle its calls. */
    private async post(metadata: ApiMetadata, headers: Record<string, string>, prepared: Prepared[]): Promise<void> {
        const ctrl = new AbortController();
        // Every call settled (aborted, timed out): nobody waits for the answer any more.
        const onSettle = (): void => {
            if (prepared.every((p) => p.call.settled)) ctrl.abort();
        };
        for (const p of prepared) p.call.onSettle = onSettle;
        const body = JSON.stringify(
            prepared.map((p) => (Object.keys(p.body).length > 0 ? {route: p.call.routeId, body: p.body} : {route: p.call.routeId})),
        );
        let status: number;
        let text: string;
        try {
            ({status, text} = await this.transport.post(
                `/@batch${this.suffix()}`,
                body,
                {...headers, 'content-type': 'application/json'},
                ctrl.signal,
            ));
        } catch (cause) {
            const error: CallError = {kind: 'network', name: 'network', message: String((cause as Error)?.message ?? cause), cause};
            for (const p of prepared) p.call.settle({ok: false, error});
            return;
        }
        let doc: unknown;
        try {
            doc = JSON.parse(text);
        } catch {
            doc = undefined;
        }
        if (status === 200 && Array.isArray(doc) && doc.length === prepared.length) return this.settleEntries(metadata, prepared, doc);
        if (this.refusedForSize(status, doc, prepared.length) || this.noBatchRoute(status, doc)) {
            return this.send(prepared.map((p) => p.call));
        }
        // The batch itself was refused (or the answer is not a batch's): every call gets that answer.
        for (const p of prepared) p.call.settle(this.transport.read(metadata, p.call.routeId, status, doc, text));
    }

    private settleEntries(metadata: ApiMetadata, prepared: Prepared[], entries: unknown[]): void {
        for (let i = 0; i < prepared.length; i++) {
            const {call} = prepared[i] as Prepared;
            const entry = entries[i];
            const ok = isObject(entry) && typeof entry.status === 'number' && isObject(entry.body);
            call.settle(
                ok
                    ? this.transport.read(metadata, call.routeId, entry.status as number, entry.body, undefined)
                    : this.transport.read(metadata, call.routeId, 200, entry, JSON.stringify(entry) ?? 'undefined'),
            );
        }
    }

    /** A 404 route-not-found for the batch URL: a server with batching off, or older. Calls go alone from now on. */
    private noBatchRoute(status: number, doc: unknown): boolean {
        if (status !== 404 || !isObject(doc) || !isObject(doc['@router']) || doc['@router'].name !== 'route-not-found') return false;
        this.unsupported = true;
        return true;
    }

    /** A batch refused for carrying more than the server's `maxBatchCalls`: remember it, send again in smaller batches. */
    private refusedForSize(status: number, doc: unknown, count: number): boolean {
        const error = isObject(doc) ? doc['@batch'] : undefined;
        const data = isObject(error) ? error.errorData : undefined;
        const max = isObject(data) ? data.maxBatchCalls : undefined;
        if (status !== 400 || typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max >= count) return false;
        this.maxCalls = max;
        return true;
    }
}
