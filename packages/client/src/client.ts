import {ApiMetadata, isRouterErrorCode, ProcedureMetadata, TypeNode, ValidationIssue} from '@hookline/core';
import {Batcher, BatchingClient, BatchOptions, BatchTransport, PreparedCall} from './batch.js';
import {CallError, CallResult, ServerCallError} from './result.js';
import {compileErrorRevivers, compileReviver, Reviver} from './revive.js';
import {HookStore, memoryStore} from './store.js';
import {ByteReader} from './sse.js';
import {ResponseStream} from './stream.js';
import {CallOptions, Client} from './types.js';

/** The part of a `fetch` response the client reads. */
export interface FetchResponse {
    readonly status: number;
    text(): Promise<string>;
    /** The response headers (the client reads `content-type`, to tell a streamed response). */
    readonly headers?: {get(name: string): string | null};
    /** The body as a stream (a streaming route's events are read from it as the loop asks). */
    readonly body?: {getReader(): ByteReader} | null;
}

/** What the client passes to `fetch`. */
export interface FetchInit {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    credentials?: 'omit' | 'same-origin' | 'include';
}

/** A `fetch` function: the global one, or a wrapper of it (logging, retries, a test double). */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * Checks a procedure's params before they are sent; returns the issues (none: valid). See
 * `validateParams` in `@hookline/client/validate`.
 */
export type ParamsValidator = (procedure: ProcedureMetadata, params: unknown[]) => ValidationIssue[];

/** Options of {@link createClient}. */
export interface ClientOptions {
    /** Where the router is served, its prefix included: `https://api.example.com/api` for a router with prefix `api`. */
    baseURL: string;
    /** Default: `globalThis.fetch`, looked up at each call. */
    fetch?: FetchLike;
    /** Headers sent with every call; a function is called before each call. */
    headers?: Record<string, string> | (() => Record<string, string>);
    /** Aborts a call (and the metadata fetch) after this many ms, with a `timeout` error. Default: none. */
    timeoutMs?: number;
    /** Where `$set` keeps hook values. Default: {@link memoryStore}. */
    store?: HookStore;
    /** The api metadata, embedded by a generated client; without it, fetched from `{baseURL}/@metadata` on the first call. */
    metadata?: ApiMetadata;
    /** The router's `suffix`, for the metadata URL when the metadata is fetched. Default `''`. */
    suffix?: string;
    /** Checks params before sending (`validateParams` from `@hookline/client/validate`). Default: none. */
    validate?: ParamsValidator;
    /** `fetch`'s `credentials` (send cookies cross-origin with `'include'`). Default: fetch's own. */
    credentials?: 'omit' | 'same-origin' | 'include';
    /**
     * Gather the calls made in the same tick (or within `maxWaitMs`) into batch requests of at most
     * `maxCalls` (see docs/client.md#batching). Default: off (`$batch` still batches explicitly).
     */
    batch?: BatchOptions;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const failed = (error: CallError): CallResult<never> => ({ok: false, error});

function isServerError(v: unknown): v is {name: string; statusCode: number; message: string; errorData?: unknown; id?: string | number} {
    return isObject(v) && typeof v.name === 'string' && typeof v.statusCode === 'number' && typeof v.message === 'string';
}

function toServerError(
    procedureId: string,
    e: {name: string; statusCode: number; message: string; errorData?: unknown; id?: string | number},
) {
    const error = {
        kind: isRouterErrorCode(e.name) ? 'router' : 'rpc',
        name: e.name,
        statusCode: e.statusCode,
        message: e.message,
        errorData: e.errorData,
        procedureId,
    } as ServerCallError;
    if (e.id !== undefined) error.id = e.id;
    return error;
}

function invalidResponse(status: number, body: string, message: string): CallError {
    return {kind: 'invalid-response', name: 'invalid-response', message, status, body: body.slice(0, 500)};
}

// JSON has no `undefined`: a trailing optional param left undefined is left out, as the protocol allows.
function trim(params: unknown[]): unknown[] {
    let n = params.length;
    while (n > 0 && params[n - 1] === undefined) n--;
    return n === params.length ? params : params.slice(0, n);
}

// A hook applies to the routes beside it and below it: `a/auth` to `a/x` and `a/b/y`, a root hook to all.
function applies(hookId: string, routeId: string): boolean {
    const cut = hookId.lastIndexOf('/');
    return cut < 0 || routeId.startsWith(hookId.slice(0, cut + 1));
}

/** Carries a failure out of a nested await (the metadata fetch) to the call's result. */
class Failure {
    constructor(readonly error: CallError) {}
}

class ClientCore implements BatchTransport {
    readonly store: HookStore;
    readonly batcher: Batcher;
    readonly timeoutMs: number;
    private readonly base: string;
    private metadata: ApiMetadata | undefined;
    private loading: Promise<ApiMetadata> | undefined;
    private readonly revivers = new Map<string, Reviver | undefined>();
    private readonly errorRevivers = new Map<string, Map<string, Reviver>>();

