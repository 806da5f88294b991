// Serializers composed of closures: the same output as the generated serializers of type-code.ts,
// built from a TypeNode without generating code. Used on a compact compiled module (no code in
// it, and none may be generated at runtime), where a module holding code for thousands of
// distinct types would cost more to parse at startup than the closures cost per call.
import {ObjectTypeNode, TypeNode} from '@hookline/core';
import {dateJson, isPlainJson, mostSpecificFirst, refuse, Serializer, stringJson, toJson} from './type-code.js';
import {acceptsUndefined, collectRefTargets, Guard, isValidDate, ValidatorBuilder} from './validator.js';

type Writer = (v: unknown) => string;

const writeString: Writer = (v) => (typeof v === 'string' ? stringJson(v) : refuse(v, 'string'));
const writeNumber: Writer = (v) => (typeof v === 'number' && Number.isFinite(v) ? `${v}` : refuse(v, 'a finite number'));
const writeBoolean: Writer = (v) => (v === true ? 'true' : v === false ? 'false' : refuse(v, 'boolean'));
const writeDate: Writer = (v) => (isValidDate(v) ? dateJson(v) : refuse(v, 'a valid Date'));
const hasOwn = Object.prototype.hasOwnProperty;

/** Builds the serializer of a type as closures (no code generated). */
export function buildValueWriter(root: TypeNode): Serializer {
    const refs = collectRefTargets(root);
    const guards = new ValidatorBuilder(root, 'value');
    const refWriters = new Map<string, Writer>();

    const build = (node: TypeNode): Writer => {
        switch (node.kind) {
            case 'string':
                return writeString;
            case 'number':
                return writeNumber;
            case 'boolean':
                return writeBoolean;
            case 'date':
                return writeDate;
            case 'literal': {
                const value = node.value;
                const text = JSON.stringify(value);
                return (v) => (v === value ? text : refuse(v, text));
            }
            case 'array': {
                const item = build(node.items);
                return (v) => {
                    if (!Array.isArray(v)) refuse(v, 'an array');
                    let out = '[';
                    for (let i = 0; i < v.length; i++) {
                        if (i > 0) out += ',';
                        const x: unknown = v[i];
                        out += x === undefined ? 'null' : item(x);
                    }
                    return out + ']';
                };
            }
            case 'tuple': {
                const fixed = node.items.filter((m) => !m.rest).map((m) => build(m.type));
                const restMember = node.items.find((m) => m.rest);
                const rest = restMember === undefined ? undefined : build(restMember.type);
                return (v) => {
                    if (!Array.isArray(v)) refuse(v, 'a tuple');
                    if (rest === undefined && v.length > fixed.length) refuse(v, `a tuple of ${fixed.length}`);
                    let out = '[';
                    for (let i = 0; i < v.length; i++) {
                        if (i > 0) out += ',';
                        const x: unknown = v[i];
                        out += x === undefined ? 'null' : (i < fixed.length ? (fixed[i] as Writer) : (rest as Writer))(x);
                    }
                    return out + ']';
                };
            }
            case 'object':
                return node.refId === undefined ? objectWriter(node) : refWriter(node.refId);
            case 'ref':
                return refWriter(node.ref);
            case 'union': {
                if (isPlainJson(node)) return toJson;
                const members: {is: Guard; write: Writer}[] = mostSpecificFirst(node.members, refs)
                    .filter((m) => m.kind !== 'undefined' && m.kind !== 'never')
                    .map((m) => ({is: guards.guard(m), write: build(m)}));
                const expected = node.members.map((m) => m.kind).join(' | ');
                return (v) => {
                    for (const m of members) if (m.is(v)) return m.write(v);
                    return refuse(v, expected);
                };
            }
            default:
                return toJson;
        }
    };

    const refWriter = (ref: string): Writer => {
        const existing = refWriters.get(ref);
        if (existing !== undefined) return existing;
        const target = refs.get(ref);
        if (target === undefined) return toJson;
        // Registered before it is built, so the recursive members find it.
        const holder: {self?: Writer} = {};
        const lazy: Writer = (v) => (holder.self as Writer)(v);
        refWriters.set(ref, lazy);
        holder.self = objectWriter(target);
        return lazy;
    };

    const objectWriter = (node: ObjectTypeNode): Writer => {
        const props = node.props.map((p) => ({
            name: p.name,
            key: `${JSON.stringify(p.name)}:`,
            // Names like Object.prototype members are read as own properties only.
            own: p.name in Object.prototype,
            required: !p.optional && !acceptsUndefined(p.type),
            opaque: p.type.kind === 'any' || p.type.kind === 'unknown',
            write: build(p.type),
        }));
        const names = new Set(node.props.map((p) => p.name));
        const index = node.index === undefined ? undefined : build(node.index);
        const indexOpaque = node.index !== undefined && (node.index.kind === 'any' || node.index.kind === 'unknown');
        const member = (write: Writer, opaque: boolean, x: unknown): string | undefined =>
            opaque ? (JSON.stringify(x) as string | undefined) : write(x);
        return (v) => {
            if (typeof v !== 'object' || v === null || Array.isArray(v)) refuse(v, 'an object');
            const o = v as Record<string, unknown>;
            let out = '';
            let c = '{';
            for (const p of props) {
                const x = p.own ? (hasOwn.call(o, p.name) ? o[p.name] : undefined) : o[p.name];
                if (x === undefined) {
                    if (p.required) refuse(x, `property ${p.name}`);
                    continue;
                }
                const text = member(p.write, p.opaque, x);
                if (text === undefined) continue;
                out += c + p.key + text;
                c = ',';
            }
            if (index !== undefined) {
                for (const k in o) {
                    if (!hasOwn.call(o, k) || names.has(k)) continue;
                    const x = o[k];
                    if (x === undefined) continue;
                    const text = member(index, indexOpaque, x);
                    if (text === undefined) continue;
                    out += `${c}${JSON.stringify(k)}:${text}`;
                    c = ',';
                }
            }
            return c === '{' ? '{}' : out + '}';
        };
    };

    return root.kind === 'any' || root.kind === 'unknown' ? toJson : build(root);
}
