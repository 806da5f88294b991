import {RpcError} from '@hookline/core';
import {ContextLogger, isLogged, LogLevel, LogLine, LogQueue} from './context-logger.js';
import {requestIdFrom} from './request-id.js';

/** Request headers with lower-case names, as Node's `IncomingMessage.headers`. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The router's own request object (not the platform's: raw hooks get that). */
export interface CallRequest {
    /** Request headers, names in lower case. */
    readonly headers: RequestHeaders;
    /** The body as received (decoded to text); `''` when there was none. */
    readonly rawBody: string;
    /** The parsed body: params keyed by procedure id. */
    body: Record<string, unknown>;
    /** Every error of this call, in order, with private message and original error (server side only). */
    readonly internalErrors: RpcError[];
}

/** The router's own response object. */
export interface CallResponse {
    /** HTTP status; 200 unless an error set it. */
    statusCode: number;
    /** Response headers, names in lower case. Header hooks write their returned values here. */
    readonly headers: Record<string, string>;
    /** Values returned by procedures (and public errors) keyed by procedure id. */
    readonly body: Record<string, unknown>;
    /** The serialized body, set by the end of the execution path. */
    rawBody: string;
    /** Whether a procedure failed; from then on only `runOnError` hooks run. */
    hasErrors: boolean;
}

/**
 * Metadata a route declares with `route(handler, {meta})` and hooks read as `ctx.route.meta`.
 * Augment it to type it for the whole app:
 *
 * @example
 * declare module '@hookline/router' {
 *     interface RouteMeta { roles?: string[] }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RouteMeta {}

/** The route a call executes, as hooks see it in `ctx.route`. */
export interface RouteInfo {
    readonly id: string;
    readonly path: string;
    readonly description: string | undefined;
    readonly meta: Readonly<RouteMeta>;
}

/**
 * Augment to type `ctx.shared` once for the whole app (instead of `CallContext<SharedData>` at
 * every handler); while it is empty, `ctx.shared` is `any`.
 *
 * @example
 * declare module '@hookline/router' {
 *     interface SharedDataRegistry { me: User | null }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SharedDataRegistry {}

/** The default type of `ctx.shared`: the augmented {@link SharedDataRegistry}, or `any`. */
export type AppSharedData = keyof SharedDataRegistry extends never ? any : SharedDataRegistry;

/**
 * Everything about the ongoing call, passed as first argument to every route and hook.
 *
 * @example
 * type MyContext = CallContext<{myUser: User | null}>;
 * const getMyPet = async (ctx: MyContext): Promise<Pet> => db.petOf(ctx.shared.myUser);
 */
export interface CallContext<SharedData = AppSharedData> {
    /** URL path of the route (prefix and suffix included). */
    readonly path: string;
    /** Router's own request object. */
    readonly request: CallRequest;
    /** Router's own response object. */
    readonly response: CallResponse;
    /** Data shared between the hooks and the route of this call; never sent to the client. */
    shared: SharedData;
    /** The route this call executes, with its declared `meta`: hooks decide per route with it. */
    readonly route: RouteInfo;
    /** The call's id: the incoming `x-request-id` (router option `requestIdHeader`) when well formed, else a new UUID. Computed on first read. */
    readonly requestId: string;
    /** A logger whose lines carry the request and route ids, flushed to the router's `logSink` after the response. Created on first read. */
    readonly logger: ContextLogger;
}

/** Router settings a context needs; one object per router. */
export interface ContextSettings {
    requestIdHeader: string;
    logLevel: LogLevel;
    /** Public errors carry the request id as their `id`. */
    echoRequestId: boolean;
    /** Batches log lines for the router's sink. */
    logQueue: LogQueue;
}

/** The `content-type` of every response the router writes (its bodies are JSON). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Whether a response's headers are just `content-type` {@link JSON_CONTENT_TYPE}: nearly every
 * response. An adapter writes those as one fixed shape instead of converting the record.
 */
