import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {decodeSignature, encodeSignature, encodeSignatures} from './signature-codec.js';
import {HandlerSignature} from './runtime-types/index.js';
import {
    anyT,
    arr,
    bool,
    date,
    item,
    lit,
    neverT,
    nul,
    num,
    obj,
    prop,
    ref,
    str,
    tuple,
    undef,
    union,
    unknownT,
} from './test-support/type-nodes.js';

const tricky = `quote ' double " backslash \\ newline \n ls \u2028 é 😀`;
const nodes: [string, TypeNode][] = [
    [
        'every simple kind',
        tuple(item(anyT), item(unknownT), item(neverT), item(str), item(num), item(bool), item(nul), item(undef), item(date)),
    ],
    ['literals', union(lit('a'), lit(tricky), lit(0), lit(-1.5), lit(true), lit(false))],
    ['arrays and tuples with optional and rest members', arr(tuple(item(str), item(num, {optional: true}), item(date, {rest: true})))],
    [
        'named object, optional props, index signature',
        obj([prop('id', num), prop(tricky, str, true)], {name: 'User', index: union(str, nul)}),
    ],
    ['anonymous object without props', obj([])],
    ['recursive type', obj([prop('label', str), prop('children', arr(ref('Tree#1')))], {name: 'Tree', refId: 'Tree#1'})],
];

describe('signature codec', () => {
    it.each(nodes)('decodes what it encodes: %s', (_name, node) => {
        const signature: HandlerSignature = {
            params: [
                {name: 'ctx', optional: false, type: {kind: 'any'}},
                {name: 'value', optional: true, type: node},
            ],
            returns: node,
            returnsPromise: true,
        };
        const text = encodeSignature(signature);
        expect(decodeSignature(text)).toEqual(signature);
        // Dense: well under the TypeNode JSON it stands for.
        expect(text.length).toBeLessThan(JSON.stringify(signature).length / 2);
    });
});

describe('signature codec: streaming handlers', () => {
    const ctx = {name: 'ctx', optional: false, type: {kind: 'any' as const}};
    it.each([
        ['a stream without errors', undefined],
        ['a stream with declared errors', [{name: 'gone', statusCode: 410, data: obj([prop('after', num)])}]],
    ])('decodes what it encodes: %s', (_name, errors) => {
        const signature: HandlerSignature = {
            params: [ctx, {name: 'count', optional: false, type: num}],
            returns: obj([prop('count', num)], {name: 'Summary'}),
            returnsPromise: false,
        };
        if (errors !== undefined) signature.errors = errors;
        signature.stream = {item: obj([prop('at', date)], {name: 'Line'}), result: signature.returns};
        expect(decodeSignature(encodeSignature(signature))).toEqual(signature);
    });
});

describe('signature codec: a module of signatures sharing nodes', () => {
    const ctx = {name: 'ctx', optional: false, type: anyT};
    const user = obj([prop('id', num), prop('name', str), prop('since', date, true)], {name: 'User'});
    // Keys named like the codec's tags: an entry must never be read as a node.
    const tagged = obj([prop('o', str), prop('[', num), prop('t', arr(str)), prop('|', union(str, nul))], {name: 'Tags'});
    const signatures: HandlerSignature[] = [
        {params: [ctx, {name: 'id', optional: false, type: num}], returns: user, returnsPromise: false},
        {params: [ctx, {name: 'user', optional: false, type: user}], returns: arr(user), returnsPromise: true},
        {
            params: [ctx, {name: 'id', optional: false, type: num}],
            returns: tuple(item(user), item(user, {optional: true})),
            returnsPromise: false,
        },
        {params: [ctx, {name: 'tags', optional: true, type: tagged}], returns: tagged, returnsPromise: false},
        {
            params: [ctx, {name: 'tags', optional: true, type: tagged}],
            returns: union(tagged, user),
            returnsPromise: false,
            errors: [{name: 'gone', statusCode: 410, data: user}],
            stream: {item: user, result: union(tagged, user)},
        },
    ];

    it('decodes every signature back, with the table of shared nodes', () => {
        const {signatures: texts, types} = encodeSignatures(signatures);
        const shared = JSON.parse(types) as never[];
        expect(texts.map((t) => decodeSignature(t, shared))).toEqual(signatures);
    });

    it('writes what is shared once: smaller than the signatures written apart', () => {
        const {signatures: texts, types} = encodeSignatures(signatures);
        const apart = signatures.map(encodeSignature);
        const sharedSize = texts.join('').length + types.length;
        expect(sharedSize).toBeLessThan(apart.join('').length * 0.7);
        // The object type met 8 times is in the table, and no signature spells it out.
        expect(types).toContain('"User"');
        for (const text of texts) expect(text).not.toContain('"User"');
    });

    it('shares nothing that a reference would not shorten, and is deterministic', () => {
        const once = encodeSignatures([signatures[0] as HandlerSignature]);
        expect(once.types).toBe('[]');
        expect(once.signatures[0]).toBe(encodeSignature(signatures[0] as HandlerSignature));
        expect(encodeSignatures(signatures)).toEqual(encodeSignatures(signatures));
    });
});
