import {RouterRequest} from '@hookline/router';
import {KindedEvent} from './event-kind.js';
import {requestHeadersOf} from './headers.js';

/** How the URL path of an event maps to the router's path. */
export interface PathOptions {
    /**
     * Strip the API Gateway stage from the front of the path when the event's path carries it
     * (HTTP APIs on a named stage: `/prod/users/getUser`). Never for the `$default` stage.
     * Default `true`.
     */
    stripStage?: boolean;
    /** A path prefix to strip, e.g. a custom domain's API mapping key: `'/v1'` turns `/v1/users/getUser` into `/users/getUser`. */
    basePath?: string;
}

/** Normalizes a base path option to `''` or `/a/b` (leading slash, no trailing one). */
export function normalizeBasePath(basePath: string | undefined): string {
    if (basePath === undefined) return '';
    const trimmed = basePath.replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `/${trimmed}`;
}

function stripPrefix(path: string, prefix: string): string {
    if (prefix === '' || !path.startsWith(prefix)) return path;
    if (path.length === prefix.length) return '/';
    return path.charCodeAt(prefix.length) === 47 /* / */ ? path.slice(prefix.length) : path;
}

function stageOf(stage: unknown): string {
    return typeof stage === 'string' && stage !== '$default' ? stage : '';
}

/**
 * The router's path for an event. HTTP APIs: `rawPath` (as sent, not decoded), less a named
 * stage. REST (payload 1.0): `path`, which never carries the stage on REST APIs; an HTTP API
 * sending payload 1.0 puts the stage in it, and then `requestContext.path` equals `path` and the
 * stage is stripped. ALB: `path` (its query values are not decoded, and are not read). No host
 * is ever read. Then `basePath` is stripped.
 *
 * @example
 * pathOf({kind: 'v2', event: {version: '2.0', rawPath: '/prod/users/getUser', requestContext: {stage: 'prod', http: {method: 'GET'}}}}); // '/users/getUser'
 */
export function pathOf(k: KindedEvent, options: PathOptions = {}): string {
    let path: string;
    let stage = '';
    if (k.kind === 'v2' || k.kind === 'url') {
        const rc = k.event.requestContext;
        path = k.event.rawPath ?? rc.http.path ?? '/';
        stage = stageOf(rc.stage);
    } else if (k.kind === 'v1') {
        path = k.event.path ?? '/';
        const rc = k.event.requestContext;
        if (rc?.path === path) stage = stageOf(rc.stage);
    } else path = k.event.path ?? '/';
    const q = path.indexOf('?');
    if (q !== -1) path = path.slice(0, q);
    if (stage !== '' && options.stripStage !== false) path = stripPrefix(path, `/${stage}`);
    path = stripPrefix(path, normalizeBasePath(options.basePath));
    return path === '' ? '/' : path;
}

/** The HTTP method of an event, upper case. */
export function methodOf(k: KindedEvent): string {
    const method = k.kind === 'v2' || k.kind === 'url' ? k.event.requestContext.http.method : k.event.httpMethod;
    return method.toUpperCase();
}

/**
 * Converts an event (and its decoded body) to the router's request.
 *
 * @example
 * const k = kindedEvent(event);
 * if (k !== undefined) router.dispatch(toRouterRequest(k, '{"sum":[1,2]}'), event, context);
 */
export function toRouterRequest(k: KindedEvent, body: string | Uint8Array | undefined, options: PathOptions = {}): RouterRequest {
    return {method: methodOf(k), path: pathOf(k, options), headers: requestHeadersOf(k), body};
}
