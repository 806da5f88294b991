import {utf8Length} from './platform.js';
import {RouterErrorCode, routerError, RpcError} from '@hookline/core';
import {
    CallContext,
    callContextOf,
    ContextSettings,
    flushAfterResponse,
    JSON_CONTENT_TYPE,
    lazyShared,
    RequestHeaders,
    responseHeadersOf,
} from './call-context.js';
import {runWithCallContext} from './async-context.js';
import {requestIdFrom} from './request-id.js';
import {toRpcError} from './errors.js';
import {ExecutionPath, PendingPath, PublicError, ROUTER_ERROR_ID} from './execution-path.js';
import {exceedsJsonDepth} from './json-depth.js';
import {Procedure, recordError} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {dispatchStream} from './stream-dispatch.js';
import {RouterStream} from './stream-response.js';

/** The runtime-neutral request adapters hand to {@link dispatch}. */
export interface RouterRequest {
    /** HTTP method, upper case. */
    method: string;
    /** URL path, without query string. */
    path: string;
    /** Headers, names in lower case. */
    headers: RequestHeaders;
    /**
     * The `content-type` header, when the adapter reads it more cheaply than through `headers`
     * (optional: `headers['content-type']` when absent). Read only for a POST with a body.
     */
    contentType?: string | string[] | undefined;
    /** Raw body: text, or bytes (decoded as UTF-8); empty or absent when there is none. */
    body?: string | Uint8Array | null | undefined;
}

/** The runtime-neutral response adapters write back. */
export interface RouterResponse {
    statusCode: number;
    /**
     * Header names in lower case. Possibly frozen: a call that set no header shares one frozen
     * object with every such call, so an adapter that adds a header copies it first.
     */
    headers: Record<string, string>;
    /** JSON text (`''` when the response streams). */
    body: string;
    /**
     * Set when a streaming route's response streams (`content-type: text/event-stream`): the body
     * as chunks of server-sent events, which the adapter pulls when its sink can take more, and
     * cancels when the client goes away. Absent for every other response.
     */
    stream?: RouterStream;
}

const utf8 = new TextDecoder('utf-8', {fatal: true});

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return (
        value instanceof Promise || (typeof value === 'object' && value !== null && typeof (value as {then?: unknown}).then === 'function')
    );
}

/**
 * Runs an execution path from step `start`: synchronously while handlers return plain values,
 * switching to promises only when one returns a promise. Returns `undefined` when it finished
 * synchronously. After a failure only `runOnError` steps run.
 */
export function runProcedures(
    ctx: CallContext,
    procedures: readonly Procedure[],
    start: number,
    rawRequest: unknown,
    rawResponse: unknown,
    options: Readonly<RouterOptions>,
): Promise<void> | undefined {
    const res = ctx.response;
    for (let i = start; i < procedures.length; i++) {
        const p = procedures[i] as Procedure;
        if (res.hasErrors && !p.runOnError) continue;
        try {
            const out = p.invoke(ctx, rawRequest, rawResponse, options);
            if (isPromiseLike(out)) return continueAfter(ctx, procedures, i, out, rawRequest, rawResponse, options);
            p.settle(ctx, out);
        } catch (error) {
            recordError(ctx, p.errorId, toRpcError(error));
        }
    }
    return undefined;
}

/** Settles step `i` with what its promise gives, then runs the rest of the path. */
function continueAfter(
    ctx: CallContext,
    procedures: readonly Procedure[],
    i: number,
    out: PromiseLike<unknown>,
    rawRequest: unknown,
    rawResponse: unknown,
    options: Readonly<RouterOptions>,
): Promise<void> {
    const p = procedures[i] as Procedure;
    const next = i + 1;
    return Promise.resolve(out).then(
        (value) => {
            settle(ctx, p, value);
            return runProcedures(ctx, procedures, next, rawRequest, rawResponse, options);
        },
        (error: unknown) => {
            recordError(ctx, p.errorId, toRpcError(error));
            return runProcedures(ctx, procedures, next, rawRequest, rawResponse, options);
        },
    );
}

/**
 * {@link runProcedures} for a path of exactly `@parseBody`, the route and `@serializeBody`
 * (`ExecutionPath.direct`): the three steps in a row, without the loop's per-step checks. The
 * first step that throws, or a route that returns a promise, hands the rest of the path to
 * {@link runProcedures}, which then runs what it would have run (the route skipped after a
 * refused body unless it runs on error, `@serializeBody` always).
 */
export function runDirect(
    ctx: CallContext,
    procedures: readonly Procedure[],
    rawRequest: unknown,
    rawResponse: unknown,
    options: Readonly<RouterOptions>,
): Promise<void> | undefined {
    let step = 0;
    try {
        (procedures[0] as Procedure).invoke(ctx, rawRequest, rawResponse, options);
        step = 1;
        const route = procedures[1] as Procedure;
        const out = route.invoke(ctx, rawRequest, rawResponse, options);
        if (isPromiseLike(out)) return continueAfter(ctx, procedures, 1, out, rawRequest, rawResponse, options);
        route.settle(ctx, out);
        step = 2;
        // Internal steps settle nothing.
        (procedures[2] as Procedure).invoke(ctx, rawRequest, rawResponse, options);
    } catch (error) {
        recordError(ctx, (procedures[step] as Procedure).errorId, toRpcError(error));
        return runProcedures(ctx, procedures, step + 1, rawRequest, rawResponse, options);
    }
    return undefined;
}

