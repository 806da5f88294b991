import {acceptsUndefined, ErrorMetadata, ProcedureMetadata, RouteMetadata, TypeNode, typeNodeToString} from '@hookline/core';
import {ApiSnapshot, ApiSource, toSnapshot} from './api-snapshot.js';
import {isAssignable} from './type-compat.js';

/** The kinds of change {@link compareApis} reports. */
export type ApiChangeKind =
    | 'route-removed'
    | 'route-added'
    | 'route-moved'
    | 'get-removed'
    | 'get-added'
    | 'param-added'
    | 'param-removed'
    | 'param-made-required'
    | 'param-made-optional'
    | 'param-narrowed'
    | 'param-widened'
    | 'param-changed'
    | 'return-widened'
    | 'return-narrowed'
    | 'return-changed'
    | 'hook-added'
    | 'hook-removed'
    | 'error-added'
    | 'error-removed'
    | 'error-changed';

/** One difference between two versions of an API. */
export interface ApiChange {
    kind: ApiChangeKind;
    /** Whether a client written against the old version can fail against the new one. */
    breaking: boolean;
    /** The route it concerns. */
    routeId: string;
    /** What changed, in one line. */
    message: string;
}

/**
 * Compares two versions of an API (routers, snapshots from `apiSnapshot()`/`hookline-openapi
 * snapshot`, or bare metadata) and lists what changed for its clients, breaking changes first.
 * Breaking: a route removed or moved, GET taken away, a param added (required) or made required, a
 * param's type narrowed, a return type widened, a declared error added on the route's path, a hook
 * with params added or removed. Not breaking: a new route, an optional param added, a param
 * widened, a return type narrowed, an error no longer declared.
 *
 * @example
 * const breaking = compareApis(before, after).filter((c) => c.breaking);
 * if (breaking.length > 0) throw new Error(breaking.map((c) => c.message).join('\n'));
 */
