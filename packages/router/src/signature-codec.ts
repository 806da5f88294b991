// A dense text form of handler signatures, for compiled modules: a module of thousands of routes
// is parsed at every cold start, and TypeNode JSON spends most of its bytes on key names
// ("kind", "optional", "type"). This form is JSON too (arrays and one-letter tags), about a
// quarter of the size, and decodes back to the same TypeNodes.
import {ObjectTypeNode, PropertyNode, TupleMemberNode, TypeNode} from '@hookline/core';
import {ErrorSignature, HandlerSignature, ParamSignature} from './runtime-types/index.js';

type Dense = string | Dense[] | number | boolean | null;

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

function decode(dense: Dense): TypeNode {
    if (typeof dense === 'string') return {kind: simple[dense] as 'any'};
    const [tag, ...rest] = dense as Dense[];
    switch (tag) {
        case '=':
            return {kind: 'literal', value: rest[0] as string | number | boolean};
        case '[':
            return {kind: 'array', items: decode(rest[0] as Dense)};
        case 't':
            return {
                kind: 'tuple',
                items: (rest as Dense[][]).map((m): TupleMemberNode => {
                    const flags = m[1] as number;
                    return {type: decode(m[0] as Dense), optional: (flags & 1) !== 0, rest: (flags & 2) !== 0};
                }),
            };
        case '|':
            return {kind: 'union', members: rest.map(decode)};
        case 'r':
            return {kind: 'ref', ref: rest[0] as string};
        default: {
            // 'o': the same key order as the reflecting converter writes, so both compare equal.
            const [name, props, index, refId] = rest as [string | null, Dense[][], Dense, string | null];
            const node: ObjectTypeNode = {kind: 'object', props: []};
            if (name !== null) node.name = name;
            if (refId !== null) node.refId = refId;
            node.props = props.map((p): PropertyNode => ({name: p[0] as string, optional: p[2] === 1, type: decode(p[1] as Dense)}));
            if (index !== null) node.index = decode(index);
            return node;
        }
    }
}

/** A signature as dense JSON text. */
export function encodeSignature(signature: HandlerSignature): string {
    return JSON.stringify([
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
    ]);
}

/** The signature of {@link encodeSignature}'s text. */
export function decodeSignature(text: string): HandlerSignature {
    const [params, returns, returnsPromise, errors, item] = JSON.parse(text) as [
        Dense[][],
        Dense,
        number,
        Dense[][] | 0 | undefined,
        Dense,
    ];
    const signature: HandlerSignature = {
        params: params.map((p): ParamSignature => ({name: p[0] as string, optional: p[2] === 1, type: decode(p[1] as Dense)})),
        returns: decode(returns),
        returnsPromise: returnsPromise === 1,
    };
    if (errors !== undefined && errors !== 0)
        signature.errors = errors.map((e): ErrorSignature => {
            const declared: ErrorSignature = {name: e[0] as string, data: decode(e[2] as Dense)};
            if (e[1] !== 0) declared.statusCode = e[1] as number;
            return declared;
        });
    if (item !== undefined) signature.stream = {item: decode(item), result: signature.returns};
    return signature;
}
