import {ServerResponse} from 'node:http';
import {isJsonOnlyHeaders, JSON_CONTENT_TYPE, RouterResponse} from '@hookline/router';

/**
 * Writes the router's response to Node's. Respects a raw hook that already wrote: if headers
 * were sent, only the body follows; if the response was ended, nothing is written.
 * `content-length` counts bytes. The router's `headers` are left as they are.
 */
export function writeResponse(res: ServerResponse, response: RouterResponse): void {
    if (res.writableEnded || res.destroyed) return;
    if (res.headersSent) {
        res.end(response.body);
        return;
    }
    const headers = response.headers;
    const length = Buffer.byteLength(response.body);
    // The router's headers are not changed (a call that set none shares one frozen object): the
    // usual ones are written as a literal of the one shape, the others copied with the length.
    res.writeHead(
        response.statusCode,
        isJsonOnlyHeaders(headers) ? {'content-type': JSON_CONTENT_TYPE, 'content-length': length} : {...headers, 'content-length': length},
    );
    res.end(response.body);
}
