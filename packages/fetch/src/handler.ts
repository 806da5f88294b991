import {CorsOptions, createCorsPolicy} from '@hookline/node/cors';
import {Router, RouterResponse, RouterStream} from '@hookline/router';
import {declaredBody, readBody} from './body.js';
import {FetchRouterRequest, requestHeadersOf} from './request.js';
import {toResponse} from './response.js';
import {toStreamResponse} from './stream.js';
import {FetchRawResponse} from './raw-response.js';
import {waitUntilOf} from './wait-until.js';

/**
 * A Fetch-API handler: a Workers module's `fetch`, `Bun.serve({fetch})`, `Deno.serve(handler)`.
 * `platformArgs` are whatever the platform passes after the request (a Worker's `env` and `ctx`,
 * Bun's server, Deno's connection info); raw hooks get them.
 */
export type FetchHandler = (request: Request, ...platformArgs: any[]) => Promise<Response>;

/** Options of {@link createFetchHandler}. */
export interface FetchHandlerOptions {
    /** Cross-origin access for browsers (CORS); off when absent. The same option as the Node adapter's. */
    cors?: CorsOptions;
    /**
     * Called with failures of the adapter itself (a request body stream that errored: the client
     * went away); default: ignore. Never called for handler errors: those are responses.
     */
    onError?: (error: unknown) => void;
    /**
     * Keep the call alive until the router's log queue has handed its lines to the log sink (and a
     * promise an asynchronous sink returned has settled: `router.flushLogs()`), with the
     * platform's `waitUntil` (a Worker's `ctx.waitUntil`) when one of the platform arguments has it. Default `true`; without `waitUntil` (Bun, Deno) the process outlives the call anyway.
     */
    waitForLogs?: boolean;
}

/**
 * Creates a Fetch-API handler that runs a router: `(request, ...platformArgs) => Promise<Response>`.
 * The body is read up to the router's `maxBodySize` (413 past it, the rest of the stream
 * cancelled unread). Raw hooks get the `Request` as `rawRequest` and a {@link FetchRawResponse} as
 * `rawResponse`: the platform arguments (`platformArgs`, `[env, ctx]` on Workers) and a progress
 * stream (a raw hook's first `write` sends a `Response` whose body carries what it wrote, then
 * the router's body, as the Node adapter does). With `waitForLogs`, the platform's `waitUntil`
 * gets `router.flushLogs()` for each call.
 *
 * @example
 * // A Cloudflare Worker, Bun (`export default {fetch}` or `Bun.serve({fetch})`), Deno (`Deno.serve(fetch)`):
 * import {createRouter} from '@hookline/router';
 * import {createFetchHandler} from '@hookline/fetch';
 * import compiled from './api.compiled.js';
 * import {routes} from './api.js';
 *
 * const router = createRouter({compiled});
 * router.registerRoutes(routes);
 * export default {fetch: createFetchHandler(router)};
 */
