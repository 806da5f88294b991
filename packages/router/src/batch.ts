// The batch route: several route calls in one request (`POST {prefix}/@batch{suffix}`). See
// docs/protocol.md#batches for the protocol and the rules this file implements: which hooks a
// batch shares (the head of each path made of hooks whose inputs can't differ between calls),
// once per batch and per route meta, before any call's own steps; each call's own steps run as
// they would alone, concurrently with the others.
import {routerError, RpcError} from '@hookline/core';
import {
    CallContext,
    ContextSettings,
    flushAfterResponse,
    JSON_CONTENT_TYPE,
    newCallContext,
    RequestHeaders,
    RouteMeta,
} from './call-context.js';
import {runWithCallContext} from './async-context.js';
import {bodyText, errorResponse, FallbackRoute, RouterRequest, RouterResponse, runProcedures, tagged} from './dispatch.js';
import {toRpcError} from './errors.js';
import {ExecutionPath, PendingPath, PublicError, ROUTER_ERROR_ID} from './execution-path.js';
import {exceedsJsonDepth} from './json-depth.js';
import {Procedure, recordError} from './procedure.js';
import {requestIdFrom} from './request-id.js';
import {RouterOptions} from './router-options.js';

/** Id (and last path segment) of the batch route; its own errors are sent under it. */
export const BATCH_ROUTE_ID = '@batch';

const hasOwn = Object.prototype.hasOwnProperty;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** How a batch runs one route's execution path, computed once per path. */
interface BatchPlan {
    /** The head of the path's hooks that a batch shares (header hooks, raw hooks, hooks without params). */
    readonly shared: readonly Procedure[];
    /** Every other step, in order (the route, its hooks, serialization); `@parseBody` left out. */
    readonly own: readonly Procedure[];
    /** The ids a call's body may carry (what `@parseBody` accepts). */
    readonly bodyIds: ReadonlySet<string>;
    /** The last step: serializes the call's response body. */
    readonly serialize: Procedure;
}

/** One call of a batch. */
interface Call {
    readonly ctx: CallContext;
    readonly plan: BatchPlan;
    readonly meta: Readonly<RouteMeta>;
    /** Its entry of the response, once its steps finished. */
    entry: string | undefined;
}

/** A hook the calls of a group share: it runs once, for every call in `calls`. */
interface SharedRun {
    readonly procedure: Procedure;
    readonly calls: Call[];
}

/** The calls of a batch whose routes have the same meta: they share their hooks' runs. */
interface Group {
    readonly ctx: CallContext;
    readonly runs: SharedRun[];
    readonly calls: Call[];
}

/** What a shared hook's run produced, handed to each of its calls. */
interface Outcome {
    error?: RpcError;
    value?: unknown;
    header?: string;
}

function isShareable(p: Procedure): boolean {
    return p.kind === 'headerHook' || p.kind === 'rawHook' || (p.kind === 'hook' && !p.usesBody);
}

function planOf(ep: ExecutionPath): BatchPlan {
    const steps = ep.procedures;
    // Step 0 is @parseBody: a batch hands each call its body already parsed.
    let i = 1;
    while (i < steps.length && isShareable(steps[i] as Procedure)) i++;
    const user = steps.slice(1, -1);
    return {
        shared: steps.slice(1, i),
        own: steps.slice(i),
        bodyIds: new Set(user.filter((p) => p.usesBody || p.kind === 'route' || p.kind === 'hook').map((p) => p.id)),
        serialize: steps[steps.length - 1] as Procedure,
    };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of the first key that could reach a prototype, if any (the depth was checked before parsing). */
function findForbiddenKey(value: unknown, path: string): string | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const found = findForbiddenKey(value[i], `${path}[${i}]`);
            if (found !== undefined) return found;
        }
        return undefined;
    }
    for (const key of Object.keys(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (forbiddenKeys.has(key)) return at;
        const found = findForbiddenKey((value as Record<string, unknown>)[key], at);
        if (found !== undefined) return found;
    }
    return undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof value === 'object' && value !== null && typeof (value as {then?: unknown}).then === 'function';
}

/** A call's own `ctx.shared`: the batch's object as prototype, so what the call writes stays its own. */
function sharedOf(batchShared: unknown): unknown {
    return (typeof batchShared === 'object' && batchShared !== null) || typeof batchShared === 'function'
        ? Object.create(batchShared as object)
        : batchShared;
}

/** A call the batch parsed: its path, or the response it gets without running (its route failed to compile). */
type Parsed = {ep: ExecutionPath; body: Record<string, unknown>} | {fixed: RouterResponse};

