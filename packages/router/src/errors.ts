import {isErrorStatusCode, isRpcError, RpcError, routerError} from '@hookline/core';

/** The generic public message of an unexpected (non-RpcError) throw. */
export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error';

/**
 * Converts anything a handler threw (or returned as an error) into an {@link RpcError}, once, at
 * the dispatch boundary:
 * - an `RpcError` is kept as is;
 * - the seeds' plain-object form `{code: 4xx, message}` / `{statusCode: 4xx, message}` becomes
 *   that 4xx with that public message;
 * - anything else becomes a 500 `unexpected-error` with a generic public message; the original
 *   is kept as `originalError` (and its message as the private message).
 */
export function toRpcError(thrown: unknown): RpcError {
    if (isRpcError(thrown)) return thrown;
    if (typeof thrown === 'object' && thrown !== null && !(thrown instanceof Error)) {
        const o = thrown as {code?: unknown; statusCode?: unknown; message?: unknown};
        const status = o.statusCode ?? o.code;
        if (isErrorStatusCode(status) && status < 500 && typeof o.message === 'string') {
            return new RpcError({statusCode: status, publicMessage: o.message, originalError: thrown});
        }
    }
    const privateMessage = thrown instanceof Error ? thrown.message : typeof thrown === 'string' ? thrown : 'non-error value thrown';
    return routerError('unexpected-error', UNEXPECTED_ERROR_MESSAGE, undefined, thrown, privateMessage);
}
