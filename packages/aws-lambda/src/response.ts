import {STATUS_CODES} from 'node:http';
import {encodeResponseBody} from './body.js';
import {KindedEvent} from './event-kind.js';
import {LambdaHttpResult} from './events.js';
import {ResponseHeaders, splitResponseHeaders} from './headers.js';

/** A response to convert: the router's, or any with lower-case header names and a text or binary body. */
export interface OutgoingResponse {
    statusCode: number;
    headers: ResponseHeaders;
    body: string | Uint8Array;
}

/** The header fields of a result, in the source's shape. */
export interface ResultHeaders {
    headers?: Record<string, string>;
    multiValueHeaders?: Record<string, string[]>;
    cookies?: string[];
}

/** The metadata a streamed response starts with: a result without its body. */
export interface StreamPrelude extends ResultHeaders {
    statusCode: number;
}

function usedMultiValueHeaders(event: {multiValueHeaders?: unknown}): boolean {
    return typeof event.multiValueHeaders === 'object' && event.multiValueHeaders !== null;
}

/**
 * Response headers in the shape of the event's source. HTTP API and Function URL: `headers`,
 * and `Set-Cookie` values in `cookies`. REST (payload 1.0) and ALB: `multiValueHeaders` when
 * the request came with them, else `headers`; then several `Set-Cookie` go in
 * `multiValueHeaders` on REST, while ALB in single-value mode can carry only the first.
 * `Set-Cookie` values are never comma-joined; hop-by-hop headers are dropped.
 */
export function resultHeaders(k: KindedEvent, headers: ResponseHeaders): ResultHeaders {
    const {single, multi, cookies} = splitResponseHeaders(headers);
    if (k.kind === 'v2' || k.kind === 'url') return cookies.length === 0 ? {headers: single} : {headers: single, cookies};
    if (usedMultiValueHeaders(k.event)) {
        if (cookies.length > 0) multi['set-cookie'] = cookies;
        return {multiValueHeaders: multi};
    }
    const [first] = cookies;
    if (first === undefined) return {headers: single};
    if (k.kind === 'alb' || cookies.length === 1) {
        single['set-cookie'] = first;
        return {headers: single};
    }
    return {headers: single, multiValueHeaders: {'set-cookie': cookies}};
}

/**
 * Converts a response to the result the event's source expects: the headers of
 * {@link resultHeaders}, a `statusDescription` for ALB, and the body (bytes as base64 with
 * `isBase64Encoded: true`).
 *
 * @example
 * toLambdaResult({kind: 'v2', event}, {statusCode: 200, headers: {'set-cookie': ['a=1', 'b=2']}, body: '{}'});
 * // {statusCode: 200, headers: {}, cookies: ['a=1', 'b=2'], body: '{}', isBase64Encoded: false}
 */
export function toLambdaResult(k: KindedEvent, response: OutgoingResponse): LambdaHttpResult {
    const fields = resultHeaders(k, response.headers);
    const {body, isBase64Encoded} = encodeResponseBody(response.body);
    if (k.kind === 'alb')
        return {
            statusCode: response.statusCode,
            statusDescription: statusDescription(response.statusCode),
            ...fields,
            body,
            isBase64Encoded,
        };
    // For payload 2.0 `fields` always holds `headers`; payload 1.0 has headers or multiValueHeaders.
    return {statusCode: response.statusCode, ...fields, body, isBase64Encoded} as LambdaHttpResult;
}

/** The metadata a streamed response starts with (status and headers in the source's shape), for `HttpResponseStream.from`. */
export function streamPrelude(k: KindedEvent, statusCode: number, headers: ResponseHeaders): StreamPrelude {
    return {statusCode, ...resultHeaders(k, headers)};
}

/** ALB's status line text, e.g. `200 OK`. */
export function statusDescription(statusCode: number): string {
    const reason = STATUS_CODES[statusCode];
    return reason === undefined ? String(statusCode) : `${statusCode} ${reason}`;
}
