/**
 * HTTP status codes Hookline uses, by name.
 *
 * @example
 * throw new RpcError({statusCode: StatusCodes.FORBIDDEN, publicMessage: 'not yours'});
 */
export const StatusCodes = {
    OK: 200,
    CREATED: 201,
    NO_CONTENT: 204,
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    NOT_ACCEPTABLE: 406,
    REQUEST_TIMEOUT: 408,
    CONFLICT: 409,
    GONE: 410,
    PAYLOAD_TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    UNPROCESSABLE_ENTITY: 422,
    TOO_MANY_REQUESTS: 429,
    REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
    INTERNAL_SERVER_ERROR: 500,
    NOT_IMPLEMENTED: 501,
    BAD_GATEWAY: 502,
    SERVICE_UNAVAILABLE: 503,
    GATEWAY_TIMEOUT: 504,
} as const;

/** One of the values of {@link StatusCodes}. */
export type StatusCode = (typeof StatusCodes)[keyof typeof StatusCodes];

/** Whether `code` is an integer an HTTP response can carry as an error status (400-599). */
export function isErrorStatusCode(code: unknown): code is number {
    return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599;
}