/**
 * The batch route of one router: answers `POST {prefix}/@batch{suffix}` with one entry per call.
 * Created by the router when `maxBatchCalls` > 0; dispatch reaches it from its not-found branch.
 */
export class BatchRoute implements FallbackRoute {
    /** Batch plans by execution path, made on a path's first batched call. */
    private readonly plans = new Map<ExecutionPath, BatchPlan>();

    constructor(
        readonly path: string,
        private readonly paths: ReadonlyMap<string, ExecutionPath | PendingPath>,
        private readonly urlPathOf: (id: string) => string,
        private readonly options: Readonly<RouterOptions>,
        private readonly settings: ContextSettings,
    ) {}

    /** Answers one batch request; never throws or rejects. */
    dispatch(req: RouterRequest, rawRequest: unknown, rawResponse: unknown): RouterResponse | Promise<RouterResponse> {
        const options = this.options;
        if (req.method !== 'POST')
            return tagged(
                req.headers,
                options,
                errorResponse(routerError('method-not-allowed', `${BATCH_ROUTE_ID} accepts POST`), {allow: 'POST'}),
            );
        const body = req.body;
        let text = '';
        if (body !== undefined && body !== null && body.length > 0) {
            const decoded = bodyText(req, body, options);
            if (typeof decoded !== 'string') return decoded;
            text = decoded;
        }
        // Two levels more than a single call's body: the array, and each call's object.
        if (text.length > options.maxJsonDepth && exceedsJsonDepth(text, options.maxJsonDepth + 2))
            return this.refuse(req.headers, `the batch is nested deeper than maxJsonDepth (${options.maxJsonDepth} levels, plus 2)`);
        let calls: unknown;
        try {
            calls = text === '' ? undefined : JSON.parse(text);
        } catch (e) {
            return tagged(req.headers, options, errorResponse(routerError('invalid-json', `invalid JSON body: ${(e as Error).message}`)));
        }
        const parsed = this.parse(calls, text);
        if (parsed instanceof RpcError) return tagged(req.headers, options, this.batchError(parsed));
        return this.run(parsed, req.headers, text, rawRequest, rawResponse);
    }

    private refuse(headers: RequestHeaders, message: string, errorData?: unknown): RouterResponse {
        return tagged(headers, this.options, this.batchError(routerError('invalid-body', message, errorData)));
    }

    /** A refused batch: one error, under `@batch`. */
    private batchError(error: RpcError): RouterResponse {
        return {
            statusCode: error.statusCode,
            headers: {'content-type': JSON_CONTENT_TYPE},
            body: `{${JSON.stringify(BATCH_ROUTE_ID)}:${JSON.stringify(new PublicError(error))}}`,
        };
    }

    /** Checks the batch's shape and finds each call's path; an error refuses the whole batch. */
    private parse(calls: unknown, text: string): Parsed[] | RpcError {
        const max = this.options.maxBatchCalls;
        const shape = 'a batch is a JSON array of calls {"route": "<route id>", "body"?: {<the body of a single call>}}';
        if (!Array.isArray(calls)) return routerError('invalid-body', shape);
        if (calls.length === 0) return routerError('invalid-body', 'a batch needs at least one call');
        if (calls.length > max)
            return routerError('invalid-body', `a batch carries at most ${max} calls (maxBatchCalls), got ${calls.length}`, {
                maxBatchCalls: max,
            });
        if (text.includes('"__proto__"') || text.includes('"constructor"') || text.includes('"prototype"')) {
            const path = findForbiddenKey(calls, '');
            if (path !== undefined)
                return routerError(
                    'invalid-body',
                    `forbidden key at ${path}: "__proto__", "constructor" and "prototype" can't be used as keys`,
                    {
                        path,
                    },
                );
        }
        const out: Parsed[] = [];
        for (let index = 0; index < calls.length; index++) {
            const call: unknown = calls[index];
            const body = isObject(call) ? call.body : undefined;
            const bad = !isObject(call) || typeof call.route !== 'string' || (body !== undefined && !isObject(body));
            if (bad || Object.keys(call).some((k) => k !== 'route' && k !== 'body'))
                return routerError('invalid-body', `call ${index}: ${shape}`, {index});
            const route = call.route as string;
            const found = route.startsWith('@') ? undefined : this.paths.get(this.urlPathOf(route));
            if (found === undefined) return routerError('invalid-body', `call ${index}: no route "${route}"`, {index, route});
            const ep = found.pending ? found.compile() : found;
            if (ep?.stream !== undefined)
                return routerError(
                    'invalid-body',
                    `call ${index}: "${route}" streams; a streaming route is called alone (its answer is a stream of events, not a batch entry)`,
                    {index, route},
                );
            out.push(
                ep === undefined
                    ? {fixed: errorResponse(toRpcError(new Error('route failed to compile')))}
                    : {ep, body: (body as Record<string, unknown> | undefined) ?? {}},
            );
        }
        return out;
    }

