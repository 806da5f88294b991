import {CompiledApi} from './compiled-api.js';
import {jsonLinesSink, LogLevel, LogSink} from './context-logger.js';

/** Options of a router. Every one has a default (see {@link defaultRouterOptions}). */
export interface RouterOptions<SharedData = any> {
    /** Path prefix of every route, e.g. `'api/v1'` -> `/api/v1/users/getUser`. Default `''`. */
    prefix: string;
    /** Path suffix of every route, e.g. `'.json'`. Default `''`. */
    suffix: string;
    /** Creates `ctx.shared` for each call, before any hook or route runs. Default: `{}`. */
    sharedDataFactory: (() => SharedData) | undefined;
    /** Validate params against their declared types. Default `true`. */
    useValidation: boolean;
    /** Deserialize params (Dates) and serialize return values with serializers compiled from their types. Default `true`. */
    useSerialization: boolean;
    /** Check return values against their declared types (a value that doesn't match is a 500). Default `true`. */
    validateReturn: boolean;
    /** Largest request body in bytes; adapters stop reading past it and answer 413. Default 1 MiB. */
    maxBodySize: number;
    /** Deepest nesting of routes objects. Default 10. */
    maxRouteDepth: number;
    /**
     * Deepest nesting of a request body's JSON, the body's own object and each params array
     * included (`{"id": [{"a": 1}]}` is 3 levels). A deeper body is answered 400 `invalid-body`
     * before any hook or route runs. Default 64.
     */
    maxJsonDepth: number;
    /** Serve the metadata route (`{prefix}/@metadata`) that typed clients read. Default `true`. */
    exposeMetadata: boolean;
    /**
     * When types are reflected and validators compiled. `'eager'`: in `registerRoutes`, so every
     * type error is a startup error. `'lazy'`: each route on its first call (registration only
     * checks structure, keys and type metadata), for fast cold starts of large APIs; call
     * `router.compileAll()` in a test to catch type errors before deploying. Default `'eager'`, and
     * `'lazy'` with a `compiled` module (its types were checked by the build).
     */
    compile: 'eager' | 'lazy';
    /** Header an incoming request id is read from (and echoed to). Default `'x-request-id'`. */
    requestIdHeader: string;
    /** Send the request id back in `requestIdHeader`, and as `id` of public errors. Default `false`. */
    echoRequestId: boolean;
    /** Receives each call's `ctx.logger` lines after its response is sent. Default: JSON lines on stdout. */
    logSink: LogSink;
    /** Lowest level `ctx.logger` keeps. Default `'info'`. */
    logLevel: LogLevel;
    /** Log each call's internal errors once, after the response (5xx at `error`, others at `debug`). Default `true`. */
    logInternalErrors: boolean;
    /** Make the current context available to any code the call runs, through `getCallContext()` (AsyncLocalStorage). Default `false`. */
    asyncContext: boolean;
    /**
     * The API's compiled module, written by `hookline build` (its default export): handlers then
     * need no type metadata, `@deepkit/type` is not loaded, and no code is generated at runtime.
     * Registration checks the module against the routes (a route added or missing, another kind
     * or param count) and fails with `HL_STALE_COMPILED_MODULE`. Default: types are reflected.
     */
    compiled: CompiledApi | undefined;
    /**
     * Most calls one batch request (`POST {prefix}/@batch{suffix}`) may carry; more is answered 400
     * `invalid-body` under `@batch`. 0 turns batching off: the batch URL answers 404
     * `route-not-found` (a client then falls back to single calls). Default 32.
     */
    maxBatchCalls: number;
    /** Longest a call may take, in ms, before it is answered 503 `call-timeout` (its handler goes on in the background); 0 turns it off. Default 30 000. */
    callTimeout: number;
    /**
     * A streaming route's keep-alive: a comment line (`: ping`) is sent after this many ms without
     * an item, so that proxies and load balancers don't close a quiet stream; 0 turns it off.
     * Default 15 000.
     */
    streamPingInterval: number;
    /**
     * Longest a streaming route may go without producing an item, in ms (the wait for the first
     * one included): the stream then ends with a 503 `call-timeout` error event and its iterator
     * is closed (`return()`: its `finally` runs); 0 turns it off. Default 60 000.
     */
    streamIdleTimeout: number;
}

/** The defaults of {@link RouterOptions}. */
export const defaultRouterOptions: Readonly<RouterOptions> = Object.freeze({
    prefix: '',
    suffix: '',
    sharedDataFactory: undefined,
    useValidation: true,
    useSerialization: true,
    validateReturn: true,
    maxBodySize: 1024 * 1024,
    maxRouteDepth: 10,
    maxJsonDepth: 64,
    exposeMetadata: true,
    compile: 'eager',
    requestIdHeader: 'x-request-id',
    echoRequestId: false,
    logSink: jsonLinesSink(),
    logLevel: 'info',
    logInternalErrors: true,
    asyncContext: false,
    callTimeout: 30_000,
    streamPingInterval: 15_000,
    streamIdleTimeout: 60_000,
    maxBatchCalls: 32,
    compiled: undefined,
});
