import {RouterResponse} from '@hookline/router';

/**
 * Converts the router's response to a `Response`. The runtime sets `content-length` (it counts
 * the UTF-8 bytes itself) and owns the connection, so the router's `connection: close` (on a 413)
 * is left out: a handler can't close the connection, and the runtime decides what to do with a
 * body it was not asked to read.
 *
 * @example
 * toResponse({statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}, body: '{"hello":"world"}'});
 */
export function toResponse(response: RouterResponse): Response {
    let headers = response.headers;
    if (headers.connection !== undefined) {
        headers = {...headers};
        delete headers.connection;
    }
    return new Response(response.body, {status: response.statusCode, headers});
}