export function createFetchHandler(router: Router, options: FetchHandlerOptions = {}): FetchHandler {
    const limit = router.options.maxBodySize;
    const onError = options.onError ?? (() => undefined);
    const waitForLogs = options.waitForLogs !== false;
    const cors = options.cors === undefined ? undefined : createCorsPolicy(router, options.cors);

    const addCors = (request: Request, response: RouterResponse): void => {
        if (cors !== undefined) response.headers = cors.withHeaders(request.headers.get('origin') ?? undefined, response.headers);
    };

    const respond = (request: Request, response: RouterResponse, platformArgs: unknown[], raw?: FetchRawResponse): Response => {
        if (response.stream !== undefined) return respondStream(request, response, platformArgs, raw);
        // The platform may stop once the response is returned (and its stream closed): keep the
        // call alive until its log lines are handed off.
        if (waitForLogs) waitUntilOf(platformArgs)?.waitUntil(router.flushLogs());
        const sent = raw?.response;
        if (sent !== undefined) {
            // A raw hook wrote: the router's body follows what it wrote (nothing if it ended the response).
            (raw as FetchRawResponse).finish(response.body);
            return sent;
        }
        addCors(request, response);
        return toResponse(response);
    };

    // A streaming route's response: its log lines are queued when the stream ends, so the
    // platform is kept alive until then, and until they are handed off.
    const respondStream = (request: Request, response: RouterResponse, platformArgs: unknown[], raw?: FetchRawResponse): Response => {
        let ended: () => void = () => undefined;
        const waitUntil = waitForLogs ? waitUntilOf(platformArgs) : undefined;
        waitUntil?.waitUntil(new Promise<void>((resolve) => (ended = resolve)).then(() => router.flushLogs()));
        const sent = raw?.response;
        if (sent !== undefined) {
            // A raw hook wrote: the events follow what it wrote.
            void (raw as FetchRawResponse).finishStream(response.stream as RouterStream).then(ended);
            return sent;
        }
        addCors(request, response);
        return toStreamResponse(response, ended);
    };

    // Runs the call once its body is read.
    const call = (
        request: Request,
        body: string | Uint8Array | undefined,
        platformArgs: unknown[],
        headers?: Headers,
    ): Response | Promise<Response> => {
        const raw = new FetchRawResponse(platformArgs);
        const out = router.dispatch(new FetchRouterRequest(request, body, headers), request, raw);
        if (!(out instanceof Promise)) return respond(request, out, platformArgs, raw);
        // The response goes out at a raw hook's first write (its progress stream), or when the call is done.
        return new Promise<Response>((resolve) => {
            raw.onSent = resolve;
            void out.then((response) => resolve(respond(request, response, platformArgs, raw)));
        });
    };

    // 413: a body over maxBodySize, refused unread or found over it once read.
    const tooLarge = (request: Request, platformArgs: unknown[]): Response =>
        respond(request, router.bodyTooLarge(requestHeadersOf(request.headers)), platformArgs);

    const aborted = (error: unknown): Response => {
        onError(error);
        return new Response(null, {status: 400});
    };

    // Every request the fast path below does not take: preflights, bodies of no or an unusable
    // declared length (read through the counting stream), methods other than GET, HEAD and POST.
    const general = async (request: Request, platformArgs: unknown[]): Promise<Response> => {
        // A preflight is answered here: it is a question about the route, not a call of it.
        if (cors !== undefined && request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
            const headers = cors.preflightHeaders(request.headers.get('origin') ?? undefined);
            return new Response(null, {status: 204, headers});
        }
        const read = readBody(request, limit);
        const result = read instanceof Promise ? await read : read;
        if (!result.ok) {
            if (result.reason === 'aborted') return aborted(result.error);
            return tooLarge(request, platformArgs);
        }
        return call(request, result.body, platformArgs);
    };

    // The common calls skip the general path's steps (no async function, no await, no result
    // object): a GET or HEAD is dispatched at once, and a POST whose declared length is within the
    // limit reads its text with one `then` (what readBody does for it, the same checks). CORS
    // headers are added by `respond` either way; a preflight is an OPTIONS request: general.
    return (request, ...platformArgs) => {
        const method = request.method;
        if (method === 'GET' || method === 'HEAD') {
            try {
                const response = call(request, undefined, platformArgs);
                return response instanceof Promise ? response : Promise.resolve(response);
            } catch (error) {
                // As from an async function: a `Response` the runtime refuses (a header value it
                // rejects) is a rejected promise, never a throw.
                return Promise.reject(error);
            }
        }
        if (method === 'POST') {
            const headers = request.headers;
            const declared = headers.get('content-length');
            const length = declared === null ? 0 : Number(declared);
            if (length > 0 && length <= limit && Number.isInteger(length))
                return request.text().then((text) => {
                    const body = declaredBody(text, length, limit);
                    if (body === null) return tooLarge(request, platformArgs);
                    return call(request, body, platformArgs, headers);
                }, aborted);
        }
        return general(request, platformArgs);
    };
}
