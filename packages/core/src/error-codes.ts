import {StatusCodes} from './status-codes.js';

/**
 * The closed set of errors the router itself sends to clients, each with its HTTP status.
 * A code can't be added without a status: the table is the definition.
 * The code is the `name` of the public error on the wire.
 */
export const RouterErrorStatus = {
    /** No route at that path. */
    'route-not-found': StatusCodes.NOT_FOUND,
    /** Method other than POST, or GET on a route whose execution path takes body params. */
    'method-not-allowed': StatusCodes.METHOD_NOT_ALLOWED,
    /** A body was sent with a content type other than `application/json`. */
    'unsupported-media-type': StatusCodes.UNSUPPORTED_MEDIA_TYPE,
    /** The body is larger than the router's `maxBodySize`. */
    'body-too-large': StatusCodes.PAYLOAD_TOO_LARGE,
    /** The body is not valid JSON (or not valid UTF-8). */
    'invalid-json': StatusCodes.BAD_REQUEST,
    /** The body is JSON but not an object keyed by procedure id. */
    'invalid-body': StatusCodes.BAD_REQUEST,
    /** A procedure's params are missing or not an array, or sent to a procedure that takes none (other wrong counts are `validation-failed`). */
    'invalid-params': StatusCodes.BAD_REQUEST,
    /** A param failed validation against its declared type; `errorData.errors` lists the failures. */
    'validation-failed': StatusCodes.BAD_REQUEST,
    /** A header hook's header is missing, repeated, or can't be converted to its declared type. */
    'invalid-header': StatusCodes.BAD_REQUEST,
    /** A handler threw or rejected with something other than an `RpcError`. */
    'unexpected-error': StatusCodes.INTERNAL_SERVER_ERROR,
    /** A handler returned a value that doesn't match its declared return type. */
    'invalid-return': StatusCodes.INTERNAL_SERVER_ERROR,
    /** The call did not finish within the router's `callTimeout`. */
    'call-timeout': StatusCodes.SERVICE_UNAVAILABLE,
} as const;

/** A router error code: the `name` of a public error the router itself produced. */
export type RouterErrorCode = keyof typeof RouterErrorStatus;

/** All router error codes, in table order. */
export const routerErrorCodes = Object.keys(RouterErrorStatus) as RouterErrorCode[];

/** Whether `name` is one of the router's own error codes. */
export function isRouterErrorCode(name: unknown): name is RouterErrorCode {
    return typeof name === 'string' && Object.prototype.hasOwnProperty.call(RouterErrorStatus, name);
}

/** The name of an `RpcError` created without one, and of the generic public error a typed route sends for an undeclared error. */
export const GENERIC_ERROR_NAME = 'RpcError';

/** The `kind`s (also their `name`s) of the errors a client produces itself: never sent by a server. */
export const clientErrorNames = ['network', 'timeout', 'aborted', 'invalid-response'] as const;

/**
 * Whether a declared error can't take `name`: the router's own codes, the generic `'RpcError'`
 * and the client's own error names are taken (a client narrows on `name`).
 */
export function isReservedErrorName(name: string): boolean {
    return isRouterErrorCode(name) || name === GENERIC_ERROR_NAME || (clientErrorNames as readonly string[]).includes(name);
}
