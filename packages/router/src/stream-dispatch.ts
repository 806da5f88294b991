// How dispatch runs a streaming route's path (decided when the path was compiled: `ep.stream`):
// the steps up to the route as for any call, then the route's first item; a failure before it is
// answered as JSON, with its status, like any call; else the response streams (StreamBody).
import {routerError} from '@hookline/core';
import {runWithCallContext} from './async-context.js';
import {CallContext, ContextSettings} from './call-context.js';
import {finish, RouterResponse, runProcedures} from './dispatch.js';
import {toRpcError} from './errors.js';
import {ExecutionPath, ROUTER_ERROR_ID} from './execution-path.js';
import {isAsyncIterable, recordError} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {StreamBody} from './stream-body.js';
import {eventStreamHeaders, RouterStream} from './stream-response.js';

/** Closes an iterator nobody will read (a call answered by its timeout before the route returned it). */
function abandon(value: unknown): void {
    if (!isAsyncIterable(value)) return;
    try {
        void value[Symbol.asyncIterator]()
            .return?.()
            ?.then(undefined, () => undefined);
    } catch {
        // Nobody reads it: nothing to report to.
    }
}

/**
 * Runs a streaming route's call: hooks before the route and the route (bounded by `callTimeout`),
 * then its first item (bounded by `streamIdleTimeout`). Resolves to a JSON error response when
 * one of them failed, else to a response whose `stream` the adapter pulls.
 */
export function dispatchStream(
    ctx: CallContext,
    ep: ExecutionPath,
    options: Readonly<RouterOptions>,
    settings: ContextSettings,
    rawRequest: unknown,
    rawResponse: unknown,
): Promise<RouterResponse> {
    const steps = ep.stream as NonNullable<ExecutionPath['stream']>;
    const head = options.asyncContext
        ? runWithCallContext(ctx, () => runProcedures(ctx, steps.head, 0, rawRequest, rawResponse, options))
        : runProcedures(ctx, steps.head, 0, rawRequest, rawResponse, options);
    if (head === undefined) return open(ctx, ep, options, settings, rawRequest, rawResponse);
    const opened = head.then(() => open(ctx, ep, options, settings, rawRequest, rawResponse));
    if (options.callTimeout <= 0) return opened;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<RouterResponse>((resolve) => {
        timer = setTimeout(() => {
            timedOut = true;
            recordError(ctx, ROUTER_ERROR_ID, routerError('call-timeout', `the call did not finish within ${options.callTimeout} ms`));
            const serialize = ep.procedures[ep.procedures.length - 1];
            serialize?.invoke(ctx, undefined, undefined, options);
            const response = finish(ctx, options, settings);
            resolve({statusCode: response.statusCode, headers: {...response.headers}, body: response.body});
        }, options.callTimeout);
    });
    void head.then(() => {
        // Answered by the timeout: the route's iterator, if it came, is closed unread.
        if (timedOut) abandon(ctx.response.body[ep.id]);
    });
    return Promise.race([opened, timeout]).finally(() => clearTimeout(timer));
}

/** After the head: the JSON error response when it failed, else the first item, then the stream. */
async function open(
    ctx: CallContext,
    ep: ExecutionPath,
    options: Readonly<RouterOptions>,
    settings: ContextSettings,
    rawRequest: unknown,
    rawResponse: unknown,
): Promise<RouterResponse> {
    const res = ctx.response;
    const steps = ep.stream as NonNullable<ExecutionPath['stream']>;
    if (!res.hasErrors) {
        const iterable = res.body[ep.id] as AsyncIterable<unknown>;
        delete res.body[ep.id];
        let iterator: AsyncIterator<unknown> | undefined;
        try {
            iterator = iterable[Symbol.asyncIterator]();
        } catch (error) {
            recordError(ctx, ep.id, toRpcError(error));
        }
        if (iterator !== undefined) {
            const body = new StreamBody(ctx, ep, iterator, options, settings, rawRequest, rawResponse);
            if (await body.start()) return streamed(ctx, options, body);
        }
    }
    // Failed before the first item: the steps after the route (runOnError hooks), then JSON.
    const run = (): Promise<void> | undefined => runProcedures(ctx, steps.tail, 0, rawRequest, rawResponse, options);
    const tail = options.asyncContext ? runWithCallContext(ctx, run) : run();
    if (tail !== undefined) await tail;
    return finish(ctx, options, settings);
}

function streamed(ctx: CallContext, options: Readonly<RouterOptions>, stream: RouterStream): RouterResponse {
    const res = ctx.response;
    const headers = {...res.headers, ...eventStreamHeaders};
    if (options.echoRequestId) headers[options.requestIdHeader] = ctx.requestId;
    return {statusCode: res.statusCode, headers, body: '', stream};
}
