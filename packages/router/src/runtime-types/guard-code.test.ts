// The generated guards must answer exactly as the closure guards they replace on the server.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {compileGuard} from './guard-code.js';
import {ValidationMode, ValidatorBuilder} from './validator.js';
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
} from '../test-support/type-nodes.js';

const user = obj([prop('id', num), prop('name', str), prop('nick', str, true), prop('lastUpdate', date)], {name: 'User'});
const tree: TypeNode = obj([prop('label', str), prop('children', arr(ref('Tree')))], {name: 'Tree', refId: 'Tree'});

const types: [string, TypeNode][] = [
    ['string', str],
    ['number', num],
    ['boolean', bool],
    ['null', nul],
    ['undefined', undef],
    ['any', anyT],
    ['unknown', unknownT],
    ['never', neverT],
    ['literals', union(lit('a'), lit(1), lit(true))],
    ['date', date],
    ['array of numbers', arr(num)],
    ['array of any', arr(anyT)],
    ['User', user],
    ['User | null', union(user, nul)],
    ['optional and undefined-accepting props', obj([prop('a', num, true), prop('b', union(str, undef)), prop('c', str)])],
    ['props named like Object.prototype members', obj([prop('constructor', str), prop('toString', num, true), prop('x', bool)])],
    ['index signature', obj([prop('fixed', num)], {index: str})],
    ['tuple with optional and rest', tuple(item(str), item(num, {optional: true}), item(bool, {rest: true}))],
    ['fixed tuple', tuple(item(user), item(date))],
    ['params tuple', tuple(item(user, {optional: true}))],
    ['recursive', tree],
    ['nested', obj([prop('items', arr(obj([prop('sku', str), prop('tags', arr(str)), prop('at', union(date, nul))]))), prop('n', num)])],
];

const samples: unknown[] = [
    undefined,
    null,
    0,
    -1.5,
    NaN,
    Infinity,
    '',
    'a',
    true,
    false,
    [],
    [1, 2],
    ['a', 1, true, false],
    {},
    {id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'},
    {id: 1, name: 'Ada', nick: 'A', lastUpdate: '2024-02-30T10:00:00.000Z'},
    {id: 1, name: 'Ada', lastUpdate: new Date('2024-01-31T10:00:00.000Z')},
    {id: 1, name: 'Ada', lastUpdate: new Date('nope')},
    {id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z', extra: 1},
    {id: '1', name: 'Ada', lastUpdate: '2024-01-31'},
    {a: 1, b: undefined, c: 'x'},
    {b: 'y', c: 'x'},
    {constructor: 'c', x: true},
    {x: true},
    {constructor: 'c', toString: 2, x: false},
    {fixed: 1, other: 'x'},
    {fixed: 1, other: 2},
    [{id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'}, '2024-01-31'],
    [{id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'}],
    {label: 'root', children: [{label: 'leaf', children: []}]},
    {label: 'root', children: [{label: 1, children: []}]},
    {
        items: [
            {sku: 'a', tags: ['x'], at: null},
            {sku: 'b', tags: [], at: '2024-01-31T10:00:00Z'},
        ],
        n: 2,
    },
    {items: [{sku: 'a', tags: [1], at: null}], n: 2},
    new Date(0),
    '2024-01-31T10:00:00.000Z',
];

const modes: ValidationMode[] = ['json', 'value'];

function both(node: TypeNode, mode: ValidationMode): {closure: (v: unknown) => boolean; generated: (v: unknown) => boolean} {
    const closures = new ValidatorBuilder(node, mode);
    return {closure: closures.guard(node), generated: compileGuard(node, mode, closures)};
}

describe('generated guards', () => {
    it.each(types)('answer as the closure guards on hand-picked values: %s', (_name, node) => {
        for (const mode of modes) {
            const {closure, generated} = both(node, mode);
            for (const v of samples) expect([mode, v, generated(v)]).toEqual([mode, v, closure(v)]);
        }
    });

    it.each(types)('answer as the closure guards on random values: %s', (_name, node) => {
        for (const mode of modes) {
            const {closure, generated} = both(node, mode);
            fc.assert(
                fc.property(fc.oneof(fc.anything(), fc.constantFrom(...samples)), (v) => generated(v) === closure(v)),
                {numRuns: 300},
            );
        }
    });

    it('accept a valid User and refuse each kind of mistake', () => {
        const {generated} = both(tuple(item(user)), 'json');
        const ok = {id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'};
        expect(generated([ok])).toBe(true);
        expect(generated([{...ok, id: 'x'}])).toBe(false);
        expect(generated([{...ok, lastUpdate: 'yesterday'}])).toBe(false);
        expect(generated([{...ok, admin: true}])).toBe(false);
        expect(generated([ok, ok])).toBe(false);
        expect(generated([])).toBe(false);
    });
});