    constructor(private readonly o: ClientOptions) {
        this.base = o.baseURL.replace(/\/+$/, '');
        this.store = o.store ?? memoryStore();
        this.metadata = o.metadata;
        this.timeoutMs = o.timeoutMs ?? 0;
        this.batcher = new Batcher(this, () => this.metadata?.suffix ?? this.o.suffix ?? '', o.batch);
    }

    private fetch(url: string, init: FetchInit): Promise<FetchResponse> {
        const f = this.o.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
        if (f === undefined) throw new Error('no fetch: pass options.fetch');
        return f(url, init);
    }

    private headers(): Record<string, string> {
        const h = this.o.headers;
        return typeof h === 'function' ? {...h()} : {...h};
    }

    /** The metadata: embedded, cached, or fetched once (a failed fetch is tried again by the next call). */
    loadMetadata(): Promise<ApiMetadata> {
        if (this.metadata !== undefined) return Promise.resolve(this.metadata);
        this.loading ??= this.fetchMetadata().then(
            (m) => (this.metadata = m),
            (error: unknown) => {
                this.loading = undefined;
                throw error;
            },
        );
        return this.loading;
    }

    private async fetchMetadata(): Promise<ApiMetadata> {
        const url = `${this.base}/@metadata${this.o.suffix ?? ''}`;
        const timeoutMs = this.o.timeoutMs ?? 0;
        const ctrl = new AbortController();
        const timer = timeoutMs > 0 ? setTimeout(() => ctrl.abort(), timeoutMs) : undefined;
        let status = 0;
        let text = '';
        try {
            const init: FetchInit = {method: 'GET', headers: this.headers(), signal: ctrl.signal};
            if (this.o.credentials !== undefined) init.credentials = this.o.credentials;
            const res = await this.fetch(url, init);
            status = res.status;
            text = await res.text();
        } catch (cause) {
            throw new Failure(
                ctrl.signal.aborted
                    ? {kind: 'timeout', name: 'timeout', message: `no metadata from ${url} within ${timeoutMs} ms`, timeoutMs}
                    : {
                          kind: 'network',
                          name: 'network',
                          message: `could not fetch the api metadata from ${url}: ${String((cause as Error)?.message ?? cause)}`,
                          cause,
                      },
            );
        } finally {
            clearTimeout(timer);
        }
        let doc: unknown;
        try {
            doc = JSON.parse(text);
        } catch {
            doc = undefined;
        }
        const metadata = isObject(doc) ? doc['@metadata'] : undefined;
        if (status !== 200 || !isObject(metadata) || !isObject(metadata.routes) || !isObject(metadata.hooks)) {
            throw new Failure(
                invalidResponse(
                    status,
                    text,
                    `no api metadata at ${url} (HTTP ${status}): check baseURL, or pass the metadata (a generated client embeds it)`,
                ),
            );
        }
        return metadata as unknown as ApiMetadata;
    }

    /** A call: gathered into a batch when one is being gathered, else alone. `sink` gets the stream if the response is one. */
    call(routeId: string, params: unknown[], options: CallOptions, sink?: ResponseStream<unknown, unknown>): Promise<CallResult<unknown>> {
        return this.batcher.gather(routeId, params, options, sink) ?? this.single(routeId, params, options, sink);
    }

