import {ApiMetadata, typeNodeToString, withoutUndefined} from '@hookline/core';
import {ApiSpec} from './api-spec.js';
import {logLevels, LogQueue} from './context-logger.js';
import {CallContext, ContextSettings, RequestHeaders, RouteMeta, routeInfo} from './call-context.js';
import {Routes} from './definitions.js';
import {hasAsyncContext} from './async-context.js';
import {checkCompiledApi, CompiledSource, CompiledTable, writeCompiledModule} from './compiled-api.js';
import {compilePath, isRoutePlan, PathCompiler, planRoutes, ProcedurePlan, RoutePlan} from './compile-routes.js';
import {BATCH_ROUTE_ID, BatchRoute} from './batch.js';
import {dispatch, refusedBodyResponse, RouterRequest, RouterResponse} from './dispatch.js';
import {buildExecutionPath, ExecutionPath} from './execution-path.js';
import {apiMetadata, apiSpecTree, procedureMetadata, routeMetadata} from './metadata.js';
import {compileProcedure} from './procedure.js';
import {defaultRouterOptions, RouterOptions} from './router-options.js';
import {JsonSchema} from './runtime-types/index.js';
import {StartupError, StartupErrorCodes} from './startup-error.js';
import {collectStream} from './stream-response.js';

/** Id (and last path segment) of the built-in metadata route. */
export const METADATA_ROUTE_ID = '@metadata';

/** A request for {@link Router.inject}: like an HTTP request, without HTTP. */
export interface InjectRequest {
    /** Default `'POST'`. */
    method?: string;
    /** URL path, e.g. `/users/getUser`; a query string is ignored. */
    path: string;
    /** Header names in any case. */
    headers?: Record<string, string | string[]>;
    /** A string is sent as is; anything else as JSON (with `content-type: application/json` unless given). */
    body?: unknown;
}

/** What {@link Router.inject} resolves to. */
export interface InjectResponse extends RouterResponse {
    /** The body parsed as JSON (a streamed response's body is its events: read it with `body`). */
    json<T = any>(): T;
}

/** Options of {@link Router.call}. */
export interface CallOptions {
    /** Params of hooks on the path, keyed by hook id. */
    hooks?: Record<string, unknown[]>;
    /** Request headers (header hooks read them). */
    headers?: Record<string, string | string[]>;
}

/** One step of {@link Router.describe}'s output. */
export interface StepDescription {
    id: string;
    kind: string;
    runOnError: boolean;
    description?: string;
    headerName?: string;
    params: {name: string; type: string; optional: boolean}[];
    returns: string;
    /** JSON Schema the response serializer is compiled from, when the step returns data. */
    returnSchema?: JsonSchema;
}

/** A route's execution path, as {@link Router.describe} shows it. */
export interface PathDescription {
    id: string;
    path: string;
    description?: string;
    meta: RouteMeta;
    methods: string;
    steps: StepDescription[];
}

function normalizeSegment(value: string, name: string): string {
    if (typeof value !== 'string') throw new StartupError(StartupErrorCodes.INVALID_OPTION, `${name} must be a string.`);
    return value.replace(/^\/+|\/+$/g, '');
}