export function isJsonOnlyHeaders(headers: Readonly<Record<string, string>>): boolean {
    // The shared headers of a call that set none: known without reading them.
    if (headers === defaultResponseHeaders) return true;
    if (headers['content-type'] !== JSON_CONTENT_TYPE) return false;
    let count = 0;
    for (const _ in headers) if (++count > 1) return false;
    return true;
}

/**
 * The headers of a response no step set a header on: one frozen object for every such call
 * (copy on write: a call's first write through `ctx.response.headers` gets its own object).
 */
export const defaultResponseHeaders: Readonly<Record<string, string>> = Object.freeze({'content-type': JSON_CONTENT_TYPE});

/** `ctx.shared` of a call whose router has no `sharedDataFactory`: `{}`, made on first read. */
export const lazyShared: unique symbol = Symbol('hookline.lazyShared');

/** Where a call's headers come from: the adapter's request (read on first use: some adapters make them on first read), or `{headers}`. */
export interface HeadersSource {
    readonly headers: RequestHeaders;
}

class Request implements CallRequest {
    body: Record<string, unknown> = {};
    /** Made on first read: most calls record no error. */
    errors: RpcError[] | undefined = undefined;
    constructor(
        private readonly from: HeadersSource,
        readonly rawBody: string,
    ) {}

    get headers(): RequestHeaders {
        return this.from.headers;
    }

    get internalErrors(): RpcError[] {
        return (this.errors ??= []);
    }
}

class Response implements CallResponse {
    statusCode = 200;
    /** The call's own headers, once a step reads `headers` (to write one); until then the default ones. */
    own: Record<string, string> | undefined = undefined;
    readonly body: Record<string, unknown> = {};
    rawBody = '';
    hasErrors = false;

    get headers(): Record<string, string> {
        return (this.own ??= {'content-type': JSON_CONTENT_TYPE});
    }
}

/**
 * The headers a call's response goes out with: its own when a step read `ctx.response.headers`
 * (to set one), else {@link defaultResponseHeaders}, shared and frozen: an adapter copies
 * before adding a header.
 */
export function responseHeadersOf(response: CallResponse): Readonly<Record<string, string>> {
    return response instanceof Response ? (response.own ?? defaultResponseHeaders) : response.headers;
}

/** The one class of every call context (one fixed shape; lazy parts start as undefined). */
export class Context implements CallContext {
    private id: string | undefined = undefined;
    private log: ContextLogger | undefined = undefined;
    private flushed = false;
    private sharedData: any;

    constructor(
        readonly path: string,
        readonly request: CallRequest,
        readonly response: CallResponse,
        shared: any,
        readonly route: RouteInfo,
        private readonly settings: ContextSettings,
    ) {
        this.sharedData = shared;
    }

    get shared(): any {
        const shared = this.sharedData;
        return shared === lazyShared ? (this.sharedData = {}) : shared;
    }

    set shared(value: any) {
        this.sharedData = value;
    }

    get requestId(): string {
        return (this.id ??= requestIdFrom(this.request.headers[this.settings.requestIdHeader]));
    }

    /** The `id` public errors of this call get when they have none: the request id, when echoed. */
    errorTraceId(): string | undefined {
        return this.settings.echoRequestId ? this.requestId : undefined;
    }

    get logger(): ContextLogger {
        return (this.log ??= new ContextLogger(() => this.requestId, this.route.id, this.settings.logLevel));
    }

