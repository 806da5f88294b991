import {acceptsUndefined, ApiMetadata, ProcedureMetadata} from '@hookline/core';
import {Router} from '@hookline/router';

/**
 * An API as the OpenAPI writer and the breaking-change check read it: the router's metadata
 * (what `GET {prefix}/@metadata` serves), plus what only the router knows: which params are
 * optional, and each route's `meta`. Plain JSON: write it to a file with `hookline-openapi
 * snapshot` and compare it with the next version's.
 */
export interface ApiSnapshot extends ApiMetadata {
    /** Which params of each procedure (route or hook) are optional, by id. */
    optionalParams: Record<string, boolean[]>;
    /** Each route's `meta` (`route(handler, {meta})`), by id, for routes that have one. */
    routeMeta: Record<string, Record<string, unknown>>;
}

/** What the writer and the check accept: a router, a snapshot, or bare metadata. */
export type ApiSource = Router | ApiSnapshot | ApiMetadata;

/**
 * The snapshot of a router's API (compiles every route). Route `meta` is kept as JSON (functions
 * and other non-JSON values in it are dropped).
 *
 * @example
 * writeFileSync('api-snapshot.json', JSON.stringify(apiSnapshot(router), null, 2));
 */
export function apiSnapshot(router: Router): ApiSnapshot {
    const metadata = router.getMetadata();
    const optionalParams: Record<string, boolean[]> = {};
    const routeMeta: Record<string, Record<string, unknown>> = {};
    for (const id of Object.keys(metadata.routes)) {
        const path = router.describe(id);
        if (path === undefined) continue;
        for (const step of path.steps) optionalParams[step.id] ??= step.params.map((p) => p.optional);
        const meta = JSON.parse(JSON.stringify(path.meta ?? {})) as Record<string, unknown>;
        if (Object.keys(meta).length > 0) routeMeta[id] = meta;
    }
    return {...metadata, optionalParams, routeMeta};
}

/** A router, whichever copy of @hookline/router made it (the CLI loads the entry's own). */
export function isRouter(value: unknown): value is Router {
    const r = value as Partial<Router> | null;
    return typeof r === 'object' && r !== null && typeof r.getMetadata === 'function' && typeof r.describe === 'function';
}

/** The snapshot of any source: bare metadata gets the optional params it implies, and no meta. */
export function toSnapshot(source: ApiSource): ApiSnapshot {
    if (isRouter(source)) return apiSnapshot(source);
    if ('optionalParams' in source && 'routeMeta' in source) return source;
    const optionalParams: Record<string, boolean[]> = {};
    for (const p of [...Object.values(source.routes), ...Object.values(source.hooks)]) optionalParams[p.id] = impliedOptional(p);
    return {...source, optionalParams, routeMeta: {}};
}

/** Without the router: trailing params whose type accepts `undefined` may be left out (the protocol's rule). */
function impliedOptional(p: ProcedureMetadata): boolean[] {
    const optional = p.params.map(() => false);
    for (let i = p.params.length - 1; i >= 0 && acceptsUndefined(p.params[i] as ProcedureMetadata['params'][number]); i--)
        optional[i] = true;
    return optional;
}
