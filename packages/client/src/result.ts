import {RouterErrorCode, RouterErrorStatus, ValidationIssue} from '@hookline/core';

/** The `errorData` the router sends with each of its own error codes. */
export interface RouterErrorData {
    'route-not-found': undefined;
    'method-not-allowed': undefined;
    'unsupported-media-type': undefined;
    'body-too-large': undefined;
    'invalid-json': undefined;
    /** `id`: the key of the body that is not a procedure of the route's path. */
    'invalid-body': {id: string} | undefined;
    'invalid-params': undefined;
    /** Every failing value, with its path (`{id}[param index].property...`). */
    'validation-failed': {errors: ValidationIssue[]};
    /** The header that was missing, repeated or not convertible. */
    'invalid-header': {header: string};
    'unexpected-error': undefined;
    'invalid-return': undefined;
}

/**
 * An error the router itself produced (routing, body, validation, a handler's unexpected throw),
 * one member per {@link RouterErrorCode}: narrowing on `name` types `statusCode` and `errorData`.
 * A failed client-side validation (the `validate` option) is a `validation-failed` too.
 */
export type RouterCallError = {
    [C in RouterErrorCode]: {
        kind: 'router';
        name: C;
        statusCode: (typeof RouterErrorStatus)[C];
        message: string;
        errorData: C extends keyof RouterErrorData ? RouterErrorData[C] : unknown;
        /** Tracing id, when the server set one. */
        id?: string | number;
        /** Id of the procedure (route or hook) that failed, or `@router` for routing and body errors. */
        procedureId: string;
    };
}[RouterErrorCode];

/**
 * An `RpcError` thrown (or returned) by a route or hook of an untyped route (one with no error
 * declared on its path), public part only: its `name` is any string.
 */
export interface RpcCallError {
    kind: 'rpc';
    name: string;
    statusCode: number;
    message: string;
    errorData?: unknown;
    /** Tracing id, when the server set one. */
    id?: string | number;
    /** Id of the procedure (route or hook) that failed. */
    procedureId: string;
}

/**
 * An error a route or hook declares (an `RpcError` subclass in its return type), as a typed
 * route's caller gets it: narrowing on `name` types `statusCode` and `errorData` (its `Date`s revived).
 */
export interface DeclaredCallError<N extends string = string, D = unknown, S extends number = number> {
    kind: 'rpc';
    name: N;
    statusCode: S;
    message: string;
    errorData: D;
    /** Tracing id, when the server set one. */
    id?: string | number;
    /** Id of the procedure (the route, or a hook on its path) that failed. */
    procedureId: string;
}

/**
 * What a typed route sends for an error its path does not declare: the generic `RpcError`, its
 * status and public message kept, no `errorData`.
 */
export interface GenericRpcCallError {
    kind: 'rpc';
    name: 'RpcError';
    statusCode: number;
    message: string;
    errorData?: undefined;
    /** Tracing id, when the server set one. */
    id?: string | number;
    /** Id of the procedure (route or hook) that failed. */
    procedureId: string;
}

/** The request never got a response: the server is down, DNS, CORS refused, connection reset... */
export interface NetworkCallError {
    kind: 'network';
    name: 'network';
    message: string;
    /** What `fetch` rejected with. */
    cause: unknown;
}

/** No response within `timeoutMs`; the request was aborted. */
export interface TimeoutCallError {
    kind: 'timeout';
    name: 'timeout';
    message: string;
    timeoutMs: number;
}

/** The caller's `AbortSignal` aborted the call. */
export interface AbortedCallError {
    kind: 'aborted';
    name: 'aborted';
    message: string;
    /** `signal.reason`. */
    reason: unknown;
}

/** A response that is not Hookline's protocol (a proxy's HTML error page, a truncated body...). */
export interface InvalidResponseCallError {
    kind: 'invalid-response';
    name: 'invalid-response';
    message: string;
    /** HTTP status of the response. */
    status: number;
    /** The start of the body (at most 500 characters). */
    body: string;
}

/** The errors a client produces itself: the call got no answer it could read. */
export type ClientCallError = NetworkCallError | TimeoutCallError | AbortedCallError | InvalidResponseCallError;

/**
 * Every way a call can fail. Narrow on `name` (every member has one) or on `kind`. A typed route's
 * calls fail with {@link TypedCallError} instead: the same, with its declared errors in place of
 * the untyped {@link RpcCallError}.
 */
export type CallError = RouterCallError | RpcCallError | NetworkCallError | TimeoutCallError | AbortedCallError | InvalidResponseCallError;

/**
 * How a typed route's call fails: the errors declared on its path (`Declared`, a union of
 * {@link DeclaredCallError}s), the router's own codes, the generic `RpcError`, and the client's
 * own errors. Exact: a misspelled `name` in a comparison is a compile error.
 */
export type TypedCallError<Declared> = RouterCallError | Declared | GenericRpcCallError | ClientCallError;

/** Errors the server sent (`kind` `'router'` or `'rpc'`): they have `name`, `statusCode` and `message`. */
export type ServerCallError = RouterCallError | RpcCallError;

/**
 * What a call resolves to: never a rejection. `ok` tells which side you have.
 *
 * @example
 * const res = await client.users.getUser(1);
 * if (res.ok) console.log(res.value.name);
 * else if (res.error.kind === 'rpc' && res.error.statusCode === 404) console.log('no such user');
 */
export type CallResult<T, E = CallError> = {ok: true; value: T; error?: undefined} | {ok: false; error: E; value?: undefined};

/** Thrown by {@link unwrap}: carries the {@link CallError}. */
export class CallFailedError<E = CallError> extends Error {
    readonly error: E;

    constructor(error: E & {message: string}) {
        super(error.message);
        this.name = 'CallFailedError';
        this.error = error;
    }
}

/**
 * The value of a successful result; throws a {@link CallFailedError} for a failed one. For code
 * that prefers exceptions (a test, a script).
 *
 * @example
 * const user = unwrap(await client.users.getUser(1));
 */
export function unwrap<T, E extends {message: string}>(result: CallResult<T, E>): T {
    if (result.ok) return result.value;
    throw new CallFailedError(result.error);
}
