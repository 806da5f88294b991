import {ApiMetadata} from '@hookline/core';
import {CallError, CallResult, DeclaredCallError, TypedCallError} from './result.js';
import {CallStream} from './stream.js';

// The client is typed from the shape of an api spec: `typeof apiSpec` (each route and hook carries
// its handler's type in `__handler`), or the declarations a generated client file holds. Only
// that shape is read here, so this package never depends on the router's types.

/** The handler type a spec leaf carries. */
export type HandlerOf<S> = S extends {readonly __handler?: infer H} ? Exclude<H, undefined> : never;

/** The params a client sends to a handler: its params after the context. */
export type ParamsOf<H> = H extends (ctx: any, ...params: infer P) => any ? P : never;

/** What a call to a handler resolves to: its return type, `Promise` unwrapped, without a returned `RpcError` (that is an error). */
export type ResultOf<H> = H extends (...args: any[]) => infer R ? Exclude<Awaited<R>, Error> : never;

/** The async iterable a streaming handler returns (`never` for other handlers). */
type StreamReturnOf<H> = H extends (...args: any[]) => infer R ? Extract<Exclude<Awaited<R>, Error>, AsyncIterable<unknown>> : never;

/** A generator's final value type as a client gets it: `undefined` for none (`AsyncGenerator<T>` leaves it `any`). */
type FinalOf<G> = G extends AsyncGenerator<unknown, infer R, any> ? (0 extends 1 & R ? undefined : R) : undefined;

/** The item type of a streaming handler (an `async function*`, or one returning `AsyncIterable<T>`); `never` for other handlers. */
export type StreamItemOf<H> = StreamReturnOf<H> extends AsyncIterable<infer T> ? T : never;

/** The final value of a streaming handler (`R` of `AsyncGenerator<T, R>`, its errors left out); `undefined` when it has none. */
export type StreamResultOf<H> = Exclude<FinalOf<StreamReturnOf<H>>, Error>;

/** Whether a handler streams. */
export type IsStreaming<H> = [StreamReturnOf<H>] extends [never] ? false : true;

/** A declared error as it appears in a handler's return type: an `RpcError` subclass, or {@link ErrorType} in a generated client. */
type ErrorsIn<E> = E extends {
    readonly name: infer N extends string;
    readonly statusCode: infer S extends number;
    readonly errorData: infer D;
    readonly publicMessage: string;
}
    ? string extends N
        ? never
        : DeclaredCallError<N, D, S>
    : never;

/**
 * The errors a handler declares, as its callers get them: one {@link DeclaredCallError} per
 * `RpcError` subclass with a literal name in its return type; `never` when it declares none.
 */
export type DeclaredErrorsOf<H> = H extends (...args: any[]) => infer R
    ? ErrorsIn<Extract<Awaited<R>, Error> | Extract<FinalOf<StreamReturnOf<H>>, Error>>
    : never;

/**
 * How a route's calls fail, given the errors declared on its path: the untyped {@link CallError}
 * when there are none, else the exact {@link TypedCallError}.
 */
export type RouteErrorOf<Declared> = [Declared] extends [never] ? CallError : TypedCallError<Declared>;

/** A declared error as a generated client declares it (in a {@link RouteType}'s `E`). */
export interface ErrorType<N extends string, D, S extends number> extends Error {
    readonly name: N;
    readonly statusCode: S;
    readonly errorData: D;
    readonly publicMessage: string;
}

/** A route as a generated client declares it: params `P`, result `R`, the errors declared on its path `E` ({@link ErrorType}s). */
export interface RouteType<P extends unknown[], R, E extends Error = never> {
    readonly kind: 'route';
    readonly __handler?: (ctx: any, ...params: P) => R | E;
}

/**
 * A streaming route as a generated client declares it: params `P`, items `T`, final value `R`,
 * the errors declared on its path `E`.
 */
export interface StreamRouteType<P extends unknown[], T, R, E extends Error = never> {
    readonly kind: 'route';
    readonly __handler?: (ctx: any, ...params: P) => AsyncGenerator<T, R | E>;
}

/** A hook as a generated client declares it. */
export interface HookType<P extends unknown[]> {
    readonly kind: 'hook';
    readonly __handler?: (ctx: any, ...params: P) => unknown;
}

/** A header hook as a generated client declares it. */
export interface HeaderHookType<P extends unknown[]> {
    readonly kind: 'headerHook';
    readonly __handler?: (ctx: any, ...params: P) => unknown;
}

type Hookish = {readonly kind: 'hook' | 'headerHook'};

/** The params of a hook, or `never` when a client has nothing to send it. */
type HookParams<S> = S extends Hookish ? (ParamsOf<HandlerOf<S>> extends [] ? never : ParamsOf<HandlerOf<S>>) : never;

/** The hooks of one level of the tree a client sends values to, by id. */
type HooksAt<N, Prefix extends string> = {
    [K in keyof N & string as [HookParams<N[K]>] extends [never] ? never : `${Prefix}${K}`]: HookParams<N[K]>;
};

/** Whether a key appears in the client tree: raw hooks and hooks without params don't, nor `$` keys and `then` (reserved). */
type Shown<S, K> = K extends `$${string}` | 'then'
    ? never
    : S extends {readonly kind: 'rawHook'}
      ? never
      : S extends Hookish
        ? [HookParams<S>] extends [never]
            ? never
            : K
        : K;