    private planOf(ep: ExecutionPath): BatchPlan {
        let plan = this.plans.get(ep);
        if (plan === undefined) this.plans.set(ep, (plan = planOf(ep)));
        return plan;
    }

    /** Runs the calls: the groups' shared hooks first, then every call's own steps, concurrently. */
    private async run(
        parsed: Parsed[],
        requestHeaders: RequestHeaders,
        text: string,
        rawRequest: unknown,
        rawResponse: unknown,
    ): Promise<RouterResponse> {
        const {options, settings} = this;
        // One request id per batch: every call's context reads it from the same header.
        const idHeader = options.requestIdHeader;
        const requestId = requestIdFrom(requestHeaders[idHeader]);
        const headers = requestHeaders[idHeader] === requestId ? requestHeaders : {...requestHeaders, [idHeader]: requestId};
        const entries: (string | Call)[] = [];
        const groups = new Map<Readonly<RouteMeta>, Group>();
        for (const p of parsed) {
            if ('fixed' in p) {
                entries.push(entryOf(p.fixed.statusCode, p.fixed.body, undefined));
                continue;
            }
            const call = this.callOf(p.ep, p.body, headers, text);
            entries.push(call);
            const group = this.groupOf(groups, call, headers, text);
            if (typeof group === 'string') call.entry = group;
            else addToGroup(group, call);
        }
        const work = this.runGroups([...groups.values()], rawRequest, rawResponse);
        const timeout = options.callTimeout;
        if (timeout > 0) {
            let timer: ReturnType<typeof setTimeout> | undefined;
            const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
            await Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
        } else await work;
        const response: RouterResponse = {statusCode: 200, headers: {'content-type': JSON_CONTENT_TYPE}, body: ''};
        if (options.echoRequestId) response.headers[idHeader] = requestId;
        const out: string[] = [];
        for (const e of entries) out.push(typeof e === 'string' ? e : (e.entry ?? this.timedOut(e)));
        for (const group of groups.values()) flushAfterResponse(group.ctx, settings.logQueue, false);
        response.body = `[${out.join(',')}]`;
        return response;
    }

    /** A call's context, its body checked as `@parseBody` would (an unknown id fails the call alone). */
    private callOf(ep: ExecutionPath, body: Record<string, unknown>, headers: RequestHeaders, text: string): Call {
        const plan = this.planOf(ep);
        const ctx = newCallContext(ep.info, headers, text, undefined, this.settings);
        for (const key in body) {
            if (hasOwn.call(body, key) && !plan.bodyIds.has(key)) {
                recordError(
                    ctx,
                    ROUTER_ERROR_ID,
                    routerError('invalid-body', `"${key}" is not a procedure on this route's execution path`, {id: key}),
                );
                break;
            }
        }
        if (!ctx.response.hasErrors) ctx.request.body = body;
        return {ctx, plan, meta: ep.info.meta, entry: undefined};
    }

    /** The group of calls with the call's route meta (created with the batch-level `ctx.shared`), or the entry of a failing `sharedDataFactory`. */
    private groupOf(groups: Map<Readonly<RouteMeta>, Group>, call: Call, headers: RequestHeaders, text: string): Group | string {
        let group = groups.get(call.meta);
        if (group !== undefined) return group;
        const factory = this.options.sharedDataFactory;
        let shared: unknown;
        try {
            shared = factory === undefined ? {} : factory();
        } catch (error) {
            const res = errorResponse(toRpcError(error));
            return entryOf(res.statusCode, res.body, undefined);
        }
        group = {ctx: newCallContext(call.ctx.route, headers, text, shared, this.settings), runs: [], calls: []};
        groups.set(call.meta, group);
        return group;
    }

    private async runGroups(groups: Group[], rawRequest: unknown, rawResponse: unknown): Promise<void> {
        for (const group of groups) {
            for (const run of group.runs) {
                if (!run.procedure.runOnError && run.calls.every((c) => c.ctx.response.hasErrors)) continue;
                const outcome = await this.runShared(group.ctx, run.procedure, rawRequest, rawResponse);
                for (const c of run.calls) applyOutcome(c.ctx, run.procedure, outcome);
            }
            for (const c of group.calls) c.ctx.shared = sharedOf(group.ctx.shared);
        }
        const pending: Promise<void>[] = [];
        for (const group of groups)
            for (const c of group.calls) {
                const started = this.runOwn(c, rawRequest, rawResponse);
                if (started !== undefined) pending.push(started);
            }
        await Promise.all(pending);
    }