function checkOptions(o: RouterOptions): void {
    const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
    if (!positiveInt(o.maxBodySize))
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            `maxBodySize must be a positive integer (bytes), got ${String(o.maxBodySize)}.`,
        );
    if (typeof o.maxBatchCalls !== 'number' || !Number.isInteger(o.maxBatchCalls) || o.maxBatchCalls < 0)
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            `maxBatchCalls must be an integer >= 0 (0 turns batching off), got ${String(o.maxBatchCalls)}.`,
        );
    for (const key of ['callTimeout', 'streamPingInterval', 'streamIdleTimeout'] as const) {
        if (typeof o[key] !== 'number' || !(o[key] >= 0))
            throw new StartupError(StartupErrorCodes.INVALID_OPTION, `${key} must be a number of ms >= 0, got ${String(o[key])}.`);
    }
    if (!positiveInt(o.maxRouteDepth))
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            `maxRouteDepth must be a positive integer, got ${String(o.maxRouteDepth)}.`,
        );
    if (!positiveInt(o.maxJsonDepth))
        throw new StartupError(StartupErrorCodes.INVALID_OPTION, `maxJsonDepth must be a positive integer, got ${String(o.maxJsonDepth)}.`);
    if (typeof o.requestIdHeader !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(o.requestIdHeader)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            `requestIdHeader must be a header name, got ${JSON.stringify(o.requestIdHeader)}.`,
        );
    }
    if (!logLevels.includes(o.logLevel))
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            `logLevel must be one of ${logLevels.join(', ')}, got ${JSON.stringify(o.logLevel)}.`,
        );
    if (typeof o.logSink !== 'function') throw new StartupError(StartupErrorCodes.INVALID_OPTION, 'logSink must be a function.');
    for (const key of [
        'useValidation',
        'useSerialization',
        'validateReturn',
        'exposeMetadata',
        'echoRequestId',
        'logInternalErrors',
        'asyncContext',
    ] as const) {
        if (typeof o[key] !== 'boolean')
            throw new StartupError(StartupErrorCodes.INVALID_OPTION, `${key} must be a boolean, got ${JSON.stringify(o[key])}.`);
    }
    if (o.compile !== 'eager' && o.compile !== 'lazy')
        throw new StartupError(StartupErrorCodes.INVALID_OPTION, `compile must be 'eager' or 'lazy', got ${JSON.stringify(o.compile)}.`);
    if (o.compiled !== undefined) checkCompiledApi(o.compiled);
    if (o.asyncContext && !hasAsyncContext())
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            'asyncContext needs AsyncLocalStorage (node:async_hooks), which this runtime does not offer; on Cloudflare Workers turn on the nodejs_compat flag.',
        );
    if (o.sharedDataFactory !== undefined && typeof o.sharedDataFactory !== 'function') {
        throw new StartupError(StartupErrorCodes.INVALID_OPTION, 'sharedDataFactory must be a function.');
    }
}

/**
 * A router: routes registered on it are compiled at once into execution paths; `dispatch` runs
 * one call. All state lives in the instance, so several routers can live side by side.
 *
 * @example
 * const router = createRouter({prefix: 'api'});
 * export const apiSpec = router.registerRoutes({sayHello: (ctx: CallContext, name: string): string => `hello ${name}`});
 * const res = await router.call('sayHello', ['world']); // res.json() -> {sayHello: 'hello world'}
 */
export class Router<SharedData = any> {
    /** The options in force, defaults filled in. */
    readonly options: Readonly<RouterOptions<SharedData>>;
    /**
     * Every route, by URL path, in registration order: its execution path, or its plan while
     * not compiled (dispatch compiles it on first call). A route's path is one id's and back.
     */
    private readonly paths = new Map<string, ExecutionPath | RoutePlan>();
    /** The hooks, by id. */
    private readonly hooks = new Map<string, ProcedurePlan>();
    /** Every route registered, as planned (what `compiledModule` reads the handlers from). */
    private readonly routePlans: RoutePlan[] = [];
    /** Compiles route plans for dispatch (a lazily registered route compiles on its first call). */
    private readonly compiler: PathCompiler = {compiledPath: (plan) => this.compiledPath(plan)};
    /** This router's reading of its compiled module (the `compiled` option), when it has one. */
    private readonly table: CompiledTable | undefined;
    private metadata: ApiMetadata | undefined;
    private readonly settings: ContextSettings;
    /** The batch route (`{prefix}/@batch{suffix}`); `undefined` with `maxBatchCalls: 0`. */
    private readonly batch: BatchRoute | undefined;

