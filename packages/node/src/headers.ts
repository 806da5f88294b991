import {IncomingMessage} from 'node:http';
import {RequestHeaders} from '@hookline/router';

/** The parts of Node's request that carry its headers. */
export type NodeRequestHeaders = Pick<IncomingMessage, 'headers' | 'rawHeaders' | 'headersDistinct'>;

/**
 * The request headers for the router: Node's `headers`, except that a header sent more than once
 * is the array of its values (`cookie` excepted: Node joins it with `; `, as a client may split
 * it). Node's own `headers` keeps only the first `authorization`, `content-type`, `host`... and
 * joins other repeats with `, `, so a repeat could not be told apart from one value: a header
 * hook's header must be sent exactly once, and the router can only check that on the arrays.
 *
 * @example
 * // GET / with "authorization: a" and "authorization: b"
 * requestHeadersOf(req); // {authorization: ['a', 'b'], host: '...'}
 */
export function requestHeadersOf(req: NodeRequestHeaders): RequestHeaders {
    const headers = req.headers;
    // rawHeaders holds a name and a value per line: as many lines as names means nothing repeated,
    // the usual case, which then costs a count and no copy.
    let names = 0;
    for (const _ in headers) names++;
    if (names * 2 === req.rawHeaders.length) return headers;
    const distinct = req.headersDistinct;
    const out: RequestHeaders = {};
    for (const name in headers) {
        const values = distinct[name];
        out[name] = values !== undefined && values.length > 1 && name !== 'cookie' ? values : headers[name];
    }
    return out;
}
