import {ApiMetadata, ProcedureMetadata, RouteMetadata} from '@hookline/core';
import {Routes, isHeaderHookDef, isHookDef, isRawHookDef, isRouteDef} from './definitions.js';
import {ExecutionPath} from './execution-path.js';
import {Procedure} from './procedure.js';

/** The metadata of one procedure: what a client sends it and gets back. */
export function procedureMetadata(p: Procedure): ProcedureMetadata {
    const meta: ProcedureMetadata = {
        id: p.id,
        kind: p.kind === 'internal' ? 'hook' : p.kind,
        paramNames: p.params.map((x) => x.name),
        params: p.params.map((x) => x.type),
        returns: p.returnType.node,
        returnsData: p.returnsData,
    };
    if (p.headerName !== undefined) meta.headerName = p.headerName;
    if (p.description !== undefined) meta.description = p.description;
    return meta;
}

/** Whether a client has something to send to, or read from, a hook. */
export function isClientVisibleHook(p: Procedure): boolean {
    return (
        p.kind !== 'route' && p.kind !== 'internal' && p.kind !== 'rawHook' && (p.usesBody || p.returnsData || p.headerName !== undefined)
    );
}

/** The metadata of one route, with the hooks of its execution path a client deals with. */
export function routeMetadata(ep: ExecutionPath): RouteMetadata {
    return {
        ...procedureMetadata(ep.route),
        kind: 'route',
        path: ep.path,
        allowsGet: ep.allowsGet,
        hooks: ep.procedures.filter(isClientVisibleHook).map((p) => p.id),
    };
}

/** The document served by the metadata route. */
export function apiMetadata(prefix: string, suffix: string, paths: Iterable<ExecutionPath>, procedures: Iterable<Procedure>): ApiMetadata {
    const routes: Record<string, RouteMetadata> = {};
    const hooks: Record<string, ProcedureMetadata> = {};
    for (const ep of paths) if (!ep.id.startsWith('@')) routes[ep.id] = routeMetadata(ep);
    for (const p of procedures) if (isClientVisibleHook(p)) hooks[p.id] = procedureMetadata(p);
    return {version: 1, prefix, suffix, routes, hooks};
}

/**
 * Builds the runtime value of the api spec: the routes tree with metadata at the leaves. With
 * `lazy`, leaves are getters that compile their route on first read.
 */
export function apiSpecTree(
    routes: Routes,
    parentId: string,
    metadataOf: (id: string) => object | undefined,
    lazy: boolean,
): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(routes)) {
        const id = parentId === '' ? key : `${parentId}/${key}`;
        const isLeaf =
            typeof value === 'function' || isRouteDef(value) || isHookDef(value) || isHeaderHookDef(value) || isRawHookDef(value);
        if (!isLeaf) out[key] = apiSpecTree(value, id, metadataOf, lazy);
        else if (!lazy) out[key] = metadataOf(id);
        else {
            let memo: object | undefined;
            Object.defineProperty(out, key, {enumerable: true, configurable: true, get: () => (memo ??= metadataOf(id))});
        }
    }
    return out;
}