function runAll(
    ctx: CallContext,
    procedures: readonly Procedure[],
    rawRequest: unknown,
    rawResponse: unknown,
    options: Readonly<RouterOptions>,
): Promise<void> | undefined {
    return runProcedures(ctx, procedures, 0, rawRequest, rawResponse, options);
}

function settle(ctx: CallContext, p: Procedure, value: unknown): void {
    try {
        p.settle(ctx, value);
    } catch (error) {
        recordError(ctx, p.errorId, toRpcError(error));
    }
}

/** A response for an error that happened before any step ran (routing, method, size, content type). */
export function errorResponse(error: RpcError, headers: Record<string, string> = {}): RouterResponse {
    return {
        statusCode: error.statusCode,
        headers: {'content-type': JSON_CONTENT_TYPE, ...headers},
        body: `{${JSON.stringify(ROUTER_ERROR_ID)}:${JSON.stringify(new PublicError(error))}}`,
    };
}

/**
 * A response for one of the router's own errors, in the protocol's shape (the error under
 * `@router`). Adapters use it for what they refuse before dispatch, e.g. a body over the limit.
 *
 * @example
 * writeResponse(res, routerErrorResponse('body-too-large', 'the body is larger than 1048576 bytes', {connection: 'close'}));
 */
export function routerErrorResponse(code: RouterErrorCode, message: string, headers?: Record<string, string>): RouterResponse {
    return errorResponse(routerError(code, message), headers);
}

/** The 413 every adapter sends for a body over `maxBodySize`. */
export function bodyTooLargeResponse(maxBodySize: number): RouterResponse {
    return routerErrorResponse('body-too-large', `the body is larger than ${maxBodySize} bytes`, {connection: 'close'});
}

const reject = routerErrorResponse;

/**
 * The 413 for a body an adapter refused while reading it (over `maxBodySize`), with the request's
 * id (header and error) when `echoRequestId` is on, like every other refusal.
 */
export function refusedBodyResponse(headers: RequestHeaders, options: Readonly<RouterOptions>): RouterResponse {
    return tagged(headers, options, bodyTooLargeResponse(options.maxBodySize));
}

/**
 * With `echoRequestId`, a request refused before its context exists (404, 405, 413, 415, invalid
 * UTF-8, a throwing sharedDataFactory) still gets its id: in the header and on the public error.
 */
export function tagged(headers: RequestHeaders, options: Readonly<RouterOptions>, response: RouterResponse): RouterResponse {
    if (!options.echoRequestId) return response;
    const id = requestIdFrom(headers[options.requestIdHeader]);
    response.headers[options.requestIdHeader] = id;
    const body = JSON.parse(response.body) as Record<string, {id?: string | number}>;
    const error = body[ROUTER_ERROR_ID];
    if (error !== undefined && error.id === undefined) {
        error.id = id;
        response.body = JSON.stringify(body);
    }
    return response;
}

function toResponse(ctx: CallContext): RouterResponse {
    const res = ctx.response;
    return {statusCode: res.statusCode, headers: responseHeadersOf(res) as Record<string, string>, body: res.rawBody};
}

function byteLength(text: string, limit: number): number {
    // A string's UTF-8 length is at least its length and at most three times it.
    return text.length * 3 <= limit ? text.length : utf8Length(text);
}

function isJsonContentType(header: string | string[] | undefined): boolean {
    // Sent twice, the first counts: what Node's parser did before adapters passed repeats on.
    const value = Array.isArray(header) ? header[0] : header;
    if (typeof value !== 'string') return false;
    if (value === 'application/json' || value === 'application/json; charset=utf-8') return true;
    const [type, ...params] = value.toLowerCase().split(';');
    if (type?.trim() !== 'application/json') return false;
    return params.every((param) => {
        const [k, v] = param.split('=').map((s) => s.trim());
        return k !== 'charset' || v === 'utf-8' || v === '"utf-8"' || v === 'utf8';
    });
}

/**
 * A POST body as text, or the refusal every route (and the batch route) answers: over
 * `maxBodySize` 413, not JSON in UTF-8 415, bytes that are not UTF-8 400.
 */
export function bodyText(req: RouterRequest, body: string | Uint8Array, options: Readonly<RouterOptions>): string | RouterResponse {
    const size = typeof body === 'string' ? byteLength(body, options.maxBodySize) : body.length;
    if (size > options.maxBodySize)
        return tagged(
            req.headers,
            options,
            reject('body-too-large', `the body is larger than ${options.maxBodySize} bytes`, {connection: 'close'}),
        );
    if (!isJsonContentType(req.contentType !== undefined ? req.contentType : req.headers['content-type']))
        return tagged(
            req.headers,
            options,
            reject('unsupported-media-type', 'the body must be sent as content-type: application/json (UTF-8)'),
        );
    if (typeof body === 'string') return body;
    try {
        return utf8.decode(body);
    } catch {
        return tagged(req.headers, options, reject('invalid-json', 'the body is not valid UTF-8'));
    }
}

