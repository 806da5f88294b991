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
    if (p.stream !== undefined) meta.stream = {item: p.stream.item.node, result: p.stream.result.node};
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
    const meta: RouteMetadata = {
        ...procedureMetadata(ep.route),
        kind: 'route',
        path: ep.path,
        allowsGet: ep.allowsGet,
        hooks: ep.procedures.filter(isClientVisibleHook).map((p) => p.id),
    };
    if (ep.errors !== undefined) meta.errors = [...ep.errors];
    return meta;
}

/** The document served by the metadata route. */
export function apiMetadata(prefix: string, suffix: string, paths: Iterable<ExecutionPath>, procedures: Iterable<Procedure>): ApiMetadata {
    const routes: Record<string, RouteMetadata> = {};
    const hooks: Record<string, ProcedureMetadata> = {};
    for (const ep of paths) if (!ep.id.startsWith('@')) routes[ep.id] = routeMetadata(ep);
    for (const p of procedures) if (isClientVisibleHook(p)) hooks[p.id] = procedureMetadata(p);
    return {version: 1, prefix, suffix, routes, hooks};
}

function isLeaf(value: unknown): boolean {
    return typeof value === 'function' || isRouteDef(value) || isHookDef(value) || isHeaderHookDef(value) || isRawHookDef(value);
}

/**
 * Builds the runtime value of the api spec: the routes tree with metadata at the leaves. With
 * `lazy`, it is a read-only view that compiles a route when its leaf is first read (nothing is
 * built per route at registration).
 */
export function apiSpecTree(
    routes: Routes,
    parentId: string,
    metadataOf: (id: string) => object | undefined,
    lazy: boolean,
): Record<string, unknown> {
    if (lazy) return lazySpecTree(routes, parentId, metadataOf);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(routes)) {
        const id = parentId === '' ? key : `${parentId}/${key}`;
        out[key] = isLeaf(value) ? metadataOf(id) : apiSpecTree(value as Routes, id, metadataOf, false);
    }
    return out;
}

function lazySpecTree(routes: Routes, parentId: string, metadataOf: (id: string) => object | undefined): Record<string, unknown> {
    const cache = new Map<string, unknown>();
    const own = (key: PropertyKey): key is string => typeof key === 'string' && Object.prototype.hasOwnProperty.call(routes, key);
    const resolve = (key: string): unknown => {
        if (cache.has(key)) return cache.get(key);
        const value = routes[key];
        const id = parentId === '' ? key : `${parentId}/${key}`;
        const out = isLeaf(value) ? metadataOf(id) : lazySpecTree(value as Routes, id, metadataOf);
        cache.set(key, out);
        return out;
    };
    return new Proxy<Record<string, unknown>>(
        {},
        {
            get: (_target, key) => (own(key) ? resolve(key) : undefined),
            has: (_target, key) => own(key),
            ownKeys: () => Object.keys(routes),
            getOwnPropertyDescriptor: (_target, key) =>
                own(key) ? {value: resolve(key), enumerable: true, configurable: true, writable: false} : undefined,
            set: () => false,
            defineProperty: () => false,
            deleteProperty: () => false,
        },
    );
}
