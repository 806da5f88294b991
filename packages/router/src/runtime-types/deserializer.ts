import {TypeNode} from '@hookline/core';
import {collectRefTargets, dateFromIso, Guard, ValidatorBuilder} from './validator.js';

/** Turns a validated JSON value into its declared type (ISO strings into `Date`s), in place. */
export type Deserializer = (value: unknown) => unknown;

/** Whether values of this type hold something JSON can't carry as is (a Date, at any depth). */
export function needsDeserialization(node: TypeNode, refs = collectRefTargets(node), seen = new Set<string>()): boolean {
    switch (node.kind) {
        case 'date':
            return true;
        case 'array':
            return needsDeserialization(node.items, refs, seen);
        case 'tuple':
            return node.items.some((m) => needsDeserialization(m.type, refs, seen));
        case 'union':
            return node.members.some((m) => needsDeserialization(m, refs, seen));
        case 'object':
            if (node.refId !== undefined) seen.add(node.refId);
            return (
                node.props.some((p) => needsDeserialization(p.type, refs, seen)) ||
                (node.index !== undefined && needsDeserialization(node.index, refs, seen))
            );
        case 'ref': {
            if (seen.has(node.ref)) return false;
            const target = refs.get(node.ref);
            return target !== undefined && needsDeserialization(target, refs, seen);
        }
        default:
            return false;
    }
}

/**
 * Builds the deserializer of a type, or `undefined` when there is nothing to do (the parsed
 * JSON already is the value). Run it only on values that passed the JSON guard.
 */
export function buildDeserializer(root: TypeNode): Deserializer | undefined {
    const refs = collectRefTargets(root);
    const guards = new ValidatorBuilder(root, 'json');
    const refDeserializers = new Map<string, Deserializer>();

    const build = (node: TypeNode): Deserializer | undefined => {
        if (!needsDeserialization(node, refs)) return undefined;
        switch (node.kind) {
            // The type checks below only matter with validation off: then bad input reaches here,
            // and it must stay bad input for the handler, never crash the deserializer.
            case 'date':
                return dateFromIso;
            case 'array': {
                const item = build(node.items) as Deserializer;
                return (v) => {
                    if (!Array.isArray(v)) return v;
                    for (let i = 0; i < v.length; i++) v[i] = item(v[i]);
                    return v;
                };
            }
            case 'tuple': {
                const items = node.items.map((m) => build(m.type));
                const rest = node.items.findIndex((m) => m.rest);
                return (v) => {
                    if (!Array.isArray(v)) return v;
                    for (let i = 0; i < v.length; i++) {
                        const d = rest >= 0 && i >= rest ? items[rest] : items[i];
                        if (d !== undefined && v[i] !== undefined) v[i] = d(v[i]);
                    }
                    return v;
                };
            }
            case 'union': {
                // Dates first, so `Date | string` turns a date string into a Date.
                const ordered = [...node.members].sort((a, b) => Number(b.kind === 'date') - Number(a.kind === 'date'));
                const members: {guard: Guard; d: Deserializer | undefined}[] = ordered.map((m) => ({guard: guards.guard(m), d: build(m)}));
                return (v) => {
                    for (const m of members) if (m.guard(v)) return m.d === undefined ? v : m.d(v);
                    return v;
                };
            }
            case 'object': {
                if (node.refId !== undefined && refDeserializers.has(node.refId)) return refDeserializers.get(node.refId);
                // Registered before the props are built, so recursive refs find it.
                const holder: {self?: Deserializer} = {};
                if (node.refId !== undefined) refDeserializers.set(node.refId, (v) => (holder.self as Deserializer)(v));
                const props = node.props.flatMap((p) => {
                    const d = build(p.type);
                    return d === undefined ? [] : [{name: p.name, d}];
                });
                const names = new Set(node.props.map((p) => p.name));
                const index = node.index === undefined ? undefined : build(node.index);
                holder.self = (v) => {
                    if (typeof v !== 'object' || v === null) return v;
                    const o = v as Record<string, unknown>;
                    for (const p of props) {
                        if (Object.prototype.hasOwnProperty.call(o, p.name) && o[p.name] !== undefined) o[p.name] = p.d(o[p.name]);
                    }
                    if (index !== undefined) for (const k of Object.keys(o)) if (!names.has(k)) o[k] = index(o[k]);
                    return o;
                };
                return holder.self;
            }
            case 'ref': {
                const ref = node.ref;
                return (v) => {
                    let d = refDeserializers.get(ref);
                    if (d === undefined) {
                        const target = refs.get(ref);
                        d = (target === undefined ? undefined : build(target)) ?? ((x: unknown) => x);
                    }
                    return d(v);
                };
            }
            default:
                return undefined;
        }
    };
    return build(root);
}
