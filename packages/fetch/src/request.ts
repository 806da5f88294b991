import {RequestHeaders, RouterRequest} from '@hookline/router';
import {headersView} from './headers-view.js';

/**
 * The path of a `Request`'s URL, without query string or fragment. `Request.url` is always
 * absolute (`https://host/a/b?x`), already normalized by the URL parser.
 *
 * @example
 * pathOf('https://api.example.com/users/getUser?x=1'); // '/users/getUser'
 */
export function pathOf(url: string): string {
    // After "scheme://", the path starts at the first '/'; searching from the scheme's end skips
    // a URL parse per request.
    const authority = url.indexOf('://');
    const start = url.indexOf('/', authority === -1 ? 0 : authority + 3);
    if (start === -1) return '/';
    // Native searches, not a loop over the characters (on Bun the loop was ~3 % of a GET call).
    const query = url.indexOf('?', start);
    const hash = url.indexOf('#', start);
    const end = query === -1 ? (hash === -1 ? url.length : hash) : hash === -1 || query < hash ? query : hash;
    return url.slice(start, end);
}

/**
 * The request headers for the router, names in lower case: a view of the `Headers` object, not a
 * copy (see {@link headersView}). A `Headers` object joins a header sent more than once into one
 * value (`a, b`; the Fetch standard's rule, which no runtime lets an adapter undo), `set-cookie`
 * excepted: so a header hook's header sent twice reaches the hook as one joined value, usually
 * refused by the hook's own check, where the Node adapter answers 400 `invalid-header`.
 * `set-cookie` (which only a proxy would send in a request) is the array of its values.
 *
 * @example
 * requestHeadersOf(new Headers([['Authorization', 'a'], ['authorization', 'b']])); // {authorization: 'a, b'}
 */
export function requestHeadersOf(headers: Headers): RequestHeaders {
    return headersView(headers);
}

/**
 * Converts a `Request` (and its read body) to the router's request.
 *
 * @example
 * toRouterRequest(new Request('https://h/users/getUser', {method: 'POST'}), '{"users/getUser":[1]}');
 * // {method: 'POST', path: '/users/getUser', headers: {...}, body: '{"users/getUser":[1]}'}
 */
export function toRouterRequest(request: Request, body: string | Uint8Array | undefined): RouterRequest {
    return {method: request.method, path: pathOf(request.url), headers: headersView(request), body};
}

/**
 * The router's request for a `Request`, as the handler makes it: the headers view is made when the
 * router or a step first reads `headers` (a call that reads none, a GET hello, never makes it),
 * and a body's `content-type` is read from the `Headers` object directly.
 */
export class FetchRouterRequest implements RouterRequest {
    readonly method: string;
    readonly path: string;
    readonly contentType: string | undefined;
    private view: RequestHeaders | undefined = undefined;

    /** `headers`: the request's `Headers` when the caller has them already (it read the body's length). */
    constructor(
        private readonly request: Request,
        readonly body: string | Uint8Array | undefined,
        headers?: Headers,
    ) {
        this.method = request.method;
        this.path = pathOf(request.url);
        // Only a body's content type is checked; a request with one has its `Headers` made already (its length was read).
        this.contentType = body === undefined ? undefined : ((headers ?? request.headers).get('content-type') ?? undefined);
    }

    get headers(): RequestHeaders {
        return (this.view ??= headersView(this.request));
    }
}
