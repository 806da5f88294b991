// A dense text form of handler signatures, for compiled modules: a module of thousands of routes
// is parsed at every cold start, and TypeNode JSON spends most of its bytes on key names
// ("kind", "optional", "type"). This form is JSON too (arrays and one-letter tags), about a
// quarter of the size, and decodes back to the same TypeNodes. Type nodes, properties and params
// that several signatures of a module share are written once, in a table of shared nodes, and
// referred to by their index (a number, where a node or an entry is expected: no node is one).
import {ObjectTypeNode, PropertyNode, TupleMemberNode, TypeNode} from '@hookline/core';
import {ErrorSignature, HandlerSignature, ParamSignature} from './runtime-types/index.js';

/** A node of the dense form: one-letter tags, arrays, and numbers (flags, or references to shared nodes). */
export type Dense = string | Dense[] | number | boolean | null;

const simple: Record<string, TypeNode['kind']> = {
    a: 'any',
    u: 'unknown',
    v: 'never',
    s: 'string',
    n: 'number',
    b: 'boolean',
    l: 'null',
    d: 'undefined',
    D: 'date',
};
const simpleTags = Object.fromEntries(Object.entries(simple).map(([tag, kind]) => [kind, tag])) as Record<string, string>;

function encode(node: TypeNode): Dense {
    switch (node.kind) {
        case 'literal':
            return ['=', node.value];
        case 'array':
            return ['[', encode(node.items)];
        case 'tuple':
            return ['t', ...node.items.map((m): Dense => [encode(m.type), (m.optional ? 1 : 0) + (m.rest ? 2 : 0)])];
        case 'union':
            return ['|', ...node.members.map(encode)];
        case 'ref':
            return ['r', node.ref];
        case 'object':
            return [
                'o',
                node.name ?? null,
                node.props.map((p): Dense => [p.name, encode(p.type), p.optional ? 1 : 0]),
                node.index === undefined ? null : encode(node.index),
                node.refId ?? null,
            ];
        default:
            return simpleTags[node.kind] as string;
    }
}

function decode(dense: Dense, shared: readonly Dense[]): TypeNode {
    if (typeof dense === 'number') return decode(shared[dense] as Dense, shared);
    if (typeof dense === 'string') return {kind: simple[dense] as 'any'};
    const [tag, ...rest] = dense as Dense[];
    switch (tag) {
        case '=':
            return {kind: 'literal', value: rest[0] as string | number | boolean};
        case '[':
            return {kind: 'array', items: decode(rest[0] as Dense, shared)};
        case 't':
            return {
                kind: 'tuple',
                items: (rest as Dense[]).map((member): TupleMemberNode => {
                    const m = entry(member, shared);
                    const flags = m[1] as number;
                    return {type: decode(m[0] as Dense, shared), optional: (flags & 1) !== 0, rest: (flags & 2) !== 0};
                }),
            };
        case '|':
            return {kind: 'union', members: rest.map((m) => decode(m, shared))};
        case 'r':
            return {kind: 'ref', ref: rest[0] as string};
        default: {
            // 'o': the same key order as the reflecting converter writes, so both compare equal.
            const [name, props, index, refId] = rest as [string | null, Dense[], Dense, string | null];
            const node: ObjectTypeNode = {kind: 'object', props: []};
            if (name !== null) node.name = name;
            if (refId !== null) node.refId = refId;
            node.props = props.map((prop): PropertyNode => {
                const p = entry(prop, shared);
                return {name: p[0] as string, optional: p[2] === 1, type: decode(p[1] as Dense, shared)};
            });
            if (index !== null) node.index = decode(index, shared);
            return node;
        }
    }
}

/** An entry (a property, a param, a tuple member), or the index of a shared one. */
function entry(dense: Dense, shared: readonly Dense[]): Dense[] {
    return (typeof dense === 'number' ? shared[dense] : dense) as Dense[];
}

function denseSignature(signature: HandlerSignature): Dense[] {
    return [
        signature.params.map((p): Dense => [p.name, encode(p.type), p.optional ? 1 : 0]),
        encode(signature.returns),
        signature.returnsPromise ? 1 : 0,
        // Declared errors, only when there are some (or a stream follows: then 0 for none): a module without them reads as before.
        ...(signature.errors === undefined
            ? signature.stream === undefined
                ? []
                : [0]
            : [signature.errors.map((e): Dense => [e.name, e.statusCode ?? 0, encode(e.data)])]),
        // A streaming handler's item type (its final value's type is `returns`).
        ...(signature.stream === undefined ? [] : [encode(signature.stream.item)]),
    ];
}

