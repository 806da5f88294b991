// The generated guards must answer exactly as the closure guards they replace on the server, and the
// generated serializers must write what JSON.stringify writes, less the undeclared properties.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {evalTypeCode, typeCode} from './type-code.js';
import {buildValueWriter} from './value-writer.js';
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
    ['index signature only', obj([], {index: union(num, date)})],
    ['recursive through an index signature', obj([prop('v', num, true)], {index: ref('Dict'), refId: 'Dict'})],
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
    {a: 1, b: '2024-01-31T10:00:00.000Z'},
    {v: 1, x: {v: 2}, y: {z: {}}},
    {v: 1, x: {v: 'no'}},
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
    const fns = evalTypeCode(typeCode(node, {json: true, value: true, serializer: false}));
    return {closure: new ValidatorBuilder(node, mode).guard(node), generated: mode === 'json' ? fns.isJson : fns.isValue};
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

describe('generated serializers', () => {
    const write = (node: TypeNode) =>
        evalTypeCode(typeCode(node, {json: false, value: false, serializer: true})).serialize as (v: unknown) => string;
    /** What the serializer must write: JSON.stringify of the value trimmed to the type's declared properties. */
    const trim = (node: TypeNode, v: unknown): unknown => {
        if (node.kind === 'object' && typeof v === 'object' && v !== null && !(v instanceof Date) && node.index === undefined)
            return Object.fromEntries(
                node.props.filter((p) => Object.hasOwn(v, p.name)).map((p) => [p.name, trim(p.type, (v as never)[p.name])]),
            );
        if (node.kind === 'array' && Array.isArray(v)) return v.map((x) => trim(node.items, x));
        return v;
    };

    it.each(types.filter(([name]) => name !== 'never'))('write what JSON.stringify writes for valid values: %s', (_name, node) => {
        const isValue = new ValidatorBuilder(node, 'value').guard(node);
        const serialize = write(node);
        // A Date passes as an object with only an index signature; typed so, it is written as one ({}).
        const valid = samples.filter((v) => v !== undefined && isValue(v) && !(node.kind === 'object' && v instanceof Date));
        for (const v of valid) expect(serialize(v)).toBe(JSON.stringify(trim(node, v)));
    });

    it('drops undeclared properties, keeps declared ones in declaration order, leaves absent ones out', () => {
        const s = write(obj([prop('b', num), prop('a', str, true), prop('at', date)]));
        expect(s({a: 'x', secret: 'leak', at: new Date(0), b: 2})).toBe('{"b":2,"a":"x","at":"1970-01-01T00:00:00.000Z"}');
        expect(s({b: 1, at: new Date(0)})).toBe('{"b":1,"at":"1970-01-01T00:00:00.000Z"}');
    });

    it('writes index signatures and recursive types', () => {
        const dict = write(obj([prop('v', num, true)], {index: ref('Dict'), refId: 'Dict'}));
        expect(dict({v: 1, x: {v: 2}, y: {}})).toBe('{"v":1,"x":{"v":2},"y":{}}');
        const tree = write(obj([prop('label', str), prop('children', arr(ref('T')))], {refId: 'T'}));
        expect(tree({label: 'a', extra: 1, children: [{label: 'b', children: []}]})).toBe(
            '{"label":"a","children":[{"label":"b","children":[]}]}',
        );
    });

    it('picks the union member the value matches', () => {
        const s = write(union(obj([prop('kind', lit('a')), prop('at', date)]), obj([prop('kind', lit('b')), prop('n', num)]), nul));
        expect(s({kind: 'b', n: 1, at: 'x'})).toBe('{"kind":"b","n":1}');
        expect(s({kind: 'a', at: new Date(0), n: 1})).toBe('{"kind":"a","at":"1970-01-01T00:00:00.000Z"}');
        expect(s(null)).toBe('null');
    });

    it('refuses values that do not have the type (return validation off), and writes any/unknown as JSON.stringify does', () => {
        const s = write(obj([prop('n', num), prop('d', date), prop('t', tuple(item(str), item(num)))]));
        const ok = {n: 1, d: new Date(0), t: ['a', 2]};
        expect(s(ok)).toBe('{"n":1,"d":"1970-01-01T00:00:00.000Z","t":["a",2]}');
        for (const bad of [
            {...ok, n: 'x'},
            {...ok, n: NaN},
            {...ok, d: 'not a date'},
            {...ok, d: new Date('nope')},
            {...ok, t: 'no'},
            {...ok, t: ['a', 2, 3]},
            {d: ok.d, t: ok.t},
            'plain',
            null,
        ])
            expect(() => s(bad), JSON.stringify(bad)).toThrow(TypeError);
        expect(() => write(union(obj([prop('a', num)]), date))({b: 1})).toThrow(TypeError);
        expect(write(arr(anyT))([undefined, () => 1, 1])).toBe('[null,null,1]');
        expect(write(obj([prop('u', unknownT)]))({u: () => 1})).toBe('{}');
    });
});

describe('closure serializers (compact compiled modules) write what the generated ones write', () => {
    const outcome = (write: (v: unknown) => string, v: unknown): string => {
        try {
            return write(v);
        } catch (error) {
            return `refused: ${(error as Error).constructor.name}`;
        }
    };
    it.each(types.filter(([name]) => name !== 'never'))('%s', (_name, node) => {
        const generated = evalTypeCode(typeCode(node, {json: false, value: false, serializer: true})).serialize as (v: unknown) => string;
        const closures = buildValueWriter(node);
        for (const v of samples) if (v !== undefined) expect([v, outcome(closures, v)]).toEqual([v, outcome(generated, v)]);
        fc.assert(
            fc.property(fc.anything(), (v) => v === undefined || outcome(closures, v) === outcome(generated, v)),
            {numRuns: 200},
        );
    });
});