    constructor(options: Partial<RouterOptions<SharedData>> = {}) {
        const merged: RouterOptions<SharedData> = {...(defaultRouterOptions as RouterOptions<SharedData>), ...withoutUndefined(options)};
        // With a compiled module the types were checked at build time and registration checks the
        // module against the routes: binding each route on its first call loses nothing, and keeps
        // cold starts flat. An explicit `compile` is kept.
        if (options.compile === undefined && options.compiled !== undefined) merged.compile = 'lazy';
        merged.prefix = normalizeSegment(merged.prefix, 'prefix');
        if (typeof merged.suffix !== 'string') throw new StartupError(StartupErrorCodes.INVALID_OPTION, 'suffix must be a string.');
        checkOptions(merged);
        merged.requestIdHeader = merged.requestIdHeader.toLowerCase();
        this.options = Object.freeze(merged);
        this.table = merged.compiled === undefined ? undefined : new CompiledTable(merged.compiled);
        this.settings = {
            requestIdHeader: merged.requestIdHeader,
            logLevel: merged.logLevel,
            echoRequestId: merged.echoRequestId,
            logQueue: new LogQueue(merged.logSink),
        };
        if (merged.exposeMetadata) this.addMetadataRoute();
        this.batch =
            merged.maxBatchCalls > 0
                ? new BatchRoute(this.urlPathOf(BATCH_ROUTE_ID), this.paths, (id) => this.urlPathOf(id), this.options, this.settings)
                : undefined;
    }

    /** URL path of a route id. */
    urlPathOf(id: string): string {
        const {prefix, suffix} = this.options;
        return `/${prefix === '' ? '' : `${prefix}/`}${id}${suffix}`;
    }

    /**
     * Compiles and adds routes; returns the api spec (`typeof` it types clients). Throws a
     * {@link StartupError} for anything that can't be compiled; nothing is added then.
     */
    registerRoutes<R extends Routes>(routes: R): ApiSpec<R> {
        const {prefix, suffix} = this.options;
        const plan = planRoutes(routes, this.options, prefix === '' ? '/' : `/${prefix}/`, suffix, this.compiler, this.table);
        // Ids are unique within one routes object: only ids registered by an earlier call can clash.
        if (this.paths.size > (this.options.exposeMetadata ? 1 : 0) || this.hooks.size > 0) {
            const taken = (id: string): boolean => this.hooks.has(id) || this.paths.has(this.urlPathOf(id));
            for (const id of [...plan.hooks.keys(), ...plan.paths.map((p) => p.id)]) {
                if (taken(id))
                    throw new StartupError(StartupErrorCodes.DUPLICATE_ROUTE_ID, `"${id}" is already registered on this router.`);
            }
        }
        const table = this.table;
        if (table !== undefined) {
            const count = this.routePlans.length + plan.paths.length + this.hooks.size + plan.hooks.size;
            table.checkNoneMissing(
                count,
                (id) =>
                    plan.hooks.has(id) || this.hooks.has(id) || this.paths.has(this.urlPathOf(id)) || plan.paths.some((p) => p.id === id),
            );
        }
        const eager = this.options.compile === 'eager';
        // Eager: compile everything before adding anything, so a failure leaves the router as it was.
        const compiled = eager ? plan.paths.map(compilePath) : undefined;
        plan.hooks.forEach((p, id) => this.hooks.set(id, p));
        const paths = plan.paths;
        for (let i = 0; i < paths.length; i++) this.routePlans.push(paths[i] as RoutePlan);
        for (let i = 0; i < paths.length; i++) {
            const p = paths[i] as RoutePlan;
            const ep = compiled?.[i];
            if (ep !== undefined) p.executionPath = ep;
            this.paths.set(p.path, ep ?? p);
        }
        this.metadata = undefined;
        return apiSpecTree(routes, '', (id) => this.metadataOf(id), !eager) as ApiSpec<R>;
    }

    /** Compiles every route registered so far (a no-op for what is compiled). Throws the first type error as a {@link StartupError}. */
    compileAll(): void {
        for (const p of this.paths.values()) if (isRoutePlan(p)) this.compiledPath(p);
        for (const p of this.hooks.values()) p.procedure();
    }