    /**
     * What a route of the tree returns: a streaming route's {@link ResponseStream}, any other's
     * promise. Before the metadata is known (the first calls of a client without embedded
     * metadata), a promise that is a stream too: the response tells which it is.
     */
    invoke(routeId: string, params: unknown[], options: CallOptions): unknown {
        const metadata = this.metadata;
        if (metadata !== undefined) {
            if (metadata.routes[routeId]?.stream === undefined) return this.call(routeId, params, options);
            const stream = new ResponseStream<unknown, unknown>();
            void this.single(routeId, params, options, stream).then((result) => stream.settleCall(result));
            return stream;
        }
        const sink = new ResponseStream<unknown, unknown>();
        const promise = this.call(routeId, params, options, sink);
        void promise.then((result) => sink.settleCall(result));
        return Object.defineProperties(promise, {
            [Symbol.asyncIterator]: {value: () => sink[Symbol.asyncIterator]()},
            result: {get: () => sink.result},
            cancel: {value: () => sink.cancel()},
        });
    }

    /** The metadata, or the error that kept it away (for batches, which settle each call with it). */
    metadataOrError(): Promise<ApiMetadata | CallError> {
        if (this.metadata !== undefined) return Promise.resolve(this.metadata);
        return this.loadMetadata().catch((e: unknown): CallError =>
            e instanceof Failure ? e.error : {kind: 'network', name: 'network', message: String(e), cause: e},
        );
    }

