import {ServerResponse} from 'node:http';
import {RouterResponse} from '@hookline/router';

/**
 * Writes the router's response to Node's. Respects a raw hook that already wrote: if headers
 * were sent, only the body follows; if the response was ended, nothing is written.
 * `content-length` counts bytes.
 */
export function writeResponse(res: ServerResponse, response: RouterResponse): void {
    if (res.writableEnded || res.destroyed) return;
    if (res.headersSent) {
        res.end(response.body);
        return;
    }
    const headers = response.headers;
    headers['content-length'] = String(Buffer.byteLength(response.body));
    res.writeHead(response.statusCode, headers);
    res.end(response.body);
}