    /**
     * Runs one call. Adapters convert their platform's request to a {@link RouterRequest} and the
     * result back; `rawRequest`/`rawResponse` are handed to raw hooks. Returns synchronously when
     * every step did; never throws or rejects: every failure is an error response.
     */
    dispatch(request: RouterRequest, rawRequest?: unknown, rawResponse?: unknown): RouterResponse | Promise<RouterResponse> {
        return dispatch(this.paths, this.options, this.settings, request, rawRequest, rawResponse, this.batch);
    }

    /**
     * Settles once the log lines of every call answered so far have been handed to the log sink,
     * and any promise the sink returned for them has settled (a sink that sends lines over the
     * network); never rejects. For platforms that may stop once a response is returned: a Worker
     * passes it to `ctx.waitUntil` (the Fetch adapter does). With nothing queued it returns the
     * same resolved promise, made once.
     *
     * @example
     * const response = await router.dispatch(request, rawRequest, rawResponse);
     * ctx.waitUntil(router.flushLogs());
     */
    flushLogs(): Promise<void> {
        return this.settings.logQueue.flush();
    }

    /**
     * The response for a body an adapter refuses while reading it, past `maxBodySize`: 413
     * `body-too-large` with `connection: close`, and the request id when `echoRequestId` is on.
     *
     * @example
     * if (size > router.options.maxBodySize) return writeResponse(res, router.bodyTooLarge(req.headers));
     */
    bodyTooLarge(headers: RequestHeaders): RouterResponse {
        return refusedBodyResponse(headers, this.options);
    }

    /** In-process request without HTTP, for tests: the same checks and steps as a real call. */
    async inject(request: InjectRequest): Promise<InjectResponse> {
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
        let body: string | undefined;
        if (typeof request.body === 'string') body = request.body;
        else if (request.body !== undefined) {
            body = JSON.stringify(request.body);
            headers['content-type'] ??= 'application/json';
        }
        const path = request.path.split('?', 1)[0] as string;
        // A streamed response is read to its end: its body is then the events (pings left out).
        const res = await collectStream(await this.dispatch({method: (request.method ?? 'POST').toUpperCase(), path, headers, body}));
        return {...res, json: () => JSON.parse(res.body)};
    }

    /**
     * Calls a route in-process by id with its params (and hooks' params), as a client would.
     *
     * @example
     * const res = await router.call('users/getUser', [1], {headers: {authorization: 'token'}});
     */
    call(routeId: string, params: unknown[] = [], options: CallOptions = {}): Promise<InjectResponse> {
        const body: Record<string, unknown[]> = {...options.hooks};
        if (params.length > 0) body[routeId] = params;
        const headers = options.headers ?? {};
        return this.inject({path: this.urlPathOf(routeId), headers, body: Object.keys(body).length > 0 ? body : undefined});
    }

    /** The ids of the registered routes. */
    routeIds(): string[] {
        const ids: string[] = [];
        for (const p of this.paths.values()) if (!p.id.startsWith('@')) ids.push(p.id);
        return ids;
    }

    /** The compiled execution path of a route (for tools and tests); `undefined` when there is none. */
    getExecutionPath(routeId: string): ExecutionPath | undefined {
        if (routeId.startsWith('@')) return undefined;
        const found = this.paths.get(this.urlPathOf(routeId));
        return found !== undefined && isRoutePlan(found) ? this.compiledPath(found) : found;
    }

    /** A route's execution path, step by step, with types and serializer schemas. */
    describe(routeId: string): PathDescription | undefined {
        const ep = this.getExecutionPath(routeId);
        if (ep === undefined) return undefined;
        const out: PathDescription = {
            id: ep.id,
            path: ep.path,
            meta: ep.info.meta,
            methods: ep.allow,
            steps: ep.procedures.map((p) => {
                const step: StepDescription = {
                    id: p.id,
                    kind: p.kind,
                    runOnError: p.runOnError,
                    params: p.params.map((x) => ({name: x.name, type: typeNodeToString(x.type), optional: x.optional})),
                    returns: typeNodeToString(p.returnType.node),
                };
                if (p.description !== undefined) step.description = p.description;
                if (p.headerName !== undefined) step.headerName = p.headerName;
                if (p.returnsData && p.returnType.schema !== undefined) step.returnSchema = p.returnType.schema;
                return step;
            }),
        };
        if (ep.info.description !== undefined) out.description = ep.info.description;
        return out;
    }