    /** Lines to hand to the sink after the response: the logger's, and one per internal error when asked. */
    linesToFlush(logInternalErrors: boolean): LogLine[] | undefined {
        // Once per call: a call answered by its timeout can finish later, and must not log twice.
        if (this.flushed) return undefined;
        this.flushed = true;
        const request = this.request;
        const errors = request instanceof Request ? (request.errors ?? noErrors) : request.internalErrors;
        if (this.log === undefined && (!logInternalErrors || errors.length === 0)) return undefined;
        if (logInternalErrors) {
            for (const e of errors) {
                const level = e.statusCode >= 500 ? 'error' : 'debug';
                // Check the level first: reading a stack is the costly part.
                if (isLogged(level, this.settings.logLevel))
                    this.logger.log(level, `${e.name}: ${e.message}`, {statusCode: e.statusCode, stack: originalStack(e)});
            }
        }
        return this.log?.lines;
    }
}

const noErrors: readonly RpcError[] = Object.freeze([]);

function originalStack(e: RpcError): string | undefined {
    const original = e.originalError;
    return original instanceof Error ? original.stack : e.stack;
}

/** Queues a finished call's log lines for the sink, which gets them after the response has been written. */
export function flushAfterResponse(ctx: CallContext, queue: LogQueue, logInternalErrors: boolean): void {
    const lines = (ctx as Context).linesToFlush(logInternalErrors);
    if (lines !== undefined && lines.length > 0) queue.push(lines);
}

const noMeta: RouteMeta = Object.freeze({});
const defaultSettings: ContextSettings = {
    requestIdHeader: 'x-request-id',
    logLevel: 'info',
    echoRequestId: false,
    logQueue: new LogQueue(() => undefined),
};

/** A {@link RouteInfo} for a route id and URL path. */
export function routeInfo(id: string, path: string, description?: string, meta?: RouteMeta): RouteInfo {
    return Object.freeze({id, path, description, meta: meta ?? noMeta});
}

/** Creates the context of one call (the router does this for every call); `shared` {@link lazyShared} makes `ctx.shared` `{}` on first read. */
export function newCallContext(
    route: RouteInfo,
    headers: RequestHeaders,
    rawBody: string,
    shared: unknown,
    settings: ContextSettings,
): CallContext {
    return callContextOf(route, {headers}, rawBody, shared, settings);
}

/**
 * {@link newCallContext} with the headers read from `from` when a step first reads
 * `ctx.request.headers` (the router passes the adapter's request: the fetch adapter makes its
 * headers view on first read).
 */
export function callContextOf(
    route: RouteInfo,
    from: HeadersSource,
    rawBody: string,
    shared: unknown,
    settings: ContextSettings,
): CallContext {
    return new Context(route.path, new Request(from, rawBody), new Response(), shared, route, settings);
}

/** What {@link createTestContext} takes; everything is optional. */
export interface TestContextOptions<SharedData> {
    path?: string;
    routeId?: string;
    meta?: RouteMeta;
    headers?: RequestHeaders;
    rawBody?: string;
    shared?: SharedData;
}

/**
 * A call context for unit tests of handlers and services (with `runWithCallContext` for code
 * that calls `getCallContext()`).
 *
 * @example
 * const ctx = createTestContext({headers: {'x-api': 'api'}, shared: {me: null}});
 * const result = await runWithCallContext(ctx, () => repository.findById('id'));
 */
export function createTestContext<SharedData = any>(options: TestContextOptions<SharedData> = {}): CallContext<SharedData> {
    const routeId = options.routeId ?? 'test';
    const route = routeInfo(routeId, options.path ?? `/${routeId}`, undefined, options.meta);
    return newCallContext(
        route,
        options.headers ?? {},
        options.rawBody ?? '',
        options.shared ?? {},
        defaultSettings,
    ) as CallContext<SharedData>;
}

/**
 * Creates a call context of the one fixed shape every call uses (kept for tests written against
 * the first API; {@link createTestContext} takes more options).
 */
export function createCallContext<SharedData = any>(
    path: string,
    headers: RequestHeaders,
    rawBody: string,
    shared: SharedData,
): CallContext<SharedData> {
    return newCallContext(routeInfo(path.replace(/^\//, ''), path), headers, rawBody, shared, defaultSettings) as CallContext<SharedData>;
}
