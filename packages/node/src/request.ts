import {IncomingMessage} from 'node:http';
import {RouterRequest} from '@hookline/router';
import {requestHeadersOf} from './headers.js';

/** The path of a request target, without query string (origin-form `/a/b?x` or absolute-form `http://h/a/b?x`). */
export function pathOf(url: string | undefined): string {
    if (url === undefined || url === '') return '/';
    if (url.charCodeAt(0) === 47 /* / */) {
        const q = url.indexOf('?');
        return q === -1 ? url : url.slice(0, q);
    }
    try {
        return new URL(url).pathname;
    } catch {
        return url;
    }
}

/** Converts Node's request (and its read body) to the router's request; a repeated header is the array of its values. */
export function toRouterRequest(req: IncomingMessage, body: string | Uint8Array | undefined): RouterRequest {
    return {method: req.method ?? 'GET', path: pathOf(req.url), headers: requestHeadersOf(req), body};
}