/**
 * A route dispatch answers from its not-found branch (so it costs the calls of other routes
 * nothing): the batch route (`{prefix}/@batch{suffix}`).
 */
export interface FallbackRoute {
    /** Its URL path. */
    readonly path: string;
    /** Answers a request to {@link FallbackRoute.path}; never throws or rejects. */
    dispatch(req: RouterRequest, rawRequest: unknown, rawResponse: unknown): RouterResponse | Promise<RouterResponse>;
}

/** Checks the request against the protocol, builds the context and runs the path. */
export function dispatch(
    paths: ReadonlyMap<string, ExecutionPath | PendingPath>,
    options: Readonly<RouterOptions>,
    settings: ContextSettings,
    req: RouterRequest,
    rawRequest: unknown,
    rawResponse: unknown,
    fallback?: FallbackRoute,
): RouterResponse | Promise<RouterResponse> {
    const found = paths.get(req.path);
    if (found === undefined) {
        if (fallback !== undefined && req.path === fallback.path) return fallback.dispatch(req, rawRequest, rawResponse);
        return tagged(
            req.headers,
            options,
            reject('route-not-found', `no route at ${req.path.length > 200 ? `${req.path.slice(0, 200)}...` : req.path}`),
        );
    }
    // A lazily compiled route compiles on its first call; one whose types fail answers a generic 500.
    const ep = found.pending ? found.compile() : found;
    if (ep === undefined) return tagged(req.headers, options, errorResponse(toRpcError(new Error('route failed to compile'))));
    let rawBody = '';
    if (req.method === 'POST') {
        const body = req.body;
        if (body !== undefined && body !== null && body.length > 0) {
            const text = bodyText(req, body, options);
            if (typeof text !== 'string') return text;
            rawBody = text;
        }
    } else if (req.method !== 'GET' || !ep.allowsGet) {
        return tagged(req.headers, options, reject('method-not-allowed', `${ep.id} accepts ${ep.allow}`, {allow: ep.allow}));
    }
    // Before any step: a deeply nested body would otherwise reach guards, handlers and serializers
    // that recurse (an `unknown` param echoed back overflows JSON.stringify's stack).
    if (rawBody.length > options.maxJsonDepth && exceedsJsonDepth(rawBody, options.maxJsonDepth))
        return tagged(
            req.headers,
            options,
            reject('invalid-body', `the body is nested deeper than maxJsonDepth (${options.maxJsonDepth} levels)`),
        );
    const factory = options.sharedDataFactory;
    let shared: unknown = lazyShared;
    if (factory !== undefined) {
        try {
            shared = factory();
        } catch (error) {
            return tagged(req.headers, options, errorResponse(toRpcError(error)));
        }
    }
    // The request's headers are read when a step reads ctx.request.headers, not before.
    const ctx = callContextOf(ep.info, req, rawBody, shared, settings);
    if (ep.stream !== undefined) return dispatchStream(ctx, ep, options, settings, rawRequest, rawResponse);
    const run = ep.direct ? runDirect : runAll;
    const pending = options.asyncContext
        ? runWithCallContext(ctx, () => run(ctx, ep.procedures, rawRequest, rawResponse, options))
        : run(ctx, ep.procedures, rawRequest, rawResponse, options);
    if (pending === undefined) return finish(ctx, options, settings);
    const done = pending.then(() => finish(ctx, options, settings));
    return options.callTimeout > 0 ? withTimeout(done, ctx, ep, options, settings) : done;
}

/**
 * Answers 503 `call-timeout` when a call outlives `callTimeout`. The handler can't be stopped: it
 * goes on in the background, and whatever it does later no longer reaches this response.
 */
function withTimeout(
    done: Promise<RouterResponse>,
    ctx: CallContext,
    ep: ExecutionPath,
    options: Readonly<RouterOptions>,
    settings: ContextSettings,
): Promise<RouterResponse> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<RouterResponse>((resolve) => {
        timer = setTimeout(() => {
            recordError(ctx, ROUTER_ERROR_ID, routerError('call-timeout', `the call did not finish within ${options.callTimeout} ms`));
            const serialize = ep.procedures[ep.procedures.length - 1] as Procedure;
            serialize.invoke(ctx, undefined, undefined, options);
            const response = finish(ctx, options, settings);
            resolve({statusCode: response.statusCode, headers: {...response.headers}, body: response.body});
        }, options.callTimeout);
    });
    return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}

/** Ends a call: the request id header when echoed, its log lines queued, its response. */
export function finish(ctx: CallContext, options: Readonly<RouterOptions>, settings: ContextSettings): RouterResponse {
    if (options.echoRequestId) ctx.response.headers[options.requestIdHeader] = ctx.requestId;
    flushAfterResponse(ctx, settings.logQueue, options.logInternalErrors);
    return toResponse(ctx);
}