    /** POSTs a JSON body to `{baseURL}{path}`. */
    async post(path: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<{status: number; text: string}> {
        const init: FetchInit = {method: 'POST', headers, body, signal};
        if (this.o.credentials !== undefined) init.credentials = this.o.credentials;
        const res = await this.fetch(`${this.base}${path}`, init);
        return {status: res.status, text: await res.text()};
    }

    /** One call in its own request; a streamed response is handed to `sink` (its result is the stream's). */
    async single(
        routeId: string,
        params: unknown[],
        options: CallOptions,
        sink?: ResponseStream<unknown, unknown>,
    ): Promise<CallResult<unknown>> {
        const signal = options.signal;
        if (signal?.aborted) return failed({kind: 'aborted', name: 'aborted', message: 'the call was aborted', reason: signal.reason});
        const timeoutMs = options.timeoutMs ?? this.o.timeoutMs ?? 0;
        const ctrl = new AbortController();
        let timedOut = false;
        const onAbort = (): void => ctrl.abort(signal?.reason);
        signal?.addEventListener('abort', onAbort);
        const timer =
            timeoutMs > 0
                ? setTimeout(() => {
                      timedOut = true;
                      ctrl.abort();
                  }, timeoutMs)
                : undefined;
        // A stream outlives this function: its end removes the abort listener.
        let streaming = false;
        try {
            const metadata = this.metadata ?? (await abortable(this.loadMetadata(), ctrl.signal));
            const request = this.prepare(metadata, routeId, params, options);
            if ('kind' in request) return failed(request);
            const {body, headers} = request;
            const init: FetchInit = {method: 'POST', headers, signal: ctrl.signal};
            if (Object.keys(body).length > 0) {
                init.body = JSON.stringify(body);
                headers['content-type'] = 'application/json';
            }
            if (this.o.credentials !== undefined) init.credentials = this.o.credentials;
            const res = await this.fetch(`${this.base}/${routeId}${metadata.suffix}`, init);
            const stream = res.body;
            if (sink !== undefined && stream !== undefined && stream !== null && isEventStream(res.headers?.get('content-type'))) {
                // The timeout covers the wait for the response, not the stream: it lasts as long as the route produces.
                clearTimeout(timer);
                streaming = true;
                const route = metadata.routes[routeId];
                return await sink.attach({
                    reader: stream.getReader(),
                    abort: () => ctrl.abort(),
                    done: () => signal?.removeEventListener('abort', onAbort),
                    signal,
                    item: route?.stream === undefined ? undefined : this.reviverOf(`${routeId}\0item`, route.stream.item),
                    result: route?.stream === undefined ? undefined : this.reviverOf(`${routeId}\0result`, route.stream.result),
                    error: (doc, text) => {
                        const read = this.read(metadata, routeId, 500, doc, text);
                        return read.ok ? invalidResponse(200, text, 'an error event without an error') : read.error;
                    },
                });
            }
            return this.readText(metadata, routeId, res.status, await res.text());
        } catch (cause) {
            if (timedOut) return failed({kind: 'timeout', name: 'timeout', message: `no response within ${timeoutMs} ms`, timeoutMs});
            if (signal?.aborted) return failed({kind: 'aborted', name: 'aborted', message: 'the call was aborted', reason: signal.reason});
            if (cause instanceof Failure) return failed(cause.error);
            return failed({kind: 'network', name: 'network', message: String((cause as Error)?.message ?? cause), cause});
        } finally {
            if (!streaming) {
                clearTimeout(timer);
                signal?.removeEventListener('abort', onAbort);
            }
        }
    }

    /** A type's reviver, compiled once per key. */
    private reviverOf(key: string, type: TypeNode): Reviver | undefined {
        if (!this.revivers.has(key)) this.revivers.set(key, compileReviver(type));
        return this.revivers.get(key);
    }

    /** The body and headers of a call (hooks' values included), or the error that stops it before sending. */
    prepare(metadata: ApiMetadata, routeId: string, params: unknown[], options: CallOptions): PreparedCall | CallError {
        const route = metadata.routes[routeId];
        const body: Record<string, unknown[]> = {};
        const headers = {...this.headers(), ...options.headers};
        const hookIds = route?.hooks ?? Object.keys(metadata.hooks).filter((id) => applies(id, routeId));
        const given = options.hooks as Record<string, unknown[] | undefined> | undefined;
        for (const id of hookIds) {
            const hook = metadata.hooks[id];
            const values = given?.[id] ?? this.store.get(id);
            if (hook === undefined || values === undefined) continue;
            if (hook.headerName !== undefined) {
                if (values[0] !== undefined) headers[hook.headerName] = String(values[0]);
            } else if (hook.params.length > 0) body[id] = trim(values);
        }
        if (params.length > 0) body[routeId] = trim(params);
        const validate = this.o.validate;
        if (validate !== undefined) {
            for (const [id, values] of Object.entries(body)) {
                const procedure = id === routeId ? route : metadata.hooks[id];
                const issues = procedure === undefined ? [] : validate(procedure, values);
                if (issues.length > 0) {
                    return {
                        kind: 'router',
                        name: 'validation-failed',
                        statusCode: 400,
                        message: `invalid params for "${id}": ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
                        errorData: {errors: issues},
                        procedureId: id,
                    };
                }
            }
        }
        return {body, headers};
    }

    /** A declared error's `errorData` revived by its declared type (its `Date`s), like a value. */
    private reviveError(metadata: ApiMetadata, routeId: string, error: ServerCallError): ServerCallError {
        if (error.kind !== 'rpc' || error.errorData === undefined || error.errorData === null) return error;
        let revivers = this.errorRevivers.get(routeId);
        if (revivers === undefined) this.errorRevivers.set(routeId, (revivers = compileErrorRevivers(metadata.routes[routeId]?.errors)));
        const revive = revivers.get(`${error.procedureId}\0${error.name}`);
        if (revive !== undefined) error.errorData = revive(error.errorData);
        return error;
    }

    private readText(metadata: ApiMetadata, routeId: string, status: number, text: string): CallResult<unknown> {
        let doc: unknown;
        try {
            doc = text === '' ? {} : JSON.parse(text);
        } catch {
            return failed(invalidResponse(status, text, `HTTP ${status}: the response is not JSON`));
        }
        return this.read(metadata, routeId, status, doc, text);
    }

    /** A call's result from its status and parsed body (a single call's, or a batch entry's); `text` for error messages. */
    read(metadata: ApiMetadata, routeId: string, status: number, doc: unknown, text: string | undefined): CallResult<unknown> {
        if (!isObject(doc))
            return failed(
                invalidResponse(status, text ?? String(JSON.stringify(doc)), `HTTP ${status}: the response is not a JSON object`),
            );
        if (status >= 400) {
            // Routing and body errors sit under `@router`; else the error is under the id that failed.
            const id = isServerError(doc['@router']) ? '@router' : Object.keys(doc).find((k) => isServerError(doc[k]));
            if (id === undefined)
                return failed(invalidResponse(status, text ?? JSON.stringify(doc), `HTTP ${status}: no error in the response`));
            return failed(this.reviveError(metadata, routeId, toServerError(id, doc[id] as Parameters<typeof toServerError>[1])));
        }
        const value = doc[routeId];
        if (!this.revivers.has(routeId)) {
            const route = metadata.routes[routeId];
            this.revivers.set(routeId, route?.returnsData ? compileReviver(route.returns) : undefined);
        }
        const revive = this.revivers.get(routeId);
        return {ok: true, value: revive === undefined || value === undefined ? value : revive(value)};
    }
}

/** Whether a response's content type is server-sent events (a streaming route's answer). */
function isEventStream(contentType: string | null | undefined): boolean {
    return typeof contentType === 'string' && contentType.toLowerCase().startsWith('text/event-stream');
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), {once: true});
        promise.then(resolve, reject);
    });
}

const noOptions: CallOptions = {};

function node(core: ClientCore, id: string): unknown {
    const children = new Map<string, unknown>();
    const call = (options: CallOptions, params: unknown[]): unknown => core.invoke(id, params, options);
    return new Proxy(() => undefined, {
        apply: (_target, _this, params: unknown[]) => call(noOptions, params),
        get: (_target, key) => {
            // `then` stays undefined, so that a client tree is not mistaken for a promise.
            if (typeof key !== 'string' || key === 'then') return undefined;
            switch (key) {
                case '$id':
                    return id;
                case '$batch':
                    if (id === '') return core.batcher.batch.bind(core.batcher);
                    break;
                case '$with':
                    return (options: CallOptions) =>
                        (...params: unknown[]) =>
                            call(options, params);
                case '$set':
                    return (...params: unknown[]) => core.store.set(id, params);
                case '$clear':
                    return () => core.store.delete(id);
                case '$get':
                    return () => core.store.get(id);
                case '$metadata':
                    return () =>
                        core.loadMetadata().then(
                            (value): CallResult<ApiMetadata> => ({ok: true, value}),
                            (e: unknown) =>
                                failed(e instanceof Failure ? e.error : {kind: 'network', name: 'network', message: String(e), cause: e}),
                        );
            }
            let child = children.get(key);
            if (child === undefined) children.set(key, (child = node(core, id === '' ? key : `${id}/${key}`)));
            return child;
        },
    });
}

/**
 * Creates a client typed from an api spec type: `typeof apiSpec` in the same repository (a type
 * only: no server code is imported), or the `Api` type of a generated client file.
 *
 * Routes are functions of the tree (`client.users.getUser(1)`) resolving to a {@link CallResult};
 * hooks that take params have `$set`/`$clear`/`$get`; `$with` gives per-call options. One call is
 * one HTTP request, carrying the params of the route and of the hooks on its path. Without
 * embedded `metadata`, the first call fetches `{baseURL}/@metadata` once.
 *
 * @example
 * import {createClient} from '@hookline/client';
 * import {ExampleApi} from '../server/api.js'; // used as a type only: erased from the build
 *
 * const client = createClient<ExampleApi>({baseURL: 'http://127.0.0.1:3000', timeoutMs: 5000});
 * client.api.auth.$set('Bearer token-ada');
 * const res = await client.api.users.getUser(1);
 * if (res.ok) console.log(res.value.createdAt.getFullYear());
 */
export function createClient<S>(options: ClientOptions): Client<S> & BatchingClient {
    return node(new ClientCore(options), '') as Client<S> & BatchingClient;
}
