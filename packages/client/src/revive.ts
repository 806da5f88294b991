import {acceptsUndefined, collectRefTargets, ErrorMetadata, ObjectTypeNode, TypeNode} from '@hookline/core';

/** Turns a value parsed from JSON into its declared type (ISO strings into `Date`s), in place where it can. */
export type Reviver = (value: unknown) => unknown;

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * Builds the reviver of a type, or `undefined` when nothing in it needs reviving (no `Date`):
 * the common case costs nothing per call.
 */
export function compileReviver(root: TypeNode): Reviver | undefined {
    const refs = collectRefTargets(root);
    const byRef = new Map<string, Reviver | undefined>();
    // Whether a type holds a Date somewhere; `seen` stops at recursive references.
    const hasDate = (n: TypeNode, seen: Set<string>): boolean => {
        switch (n.kind) {
            case 'date':
                return true;
            case 'array':
                return hasDate(n.items, seen);
            case 'tuple':
                return n.items.some((m) => hasDate(m.type, seen));
            case 'union':
                return n.members.some((m) => hasDate(m, seen));
            case 'ref': {
                const target = refs.get(n.ref);
                if (target === undefined || seen.has(n.ref)) return false;
                return hasDate(target, new Set(seen).add(n.ref));
            }
            case 'object':
                if (n.refId !== undefined) seen = new Set(seen).add(n.refId);
                return n.props.some((p) => hasDate(p.type, seen)) || (n.index !== undefined && hasDate(n.index, seen));
            default:
                return false;
        }
    };
    // Whether `v` is the JSON form of the type: how a union member is picked.
    const fits = (n: TypeNode, v: unknown): boolean => {
        switch (n.kind) {
            case 'any':
            case 'unknown':
                return true;
            case 'date':
                return typeof v === 'string' && !Number.isNaN(Date.parse(v));
            case 'string':
            case 'number':
            case 'boolean':
            case 'undefined':
                return typeof v === n.kind;
            case 'null':
                return v === null;
            case 'literal':
                return v === n.value;
            case 'array':
                return Array.isArray(v) && v.every((x) => fits(n.items, x));
            case 'tuple':
                return (
                    Array.isArray(v) &&
                    (v.length <= n.items.length || n.items.some((m) => m.rest)) &&
                    n.items.every((m, i) =>
                        m.rest
                            ? v.slice(i).every((x) => fits(m.type, x))
                            : v[i] === undefined
                              ? m.optional || acceptsUndefined(m.type)
                              : fits(m.type, v[i]),
                    )
                );
            case 'union':
                return n.members.some((m) => fits(m, v));
            case 'ref': {
                const target = refs.get(n.ref);
                return target === undefined || fits(target, v);
            }
            case 'object':
                return (
                    isObject(v) &&
                    n.props.every((p) => {
                        const x = own(v, p.name);
                        return x === undefined ? p.optional || acceptsUndefined(p.type) : fits(p.type, x);
                    }) &&
                    Object.keys(v).every((k) => n.props.some((p) => p.name === k) || (n.index !== undefined && fits(n.index, v[k])))
                );
            default:
                return false;
        }
    };
    const build = (n: TypeNode): Reviver | undefined => {
        if (!hasDate(n, new Set())) return undefined;
        switch (n.kind) {
            case 'date':
                return (v) => (typeof v === 'string' ? new Date(v) : v);
            case 'array': {
                const item = build(n.items) as Reviver;
                return (v) => (Array.isArray(v) ? v.map(item) : v);
            }
            case 'tuple': {
                const items = n.items.map((m) => build(m.type));
                const restAt = n.items.findIndex((m) => m.rest);
                return (v) => {
                    if (!Array.isArray(v)) return v;
                    return v.map((x, i) => {
                        const r = restAt >= 0 && i >= restAt ? items[restAt] : items[i];
                        return r === undefined || x === undefined ? x : r(x);
                    });
                };
            }
            case 'union': {
                // Members needing nothing are tried first: a string that could be a Date stays a
                // string when the type also allows a plain string (the wire can't tell them apart).
                const members = n.members.map((m) => ({type: m, revive: build(m)})).sort((a, b) => Number(!!a.revive) - Number(!!b.revive));
                return (v) => {
                    for (const m of members) if (fits(m.type, v)) return m.revive === undefined ? v : m.revive(v);
                    return v;
                };
            }
            case 'ref':
                return (v) => ofRef(n.ref)?.(v) ?? v;
            case 'object':
                return n.refId === undefined ? objectReviver(n) : (v) => ofRef(n.refId as string)?.(v) ?? v;
            default:
                return undefined;
        }
    };
    const ofRef = (ref: string): Reviver | undefined => {
        if (!byRef.has(ref)) {
            byRef.set(ref, undefined);
            const target = refs.get(ref);
            if (target !== undefined) byRef.set(ref, objectReviver(target));
        }
        return byRef.get(ref);
    };
    const objectReviver = (n: ObjectTypeNode): Reviver => {
        const props = n.props.flatMap((p) => {
            const revive = build(p.type);
            return revive === undefined ? [] : [{name: p.name, revive}];
        });
        const index = n.index === undefined ? undefined : build(n.index);
        return (v) => {
            if (!isObject(v)) return v;
            for (const p of props) {
                const x = own(v, p.name);
                if (x !== undefined) v[p.name] = p.revive(x);
            }
            if (index !== undefined) for (const k of Object.keys(v)) if (!n.props.some((p) => p.name === k)) v[k] = index(v[k]);
            return v;
        };
    };
    return build(root);
}

/**
 * The reviver of the `errorData` of each error declared on a route's path, by procedure id and
 * error name (`procedureId\0name`); empty when nothing declared needs reviving.
 */
export function compileErrorRevivers(errors: readonly ErrorMetadata[] | undefined): Map<string, Reviver> {
    const out = new Map<string, Reviver>();
    for (const e of errors ?? []) {
        const revive = compileReviver(e.errorData);
        if (revive !== undefined) out.set(`${e.procedureId}\0${e.name}`, revive);
    }
    return out;
}
