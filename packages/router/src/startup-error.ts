/**
 * The closed set of errors the router throws at startup (registration), when routes, hooks or
 * options can't be compiled. Listed, with fixes, in `docs/errors.md`.
 */
export const StartupErrorCodes = {
    /** A handler was compiled without deepkit's type compiler: no `__type` metadata. */
    MISSING_TYPE_METADATA: 'HL_MISSING_TYPE_METADATA',
    /** A param or return type is erased at runtime: it reflects as `never` or as an unresolved reference (what `import type` produces). */
    NEVER_PARAM: 'HL_NEVER_PARAM',
    /** A param or return type can't travel as JSON (Map, Set, bigint, symbol, functions...). */
    UNSUPPORTED_TYPE: 'HL_UNSUPPORTED_TYPE',
    /** A key of the routes object is numeric, empty, contains `/`, or starts with `@`. */
    INVALID_ROUTE_KEY: 'HL_INVALID_ROUTE_KEY',
    /** Two entries produce the same id (or the same URL path). */
    DUPLICATE_ROUTE_ID: 'HL_DUPLICATE_ROUTE_ID',
    /** The routes object, or an object nested in it, has no entries. */
    EMPTY_ROUTES: 'HL_EMPTY_ROUTES',
    /** Routes are nested deeper than `maxRouteDepth`. */
    ROUTES_TOO_DEEP: 'HL_ROUTES_TOO_DEEP',
    /** An entry is neither a route, a hook nor a routes object. */
    INVALID_DEFINITION: 'HL_INVALID_DEFINITION',
    /** A header hook doesn't take exactly one `string | number | boolean` param, or its header name is invalid. */
    INVALID_HEADER_HOOK: 'HL_INVALID_HEADER_HOOK',
    /** A router option has an invalid value. */
    INVALID_OPTION: 'HL_INVALID_OPTION',
    /** A declared error (an `RpcError` subclass in a return type) has a reserved or clashing name, a status outside 400-599, or is written inline as `RpcError<'name', ...>`. */
    INVALID_ERROR_DECLARATION: 'HL_INVALID_ERROR_DECLARATION',
    /** The compiled module (`compiled` option) disagrees with the routes: a route or hook added, missing, of another kind or param count, or with other types. Rerun `hookline build`. */
    STALE_COMPILED_MODULE: 'HL_STALE_COMPILED_MODULE',
} as const;

/** One of {@link StartupErrorCodes}. */
export type StartupErrorCode = (typeof StartupErrorCodes)[keyof typeof StartupErrorCodes];

/**
 * Thrown at startup when routes or options can't be compiled. `code` is one of
 * {@link StartupErrorCodes}; `message` names the route and says how to fix it.
 *
 * @example
 * try { registerRoutes({1: () => 1}); } catch (e) { if (e instanceof StartupError) console.log(e.code); }
 */
export class StartupError extends Error {
    /** Which startup check failed. */
    readonly code: StartupErrorCode;

    constructor(code: StartupErrorCode, message: string) {
        // Every code has a row in the router's README, which a package user has at hand.
        super(
            `${code}: ${message}${message.includes('README.md') ? '' : ` (see "Startup errors" in node_modules/@hookline/router/README.md)`}`,
        );
        this.name = 'StartupError';
        this.code = code;
    }
}