    /**
     * The API's compiled module (what `hookline build` writes): every route and hook compiled now,
     * from reflected types. `command` is the command that writes it, named in staleness errors;
     * `compact` leaves the generated code out (signatures only: see `hookline build --compact`).
     */
    compiledModule(command: string, compact = false): {js: string; dts: string} {
        this.compileAll();
        const sources: CompiledSource[] = [];
        for (const plan of this.routePlans) {
            const route = this.compiledPath(plan).procedures.find((p) => p.kind === 'route');
            const fn = (typeof plan.def === 'function' ? plan.def : plan.def.route) as () => unknown;
            sources.push({id: plan.id, kind: 'route', length: fn.length, signature: route?.signature});
        }
        for (const plan of this.hooks.values()) {
            sources.push({id: plan.id, kind: plan.kind, length: plan.handler.length, signature: plan.procedure().signature});
        }
        return writeCompiledModule(sources, command, compact);
    }

    /** The metadata document clients read (also served at `{prefix}/@metadata` unless `exposeMetadata` is off). */
    getMetadata(): ApiMetadata {
        if (this.metadata === undefined) {
            this.compileAll();
            this.metadata = apiMetadata(
                this.options.prefix,
                this.options.suffix,
                // compileAll() above compiled every route (or threw): only execution paths are left.
                this.paths.values() as Iterable<ExecutionPath>,
                [...this.hooks.values()].map((p) => p.procedure()),
            );
        }
        return this.metadata;
    }

    private addMetadataRoute(): void {
        const procedure = compileProcedure(
            {
                id: METADATA_ROUTE_ID,
                kind: 'route',
                description: 'Types of every route and hook, for typed clients',
                runOnError: false,
                signature: {params: [{name: 'ctx', optional: false, type: {kind: 'any'}}], returns: {kind: 'any'}, returnsPromise: false},
                switches: {useValidation: false, useSerialization: false, validateReturn: false},
            },
            () => this.getMetadata(),
        );
        const ep = buildExecutionPath(routeInfo(METADATA_ROUTE_ID, this.urlPathOf(METADATA_ROUTE_ID)), procedure, [], []);
        this.paths.set(ep.path, ep);
    }

    /** Compiles a route's execution path once, and puts it where dispatch looks. */
    private compiledPath(plan: RoutePlan): ExecutionPath {
        let ep = plan.executionPath;
        // Not compiled yet, or failed before (compiling again throws the error again).
        if (ep === undefined || ep === null) {
            ep = compilePath(plan);
            plan.executionPath = ep;
            this.paths.set(ep.path, ep);
        }
        return ep;
    }

    private metadataOf(id: string): object | undefined {
        const hook = this.hooks.get(id);
        if (hook !== undefined) return procedureMetadata(hook.procedure());
        const ep = this.getExecutionPath(id);
        return ep === undefined ? undefined : routeMetadata(ep);
    }
}

/**
 * The context type of a router's handlers, from its `sharedDataFactory`.
 *
 * @example
 * const router = createRouter({sharedDataFactory: () => ({me: null as User | null})});
 * type Ctx = ContextOf<typeof router>; // CallContext<{me: User | null}>
 */
export type ContextOf<R> = R extends Router<infer S> ? CallContext<S> : never;

/**
 * Creates a router instance.
 *
 * @example
 * const router = createRouter({sharedDataFactory: () => ({user: null})});
 */
export function createRouter<SharedData = any>(options: Partial<RouterOptions<SharedData>> = {}): Router<SharedData> {
    return new Router<SharedData>(options);
}
