import {Router, StartupError, StartupErrorCodes} from '@hookline/router';

/**
 * Cross-origin access for browsers (CORS), off unless given: which web pages, on other origins,
 * may call the router.
 *
 * @example
 * await startNodeServer(router, {cors: {origin: ['https://app.example.com', 'http://localhost:5173']}});
 */
export interface CorsOptions {
    /**
     * The origins allowed: one (`'https://app.example.com'`), a list, a predicate, or `'*'` for
     * any (then without `credentials`). An origin is scheme, host and port, without a path or a
     * trailing `/`.
     */
    origin: string | string[] | ((origin: string) => boolean);
    /**
     * Request headers a page may send, besides `content-type`. Default: the headers the router's
     * header hooks read, and its `requestIdHeader`.
     */
    allowedHeaders?: string[];
    /**
     * Response headers a page may read. Default: the headers the router's header hooks write
     * (their returned values), and its `requestIdHeader`.
     */
    exposedHeaders?: string[];
    /** Send `access-control-allow-credentials: true`, so a page can call with cookies (`credentials: 'include'`). Default `false`. */
    credentials?: boolean;
    /** How long, in seconds, a browser may cache a preflight's answer (`access-control-max-age`). Default `600`. */
    maxAge?: number;
}

/** The CORS headers of one request, from {@link createCorsPolicy}. */
export interface CorsPolicy {
    /** Whether the request is a preflight: `OPTIONS` with an `access-control-request-method` header. */
    isPreflight(method: string | undefined, headers: Record<string, string | string[] | undefined>): boolean;
    /** The headers of the 204 answering a preflight from `origin`; only `vary` when the origin is not allowed. */
    preflightHeaders(origin: string | string[] | undefined): Record<string, string>;
    /**
     * A response's headers (names in lower case) with the CORS headers of a request from `origin`
     * added: a new object, `headers` is left as it is (the router's may be shared and frozen).
     */
    withHeaders(origin: string | string[] | undefined, headers: Readonly<Record<string, string>>): Record<string, string>;
}

/** The methods the router answers (see docs/protocol.md). */
const METHODS = 'GET, POST';

function headerList(names: Iterable<string>): string {
    return [...new Set([...names].map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))].join(', ');
}

function checkOptions(o: CorsOptions): void {
    const bad = (message: string): never => {
        throw new StartupError(StartupErrorCodes.INVALID_OPTION, `cors: ${message}`);
    };
    const origins = typeof o.origin === 'string' ? [o.origin] : Array.isArray(o.origin) ? o.origin : undefined;
    if (origins === undefined && typeof o.origin !== 'function') bad('origin must be a string, a list of strings or a function.');
    for (const origin of origins ?? []) {
        if (typeof origin !== 'string' || (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin)))
            bad(`origin ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path, no trailing /) nor '*'.`);
    }
    if (origins?.includes('*') === true && (origins.length > 1 || o.credentials === true))
        bad(`'*' allows any origin: it goes alone, and without credentials (browsers refuse that pair).`);
    if (o.maxAge !== undefined && !(Number.isInteger(o.maxAge) && o.maxAge >= 0)) bad('maxAge must be a whole number of seconds.');
    for (const list of [o.allowedHeaders, o.exposedHeaders]) {
        if (list !== undefined && (!Array.isArray(list) || list.some((h) => typeof h !== 'string' || !/^[!#$%&'*+.^_`|~\w-]+$/.test(h))))
            bad('allowedHeaders and exposedHeaders must be lists of header names.');
    }
}

/**
 * Builds the CORS policy of a router: checks the options (a {@link StartupError} when they are
 * wrong), and computes the header lists once, the defaults from the router's header hooks on
 * first use.
 */
export function createCorsPolicy(router: Router, options: CorsOptions): CorsPolicy {
    checkOptions(options);
    const any = options.origin === '*';
    const allowed =
        typeof options.origin === 'function'
            ? options.origin
            : (
                  (set: Set<string>) => (origin: string) =>
                      set.has(origin)
              )(new Set(typeof options.origin === 'string' ? [options.origin] : options.origin));
    const maxAge = String(options.maxAge ?? 600);
    let lists: {allow: string; expose: string} | undefined;
    const headerLists = (): {allow: string; expose: string} => {
        if (lists !== undefined) return lists;
        let hookHeaders: string[] = [];
        if (options.allowedHeaders === undefined || options.exposedHeaders === undefined) {
            try {
                const hooks = Object.values(router.getMetadata().hooks);
                hookHeaders = hooks.flatMap((h) => (h.headerName === undefined ? [] : [h.headerName]));
            } catch {
                // A route that fails to compile (lazy compile) answers its own 500; CORS goes on without its headers.
            }
        }
        const defaults = [...hookHeaders, router.options.requestIdHeader];
        lists = {
            allow: headerList(['content-type', ...(options.allowedHeaders ?? defaults)]),
            expose: headerList(options.exposedHeaders ?? defaults),
        };
        return lists;
    };
    // The origin header, when it is one this policy allows.
    const allowedOrigin = (origin: string | string[] | undefined): string | undefined => {
        if (typeof origin !== 'string') return undefined;
        if (any) return '*';
        return allowed(origin) ? origin : undefined;
    };
    return {
        isPreflight: (method, headers) => method === 'OPTIONS' && headers['access-control-request-method'] !== undefined,
        preflightHeaders: (origin) => {
            const allow = allowedOrigin(origin);
            if (allow === undefined) return {vary: 'origin'};
            const out: Record<string, string> = {
                'access-control-allow-origin': allow,
                'access-control-allow-methods': METHODS,
                'access-control-allow-headers': headerLists().allow,
                'access-control-max-age': maxAge,
                vary: 'origin',
            };
            if (options.credentials === true) out['access-control-allow-credentials'] = 'true';
            return out;
        },
        withHeaders: (origin, given) => {
            const headers: Record<string, string> = {...given, vary: given.vary === undefined ? 'origin' : `${given.vary}, origin`};
            const allow = allowedOrigin(origin);
            if (allow === undefined) return headers;
            headers['access-control-allow-origin'] = allow;
            const expose = headerLists().expose;
            if (expose !== '') headers['access-control-expose-headers'] = expose;
            if (options.credentials === true) headers['access-control-allow-credentials'] = 'true';
            return headers;
        },
    };
}
