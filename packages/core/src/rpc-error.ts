import {isErrorStatusCode, StatusCodes} from './status-codes.js';
import {RouterErrorCode, RouterErrorStatus} from './error-codes.js';
import {PublicRpcError} from './wire-types.js';

/**
 * Constructor options of {@link RpcError}. For a declared error (a literal `N`), `name` is
 * required, and so is `errorData` unless `D` accepts `undefined`.
 */
export type RpcErrorParams<N extends string = string, D = unknown, S extends number = number> = {
    /** HTTP status sent to the client (400-599). */
    statusCode: S;
    /** Message sent to the client. Default: a generic message for the status. */
    publicMessage?: string;
    /** Private message, kept on the server (logs, `internalErrors`). Default: the public message. */
    message?: string;
    /** The error that caused this one; never sent to the client. */
    originalError?: unknown;
    /** Id for tracing a failure between client and server logs. */
    id?: string | number;
} & (string extends N
    ? {
          /** Error name sent to the client; clients narrow on it. Default: `'RpcError'`. */
          name?: N;
      }
    : {
          /** Error name sent to the client; clients narrow on it. */
          name: N;
      }) &
    (undefined extends D
        ? {
              /** Extra public data sent to the client (must be JSON-serializable). */
              errorData?: D;
          }
        : {
              /** Extra public data sent to the client (must be JSON-serializable). */
              errorData: D;
          });

const genericMessages: Record<number, string> = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    413: 'Payload too large',
    415: 'Unsupported media type',
    500: 'Internal server error',
};

/**
 * The one error class of Hookline. Thrown or returned by a route or hook, it stops the
 * execution path (only `runOnError` hooks still run) and is sent to the client in its public
 * form: `name`, `statusCode`, the public message and `errorData`; never the private message,
 * the stack or the original error.
 *
 * Its type parameters declare an error a route or hook can answer with: extend it with a literal
 * name, the `errorData` type and the status, and put the class in the handler's return type
 * (`User | UserNotFound`); the route's callers then get that error typed (see docs/errors.md).
 *
 * @example
 * throw new RpcError({statusCode: 401, publicMessage: 'user is not authorized'});
 *
 * class UserNotFound extends RpcError<'user-not-found', {id: number}, 404> {
 *     constructor(id: number) {
 *         super({name: 'user-not-found', statusCode: 404, errorData: {id}, publicMessage: `no user ${id}`});
 *     }
 * }
 */
export class RpcError<N extends string = string, D = unknown, S extends number = number> extends Error {
    /** Error name sent to the client; clients narrow on it. */
    declare name: N;
    /** HTTP status sent to the client. */
    readonly statusCode: S;
    /** Message sent to the client. */
    readonly publicMessage: string;
    /** Extra public data sent to the client. */
    readonly errorData: D;
    /** The error that caused this one; server side only. */
    readonly originalError: unknown;
    /** Optional tracing id, sent to the client. */
    readonly id: string | number | undefined;

    constructor(params: RpcErrorParams<N, D, S>) {
        const statusCode = isErrorStatusCode(params.statusCode) ? params.statusCode : StatusCodes.INTERNAL_SERVER_ERROR;
        const publicMessage = params.publicMessage ?? genericMessages[statusCode] ?? 'Error';
        super(params.message ?? publicMessage);
        this.name = (params.name ?? 'RpcError') as N;
        // Not a status from 400 to 599: 500, whatever the type said (the wire never carries another).
        this.statusCode = statusCode as S;
        this.publicMessage = publicMessage;
        this.errorData = params.errorData as D;
        this.originalError = params.originalError;
        this.id = params.id;
    }

    /** The form sent over the wire: public fields only. */
    toPublic(): PublicRpcError {
        const out: PublicRpcError = {name: this.name, statusCode: this.statusCode, message: this.publicMessage};
        if (this.errorData !== undefined) out.errorData = this.errorData;
        if (this.id !== undefined) out.id = this.id;
        return out;
    }

    /** Same as {@link RpcError.toPublic}, so `JSON.stringify(error)` can never leak private fields. */
    toJSON(): PublicRpcError {
        return this.toPublic();
    }
}

/**
 * Builds an {@link RpcError} for one of the router's own error codes, with the status that
 * code has in {@link RouterErrorStatus}. `message` is the private message (default: the public one).
 */
export function routerError(
    code: RouterErrorCode,
    publicMessage: string,
    errorData?: unknown,
    originalError?: unknown,
    message?: string,
): RpcError {
    return new RpcError<string>({name: code, statusCode: RouterErrorStatus[code], publicMessage, errorData, originalError, message});
}

/** Whether `value` is an {@link RpcError} (also across copies of this package). */
export function isRpcError(value: unknown): value is RpcError {
    return (
        value instanceof RpcError ||
        (value instanceof Error &&
            typeof (value as {toPublic?: unknown}).toPublic === 'function' &&
            isErrorStatusCode((value as {statusCode?: unknown}).statusCode))
    );
}
