// A `Headers` object seen as the router's `RequestHeaders` (a record of lower-case names) without
// copying it: a call reads one or two headers (content type, a header hook's), and copying every
// header into an object was ~6 % of a small call on Bun. Reads, `in`, enumeration, spreading and
// JSON see what the copy showed; writes (the router adds a request id to a batch's headers) go to
// the view, not to the request.
import {RequestHeaders} from '@hookline/router';

const source = Symbol('headers');

/**
 * The proxy's target: where the headers come from (a `Headers` object, or the `Request` whose
 * `headers` are read on first use: on Bun, `request.headers` builds the object), and the names
 * written or deleted through the view.
 */
interface Target {
    [source]: Headers | Request;
    [name: string]: string | string[] | undefined;
}

function headersOf(target: Target): Headers {
    const from = target[source];
    if (from instanceof Headers) return from;
    return (target[source] = from.headers);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A header as the router reads it: lower-case names only, `set-cookie` as the array of its values when repeated. */
function read(target: Target, name: string): string | string[] | undefined {
    // Written or deleted through the view (a deleted name holds `undefined`).
    if (hasOwn.call(target, name)) return target[name];
    // A plain record has lower-case keys only: `headers['Content-Type']` is undefined there too.
    if (name !== name.toLowerCase()) return undefined;
    const headers = headersOf(target);
    try {
        if (name === 'set-cookie') {
            const all = headers.getSetCookie();
            return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
        }
        return headers.get(name) ?? undefined;
    } catch {
        // Not a header name `Headers` accepts (a space, a colon...): no such header.
        return undefined;
    }
}

function names(target: Target): string[] {
    const out: string[] = [];
    headersOf(target).forEach((_value, name) => {
        // `set-cookie` comes once per value; each other name once.
        if (!hasOwn.call(target, name) && out.indexOf(name) === -1) out.push(name);
    });
    for (const name of Object.keys(target)) if (target[name] !== undefined && out.indexOf(name) === -1) out.push(name);
    return out;
}

const handler: ProxyHandler<Target> = {
    // What the view lacks comes from Object.prototype, as for a plain record (`toString`, `hasOwnProperty`...).
    get: (target, name) => {
        const value = typeof name === 'string' ? read(target, name) : undefined;
        return value !== undefined ? value : (Object.prototype as Record<PropertyKey, unknown>)[name];
    },
    has: (target, name) => typeof name === 'string' && read(target, name) !== undefined,
    set: (target, name, value: string | string[] | undefined) => {
        if (typeof name !== 'string') return false;
        target[name] = value;
        return true;
    },
    deleteProperty: (target, name) => {
        if (typeof name !== 'string') return false;
        target[name] = undefined;
        return true;
    },
    ownKeys: (target) => names(target),
    getOwnPropertyDescriptor: (target, name) => {
        if (typeof name !== 'string') return undefined;
        const value = read(target, name);
        return value === undefined ? undefined : {value, writable: true, enumerable: true, configurable: true};
    },
    defineProperty: () => false,
    getPrototypeOf: () => Object.prototype,
};

/**
 * The router's view of a request's `Headers`: names in lower case, a header sent more than once
 * joined into one value (`a, b`: the Fetch standard's rule, which no runtime lets an adapter
 * undo), `set-cookie` excepted (the array of its values). Nothing is copied: each read asks the
 * `Headers` object. Given the `Request`, its `headers` are read on the first read of the view.
 *
 * @example
 * const headers = headersView(new Headers([['Authorization', 'a'], ['authorization', 'b']]));
 * headers.authorization; // 'a, b'
 */
export function headersView(headers: Headers | Request): RequestHeaders {
    // A plain object, not one made with `__proto__: null` (setting a prototype per call was ~2 % of
    // a GET call on Bun): the traps read own names only, and never the target's prototype.
    const target = {[source]: headers} as unknown as Target;
    return new Proxy(target, handler) as unknown as RequestHeaders;
}
