import {RequestHeaders} from '@hookline/router';
import {KindedEvent} from './event-kind.js';
import {MultiValueHeaders, SingleValueHeaders} from './events.js';

/**
 * Adds one value of a request header (name in any case). A header sent more than once becomes the
 * array of its values, as the Node adapter gives it, so the router can hold a header hook's header
 * to exactly one value; `cookie` values are joined with `; ` instead (a client may split them) and
 * `set-cookie` is always an array.
 */
export function addRequestHeader(headers: RequestHeaders, name: string, value: string): void {
    const key = name.toLowerCase();
    const seen = headers[key];
    if (seen === undefined) headers[key] = key === 'set-cookie' ? [value] : value;
    else if (Array.isArray(seen)) seen.push(value);
    else if (key === 'cookie') headers[key] = `${seen}; ${value}`;
    else headers[key] = [seen, value];
}

function addSingle(out: RequestHeaders, headers: SingleValueHeaders | null | undefined, skip?: RequestHeaders): void {
    if (headers === null || headers === undefined) return;
    for (const name of Object.keys(headers)) {
        const value = headers[name];
        if (typeof value !== 'string' || (skip !== undefined && skip[name.toLowerCase()] !== undefined)) continue;
        addRequestHeader(out, name, value);
    }
}

function addMulti(out: RequestHeaders, headers: MultiValueHeaders | null | undefined): void {
    if (headers === null || headers === undefined) return;
    for (const name of Object.keys(headers)) {
        const values = headers[name];
        if (!Array.isArray(values)) continue;
        for (const value of values) if (typeof value === 'string') addRequestHeader(out, name, value);
    }
}

/**
 * The request headers of an event, names lower-cased, a repeated header as the array of its
 * values (see {@link addRequestHeader}). Payload 1.0 and ALB: `multiValueHeaders` wins, `headers`
 * only adds names it lacks. Payload 2.0 and Function URLs: the `cookies` array is the `cookie`
 * header (Function URLs repeat it in `headers.cookie`; it is taken once); their `headers` arrive
 * with repeats already joined by AWS with `,`, which can't be told apart from one value.
 *
 * @example
 * requestHeadersOf({kind: 'v2', event}); // {'content-type': 'application/json', cookie: 'a=1; b=2'}
 */
export function requestHeadersOf(k: KindedEvent): RequestHeaders {
    const out: RequestHeaders = {};
    if (k.kind === 'v2' || k.kind === 'url') {
        addSingle(out, k.event.headers);
        const cookies = k.event.cookies;
        if (Array.isArray(cookies) && cookies.length > 0) out.cookie = cookies.join('; ');
        return out;
    }
    addMulti(out, k.event.multiValueHeaders);
    addSingle(out, k.event.headers, {...out});
    return out;
}

/** Response headers as the router (or a raw hook) gives them: names in lower case. */
export type ResponseHeaders = Record<string, string | readonly string[] | undefined>;

// Hop-by-hop headers belong to one connection; API Gateway, Function URLs and ALB own theirs.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function valuesOf(value: string | readonly string[] | undefined): readonly string[] {
    if (value === undefined) return [];
    return typeof value === 'string' ? [value] : value;
}

/** Response headers split for a result: one value per name, and the `Set-Cookie` values apart (never comma-joined). */
export interface SplitHeaders {
    /** Every header but `set-cookie`, repeats joined with `, `. */
    single: Record<string, string>;
    /** Every header but `set-cookie`, each with all its values. */
    multi: Record<string, string[]>;
    /** The `Set-Cookie` values, one cookie each. */
    cookies: string[];
}

/** Splits response headers for a Lambda result, dropping hop-by-hop headers. */
export function splitResponseHeaders(headers: ResponseHeaders): SplitHeaders {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    let cookies: string[] = [];
    for (const name of Object.keys(headers)) {
        const key = name.toLowerCase();
        const values = valuesOf(headers[name]);
        if (values.length === 0 || HOP_BY_HOP.has(key)) continue;
        if (key === 'set-cookie') {
            cookies = cookies.concat(values);
            continue;
        }
        const all = (multi[key] ??= []);
        all.push(...values);
        single[key] = all.join(', ');
    }
    return {single, multi, cookies};
}
