import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {decodeSignature, encodeSignature} from './signature-codec.js';
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