type Flatten<T> = {[K in keyof T]: T[K]} & {};

/** The errors the hooks of one level declare (they apply to every route beside and below them). */
type HookErrorsAt<N> = {
    [K in keyof N]: N[K] extends Hookish ? DeclaredErrorsOf<HandlerOf<N[K]>> : never;
}[keyof N];

/**
 * The client tree of an api spec: the same keys, each route a {@link RouteClient}, each hook that
 * takes params a {@link HookClient}. `Hooks` accumulates the hooks on the path down to here
 * (hooks apply to the routes beside them and below them), `Errors` the errors they declare.
 */
export type ClientTree<S, Prefix extends string = '', Hooks = Record<never, never>, Errors = never> = {
    [K in keyof S & string as Shown<S[K], K>]: S[K] extends {readonly kind: 'route'}
        ? IsStreaming<HandlerOf<S[K]>> extends true
            ? StreamClient<
                  ParamsOf<HandlerOf<S[K]>>,
                  StreamItemOf<HandlerOf<S[K]>>,
                  StreamResultOf<HandlerOf<S[K]>>,
                  Flatten<Hooks & HooksAt<S, Prefix>>,
                  RouteErrorOf<DeclaredErrorsOf<HandlerOf<S[K]>> | Errors | HookErrorsAt<S>>
              >
            : RouteClient<
                  ParamsOf<HandlerOf<S[K]>>,
                  ResultOf<HandlerOf<S[K]>>,
                  Flatten<Hooks & HooksAt<S, Prefix>>,
                  RouteErrorOf<DeclaredErrorsOf<HandlerOf<S[K]>> | Errors | HookErrorsAt<S>>
              >
        : S[K] extends Hookish
          ? HookClient<HookParams<S[K]>>
          : ClientTree<S[K], `${Prefix}${K}/`, Hooks & HooksAt<S, Prefix>, Errors | HookErrorsAt<S>>;
};

/** Per-call options of {@link RouteClient.$with}. */
export interface CallOptions<Hooks = Record<string, unknown[]>> {
    /** Params of hooks on the route's path for this call, by hook id; they take precedence over values set with `$set`. */
    hooks?: [keyof Hooks] extends [never] ? never : {[Id in keyof Hooks]?: Hooks[Id]};
    /** Aborts the call: it resolves to an `aborted` error. */
    signal?: AbortSignal;
    /** Overrides the client's `timeoutMs` for this call; `0` for none. */
    timeoutMs?: number;
    /** Extra request headers for this call. */
    headers?: Record<string, string>;
}

/**
 * A route of the client tree: call it with the route's params; it resolves to a
 * {@link CallResult}, never rejects.
 *
 * @example
 * const res = await client.users.getUser(1);
 * const again = await client.users.getUser.$with({timeoutMs: 2000, hooks: {auth: ['Bearer t']}})(1);
 */
export interface RouteClient<P extends unknown[], R, Hooks, E = CallError> {
    (...params: P): Promise<CallResult<R, E>>;
    /** The same route with per-call options: hook values, signal, timeout, headers. */
    $with(options: CallOptions<Hooks>): (...params: P) => Promise<CallResult<R, E>>;
    /** The route id (`users/getUser`). */
    readonly $id: string;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly call: never;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly apply: never;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly bind: never;
}

/**
 * A streaming route of the client tree: call it with the route's params; it returns a
 * {@link CallStream} of its items `T` (no request is batched with it), whose `result` is the
 * final value `R` or the error `E`.
 *
 * @example
 * for await (const line of client.logs.tail('api')) console.log(line.text);
 * const tail = client.logs.tail.$with({signal: AbortSignal.timeout(60_000)})('api');
 */
export interface StreamClient<P extends unknown[], T, R, Hooks, E = CallError> {
    (...params: P): CallStream<T, R, E>;
    /** The same route with per-call options: hook values, signal (aborts the stream), timeout (until the stream starts), headers. */
    $with(options: CallOptions<Hooks>): (...params: P) => CallStream<T, R, E>;
    /** The route id (`logs/tail`). */
    readonly $id: string;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly call: never;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly apply: never;
    /** Not available: the tree can't tell Function's methods from routes named so. Use an arrow function. */
    readonly bind: never;
}

/**
 * A hook of the client tree: values set here are sent with every call of a route on the hook's
 * path, until cleared (kept in the client's `store`).
 *
 * @example
 * client.auth.$set('Bearer token');
 */
export interface HookClient<P extends unknown[]> {
    /** Keeps the hook's params for the next calls. */
    $set(...params: P): void;
    /** Forgets them. */
    $clear(): void;
    /** The params kept, if any. */
    $get(): P | undefined;
    /** The hook id (`auth`). */
    readonly $id: string;
}

/** The client of an api spec: its route tree, plus the client's own `$` methods. */
export type Client<S> = ClientTree<S> & {
    /** The api metadata the client uses: embedded, or fetched from `{baseURL}/@metadata` once. */
    $metadata(): Promise<CallResult<ApiMetadata>>;
};
