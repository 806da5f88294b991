import {ServerResponse} from 'node:http';
import {RouterResponse} from '@hookline/router';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Whether the headers are `content-type: application/json; charset=utf-8` and nothing else. */
function isJsonOnly(headers: Record<string, string>): boolean {
    if (headers['content-type'] !== JSON_CONTENT_TYPE) return false;
    let count = 0;
    for (const _ in headers) if (++count > 1) return false;
    return true;
}

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
        isJsonOnly(headers) ? {'content-type': JSON_CONTENT_TYPE, 'content-length': length} : {...headers, 'content-length': length},
    );
    res.end(response.body);
}