export function compareApis(before: ApiSource, after: ApiSource): ApiChange[] {
    const a = toSnapshot(before);
    const b = toSnapshot(after);
    const changes: ApiChange[] = [];
    for (const [id, old] of Object.entries(a.routes)) {
        const now = b.routes[id];
        if (now === undefined) changes.push(change('route-removed', true, id, `route ${id} removed`));
        else compareRoute(a, b, old, now, changes);
    }
    for (const id of Object.keys(b.routes))
        if (a.routes[id] === undefined) changes.push(change('route-added', false, id, `route ${id} added`));
    return [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
}

/** The lines `hookline-openapi compare` prints: one per change, breaking ones marked. */
export function formatChanges(changes: ApiChange[]): string {
    if (changes.length === 0) return 'No changes for clients.';
    const breaking = changes.filter((c) => c.breaking).length;
    const lines = changes.map((c) => `${c.breaking ? 'BREAKING' : 'ok      '}  ${c.message}`);
    return `${lines.join('\n')}\n${breaking} breaking change${breaking === 1 ? '' : 's'}, ${changes.length - breaking} other${changes.length - breaking === 1 ? '' : 's'}.`;
}

function change(kind: ApiChangeKind, breaking: boolean, routeId: string, message: string): ApiChange {
    return {kind, breaking, routeId, message};
}

function compareRoute(a: ApiSnapshot, b: ApiSnapshot, old: RouteMetadata, now: RouteMetadata, out: ApiChange[]): void {
    const id = old.id;
    if (old.path !== now.path) out.push(change('route-moved', true, id, `route ${id} moved from ${old.path} to ${now.path}`));
    if (old.allowsGet && !now.allowsGet) out.push(change('get-removed', true, id, `route ${id} no longer answers GET`));
    if (!old.allowsGet && now.allowsGet) out.push(change('get-added', false, id, `route ${id} now answers GET`));
    compareParams(a, b, old, now, id, out);
    compareReturns(old.returns, now.returns, id, `route ${id}`, out);
    // A stream's items are values a client reads like a return value; a route that starts or stops
    // streaming changes what every client reads.
    if (old.stream !== undefined && now.stream !== undefined)
        compareReturns(old.stream.item, now.stream.item, id, `route ${id} items`, out);
    else if (old.stream !== undefined || now.stream !== undefined)
        out.push(change('return-changed', true, id, `route ${id} ${now.stream === undefined ? 'no longer streams' : 'now streams'}`));
    const oldHooks = new Map(old.hooks.map((h) => [h, a.hooks[h]]));
    const newHooks = new Map(now.hooks.map((h) => [h, b.hooks[h]]));
    for (const [hookId, hook] of oldHooks) {
        const next = newHooks.get(hookId);
        if (hook === undefined) continue;
        if (next === undefined) {
            // A client still sends its params (a body key the router now refuses) or its header (ignored).
            const sent = hook.params.length > 0 && hook.headerName === undefined;
            out.push(
                change(
                    'hook-removed',
                    sent,
                    id,
                    `route ${id}: hook ${hookId} no longer on its path${sent ? ' (clients still send its params)' : ''}`,
                ),
            );
        } else {
            compareParams(a, b, hook, next, id, out);
            if (hook.returnsData || next.returnsData) compareReturns(hook.returns, next.returns, id, `route ${id}: hook ${hookId}`, out);
        }
    }
    for (const [hookId, hook] of newHooks) {
        if (hook === undefined || oldHooks.has(hookId)) continue;
        const required = requiredCount(b, hook) > 0;
        const what = hook.headerName === undefined ? 'params' : `the header ${hook.headerName}`;
        out.push(change('hook-added', required, id, `route ${id}: hook ${hookId} added${required ? `, it needs ${what}` : ''}`));
    }
    compareErrors(old.errors ?? [], now.errors ?? [], id, out);
}

function requiredCount(api: ApiSnapshot, p: ProcedureMetadata): number {
    let min = 0;
    p.params.forEach((_t, i) => {
        if (!isOptional(api, p, i)) min = i + 1;
    });
    return min;
}

function isOptional(api: ApiSnapshot, p: ProcedureMetadata, i: number): boolean {
    const type = p.params[i];
    return api.optionalParams[p.id]?.[i] === true || type === undefined || acceptsUndefined(type);
}

function compareParams(
    a: ApiSnapshot,
    b: ApiSnapshot,
    old: ProcedureMetadata,
    now: ProcedureMetadata,
    routeId: string,
    out: ApiChange[],
): void {
    const who = old.kind === 'route' ? `route ${routeId}` : `route ${routeId}: hook ${old.id}`;
    const oldMin = requiredCount(a, old);
    const newMin = requiredCount(b, now);
    const count = Math.max(old.params.length, now.params.length);
    for (let i = 0; i < count; i++) {
        const name = now.paramNames[i] ?? old.paramNames[i] ?? String(i);
        const what = `${who}: param ${i + 1} "${name}"`;
        const before = old.params[i];
        const after = now.params[i];
        if (before === undefined && after !== undefined) {
            const required = i < newMin;
            out.push(
                change(
                    'param-added',
                    required,
                    routeId,
                    `${what} added${required ? ' (required)' : ' (optional)'}: ${typeNodeToString(after)}`,
                ),
            );
            continue;
        }
        if (after === undefined && before !== undefined) {
            out.push(change('param-removed', true, routeId, `${what} removed (clients still send it)`));
            continue;
        }
        if (before === undefined || after === undefined) continue;
        if (i >= oldMin && i < newMin) out.push(change('param-made-required', true, routeId, `${what} made required`));
        if (i < oldMin && i >= newMin) out.push(change('param-made-optional', false, routeId, `${what} made optional`));
        const accepted = isAssignable(before, after, true);
        const widened = isAssignable(after, before, true);
        if (accepted && widened) continue;
        const types = `${typeNodeToString(before)} -> ${typeNodeToString(after)}`;
        if (accepted) out.push(change('param-widened', false, routeId, `${what} widened: ${types}`));
        else if (widened) out.push(change('param-narrowed', true, routeId, `${what} narrowed: ${types}`));
        else out.push(change('param-changed', true, routeId, `${what} changed: ${types}`));
    }
}

function compareReturns(before: TypeNode, after: TypeNode, routeId: string, who: string, out: ApiChange[]): void {
    const expected = isAssignable(after, before, false);
    const narrower = isAssignable(before, after, false);
    if (expected && narrower) return;
    const types = `${typeNodeToString(before)} -> ${typeNodeToString(after)}`;
    if (expected) out.push(change('return-narrowed', false, routeId, `${who}: return type narrowed: ${types}`));
    else if (narrower) out.push(change('return-widened', true, routeId, `${who}: return type widened: ${types}`));
    else out.push(change('return-changed', true, routeId, `${who}: return type changed: ${types}`));
}

function compareErrors(before: ErrorMetadata[], after: ErrorMetadata[], routeId: string, out: ApiChange[]): void {
    const key = (e: ErrorMetadata): string => `${e.procedureId}\u0000${e.name}`;
    const old = new Map(before.map((e) => [key(e), e]));
    const now = new Map(after.map((e) => [key(e), e]));
    for (const [k, e] of now) {
        const was = old.get(k);
        const where = e.procedureId === routeId ? '' : ` (by ${e.procedureId})`;
        if (was === undefined) out.push(change('error-added', true, routeId, `route ${routeId}: error "${e.name}" declared${where}`));
        else if (was.statusCode !== e.statusCode || !isAssignable(e.errorData, was.errorData, false))
            out.push(change('error-changed', true, routeId, `route ${routeId}: error "${e.name}"${where} changed its status or errorData`));
    }
    for (const [k, e] of old)
        if (!now.has(k)) out.push(change('error-removed', false, routeId, `route ${routeId}: error "${e.name}" no longer declared`));
}