    /** Runs one shared hook with the group's context; what it produced, for each call to take. */
    private runShared(ctx: CallContext, p: Procedure, rawRequest: unknown, rawResponse: unknown): Outcome | Promise<Outcome> {
        const settle = (value: unknown): Outcome => {
            const errors = ctx.request.internalErrors.length;
            try {
                p.settle(ctx, value);
            } catch (error) {
                return {error: toRpcError(error)};
            }
            if (ctx.request.internalErrors.length > errors) return {error: ctx.request.internalErrors[errors] as RpcError};
            const outcome: Outcome = {};
            const data = ctx.response.body[p.id];
            if (data !== undefined && !(data instanceof PublicError)) outcome.value = data;
            if (p.headerName !== undefined && ctx.response.headers[p.headerName] !== undefined)
                outcome.header = ctx.response.headers[p.headerName];
            return outcome;
        };
        try {
            const invoke = (): unknown => p.invoke(ctx, rawRequest, rawResponse, this.options);
            const out = this.options.asyncContext ? runWithCallContext(ctx, invoke) : invoke();
            if (!isPromiseLike(out)) return settle(out);
            return Promise.resolve(out).then(settle, (error: unknown) => ({error: toRpcError(error)}));
        } catch (error) {
            return {error: toRpcError(error)};
        }
    }

    /** Runs a call's own steps; its entry is set when they finish. Returns `undefined` when they finished synchronously. */
    private runOwn(c: Call, rawRequest: unknown, rawResponse: unknown): Promise<void> | undefined {
        const {options, settings} = this;
        const steps = (): Promise<void> | undefined => runProcedures(c.ctx, c.plan.own, 0, rawRequest, rawResponse, options);
        const pending = options.asyncContext ? runWithCallContext(c.ctx, steps) : steps();
        const done = (): void => {
            // A call answered by the batch's timeout keeps that answer.
            if (c.entry !== undefined) return;
            c.entry = entryOf(c.ctx.response.statusCode, c.ctx.response.rawBody, c.ctx.response.headers);
            flushAfterResponse(c.ctx, settings.logQueue, options.logInternalErrors);
        };
        if (pending !== undefined) return pending.then(done);
        done();
        return undefined;
    }

    /** The entry of a call still running when the batch's `callTimeout` passed: 503 `call-timeout`, as it would alone. */
    private timedOut(c: Call): string {
        const {ctx} = c;
        recordError(ctx, ROUTER_ERROR_ID, routerError('call-timeout', `the call did not finish within ${this.options.callTimeout} ms`));
        c.plan.serialize.invoke(ctx, undefined, undefined, this.options);
        c.entry = entryOf(ctx.response.statusCode, ctx.response.rawBody, ctx.response.headers);
        flushAfterResponse(ctx, this.settings.logQueue, this.options.logInternalErrors);
        return c.entry;
    }
}

function addToGroup(group: Group, call: Call): void {
    group.calls.push(call);
    for (const p of call.plan.shared) {
        let run = group.runs.find((r) => r.procedure === p);
        if (run === undefined) group.runs.push((run = {procedure: p, calls: []}));
        run.calls.push(call);
    }
}

/** Hands a shared hook's outcome to one of its calls, as if the hook had run for that call alone. */
function applyOutcome(ctx: CallContext, p: Procedure, outcome: Outcome): void {
    // A call that already failed only takes what runOnError hooks did, as alone.
    if (ctx.response.hasErrors && !p.runOnError) return;
    if (outcome.error !== undefined) return recordError(ctx, p.errorId, outcome.error);
    if (outcome.value !== undefined) ctx.response.body[p.id] = outcome.value;
    if (outcome.header !== undefined && p.headerName !== undefined) ctx.response.headers[p.headerName] = outcome.header;
}

/** One entry of a batch's response: the call's status, body (already JSON) and own response headers. */
function entryOf(status: number, body: string, headers: Record<string, string> | undefined): string {
    let own: Record<string, string> | undefined;
    if (headers !== undefined)
        for (const name in headers) {
            if (name === 'content-type') continue;
            (own ??= {})[name] = headers[name] as string;
        }
    return `{"status":${status},"body":${body}${own === undefined ? '' : `,"headers":${JSON.stringify(own)}`}}`;
}