/** Where a dense array sits: a type node, an entry (`[name, node, flags]`) or a tuple member (`[node, flags]`). */
type Shape = 'node' | 'entry' | 'member';
type Visit = (d: Dense[], shape: Shape) => Dense;

/** Calls `visit` on every node and entry of a dense signature that may be shared, and puts what it returns in its place. */
function mapSignature(signature: Dense[], visit: Visit): Dense[] {
    const node = (d: Dense): Dense => (Array.isArray(d) ? visit(d, 'node') : d);
    const [params, returns, promise, errors, item] = signature as [Dense[], Dense, Dense, Dense[] | 0 | undefined, Dense];
    const out: Dense[] = [params.map((p) => visit(p as Dense[], 'entry')), node(returns), promise];
    if (errors !== undefined)
        out.push(errors === 0 ? 0 : errors.map((e) => [...(e as Dense[]).slice(0, 2), node((e as Dense[])[2] as Dense)]));
    if (item !== undefined) out.push(node(item));
    return out;
}

/** The same dense array with `visit` called on each of its children that may be shared (one-letter tags are shorter than any reference). */
function mapChildren(d: Dense[], shape: Shape, visit: Visit): Dense[] {
    const node = (x: Dense): Dense => (Array.isArray(x) ? visit(x, 'node') : x);
    if (shape === 'entry') return [d[0] as Dense, node(d[1] as Dense), ...d.slice(2)];
    if (shape === 'member') return [node(d[0] as Dense), ...d.slice(1)];
    switch (d[0]) {
        case '[':
            return ['[', node(d[1] as Dense)];
        case 't':
            return ['t', ...d.slice(1).map((m) => visit(m as Dense[], 'member'))];
        case '|':
            return ['|', ...d.slice(1).map(node)];
        case 'o':
            return ['o', d[1] as Dense, (d[2] as Dense[]).map((p) => visit(p as Dense[], 'entry')), node(d[3] as Dense), d[4] as Dense];
        default:
            return d;
    }
}

/** A signature as dense JSON text (nothing shared). */
export function encodeSignature(signature: HandlerSignature): string {
    return JSON.stringify(denseSignature(signature));
}

/**
 * The signatures of a module as dense JSON texts, and the table of what they share: every node
 * or entry met more than once whose text is long enough that a reference saves bytes is written
 * once in `types` (the most used first, so they get the shortest indexes).
 */
export function encodeSignatures(signatures: readonly HandlerSignature[]): {signatures: string[]; types: string} {
    const dense = signatures.map(denseSignature);
    // Keyed by shape and text: the same text in two shapes is written twice rather than read wrong.
    const counts = new Map<string, number>();
    const count: Visit = (d, shape) => {
        const key = shape[0] + JSON.stringify(d);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        mapChildren(d, shape, count);
        return d;
    };
    for (const d of dense) mapSignature(d, count);
    const worth = [...counts]
        .filter(([key, n]) => n > 1 && (key.length - 1) * (n - 1) > 6 * n)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([key]) => key);
    const index = new Map(worth.map((key, i) => [key, i]));
    const share: Visit = (d, shape) => index.get(shape[0] + JSON.stringify(d)) ?? mapChildren(d, shape, share);
    const shapes: Record<string, Shape> = {n: 'node', e: 'entry', m: 'member'};
    const types = worth.map((key) => mapChildren(JSON.parse(key.slice(1)) as Dense[], shapes[key[0] as string] as Shape, share));
    return {signatures: dense.map((d) => JSON.stringify(mapSignature(d, share))), types: JSON.stringify(types)};
}

/** The signature of {@link encodeSignature}'s (or {@link encodeSignatures}') text; `shared` is the table of shared nodes. */
export function decodeSignature(text: string, shared: readonly Dense[] = []): HandlerSignature {
    const [params, returns, returnsPromise, errors, item] = JSON.parse(text) as [Dense[], Dense, number, Dense[] | 0 | undefined, Dense];
    const signature: HandlerSignature = {
        params: params.map((param): ParamSignature => {
            const p = entry(param, shared);
            return {name: p[0] as string, optional: p[2] === 1, type: decode(p[1] as Dense, shared)};
        }),
        returns: decode(returns, shared),
        returnsPromise: returnsPromise === 1,
    };
    if (errors !== undefined && errors !== 0)
        signature.errors = errors.map((error): ErrorSignature => {
            const e = error as Dense[];
            const declared: ErrorSignature = {name: e[0] as string, data: decode(e[2] as Dense, shared)};
            if (e[1] !== 0) declared.statusCode = e[1] as number;
            return declared;
        });
    if (item !== undefined) signature.stream = {item: decode(item, shared), result: signature.returns};
    return signature;
}
