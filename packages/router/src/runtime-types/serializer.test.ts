import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {toJsonSchema} from './json-schema.js';
import {compileType} from './index.js';

/** The serializer compileType builds, and the schema it reports. */
function buildSerializer(node: TypeNode, fast: boolean): {serialize: (v: unknown) => string; schema: unknown} {
    const compiled = compileType(node, fast);
    return {serialize: compiled.serialize, schema: compiled.schema};
}
import {ValidatorBuilder} from './validator.js';
import {str, num, bool, nul, undef, date, lit, arr, union, prop, obj, item, tuple, ref} from '../test-support/type-nodes.js';

const d1 = new Date('2024-01-31T10:00:00.000Z');
const d2 = new Date('1999-12-31T23:59:59.999Z');
const tricky = 'quote " backslash \\ newline \n tab \t nul \u0000 ls \u2028 ps \u2029 é 😀 </script>';

const user = obj(
    [
        prop('id', num),
        prop('name', str),
        prop('active', bool),
        prop('lastUpdate', date),
        prop('tags', arr(str)),
        prop('role', union(lit('admin'), lit('user'))),
        prop('deletedAt', union(date, nul)),
        prop('nick', str, true),
        prop('note', union(str, undef)),
    ],
    {name: 'User'},
);
const tree = obj([prop('value', num), prop('at', date), prop('children', arr(ref('Tree#1')))], {name: 'Tree', refId: 'Tree#1'});

/** Well-typed values: the fast serializer must write exactly what JSON.stringify writes. */
const cases: [string, TypeNode, unknown[]][] = [
    ['string', str, ['', 'a', tricky]],
    ['number', num, [0, -1.5, 1e21, 123456789.123, Number.MAX_SAFE_INTEGER, 5e-324]],
    ['boolean', bool, [true, false]],
    ['null', nul, [null]],
    ['literal', lit('x'), ['x']],
    ['Date', date, [d1, d2, new Date(0)]],
    ['Date | null', union(date, nul), [d1, null]],
    ['string | number | null', union(str, num, nul), ['a', 1, null]],
    ['literal union', union(lit('a'), lit(2), lit(true)), ['a', 2, true]],
    ['number[]', arr(num), [[], [1, 2, 3]]],
    ['Date[]', arr(date), [[d1, d2]]],
    [
        '[string, Date, number?]',
        tuple(item(str), item(date), item(num, {optional: true})),
        [
            ['a', d1],
            ['b', d2, 3],
        ],
    ],
    ['[string, ...Date[]]', tuple(item(str), item(date, {rest: true})), [['a'], ['a', d1, d2]]],
    [
        'User',
        user,
        [
            {
                id: 1,
                name: tricky,
                active: true,
                lastUpdate: d1,
                tags: ['a', 'b'],
                role: 'admin',
                deletedAt: null,
            },
            {
                id: 2,
                name: 'n',
                active: false,
                lastUpdate: d2,
                tags: [],
                role: 'user',
                deletedAt: d1,
                nick: 'k',
                note: 'x',
            },
        ],
    ],
    ['User[]', arr(user), [[{id: 1, name: 'a', active: true, lastUpdate: d1, tags: [], role: 'user', deletedAt: null}]]],
    ['Record<string, Date>', obj([], {index: date}), [{}, {a: d1, 'b c': d2, [tricky]: d1}]],
    ['index + props', obj([prop('total', num)], {index: num}), [{total: 3, a: 1, b: 2}]],
    [
        'recursive tree',
        tree,
        [
            {
                value: 1,
                at: d1,
                children: [
                    {value: 2, at: d2, children: [{value: 3, at: d1, children: []}]},
                    {value: 4, at: d2, children: []},
                ],
            },
        ],
    ],
    ['union of objects', union(obj([prop('a', num)]), obj([prop('b', str)])), [{a: 1}, {b: 'x'}]],
    ['nested unknown', obj([prop('payload', {kind: 'unknown'})]), [{payload: {deep: [1, 'x', null, {y: true}]}}]],
    ['any', {kind: 'any'}, [{a: [1, {b: d1}]}, 'x', null]],
];

describe('buildSerializer(node, true)', () => {
    for (const [name, node, values] of cases) {
        it(`${name}: same text as JSON.stringify`, () => {
            const {serialize} = buildSerializer(node, true);
            for (const v of values) {
                // Fixtures are well-typed return values.
                expect(new ValidatorBuilder(node, 'value').guard(node)(v), `fixture ${name}`).toBe(true);
                expect(serialize(v)).toBe(JSON.stringify(v));
            }
        });
    }

    it('reports the JSON Schema of what it writes (the same as toJsonSchema)', () => {
        const {schema} = buildSerializer(user, true);
        expect(schema).toEqual(toJsonSchema(user));
    });

    it('any and unknown use JSON.stringify and have no schema', () => {
        for (const kind of ['any', 'unknown'] as const) {
            const {serialize, schema} = buildSerializer({kind}, true);
            expect(schema).toBeUndefined();
            expect(serialize({a: d1, b: [1]})).toBe(JSON.stringify({a: d1, b: [1]}));
        }
    });

    it('can be called many times with the same result', () => {
        const {serialize} = buildSerializer(user, true);
        const v = {id: 1, name: 'a', active: true, lastUpdate: d1, tags: [], role: 'user', deletedAt: null};
        const first = serialize(v);
        for (let i = 0; i < 5; i++) expect(serialize(v)).toBe(first);
    });

    it('writes the same JSON when optional props are declared before required ones (key order may differ)', () => {
        const node = obj([prop('a', num, true), prop('b', num), prop('c', date, true)]);
        const v = {a: 1, b: 2, c: d1};
        expect(JSON.parse(buildSerializer(node, true).serialize(v))).toEqual(JSON.parse(JSON.stringify(v)));
    });

    it('omits optional props that hold undefined, like JSON.stringify', () => {
        const {serialize} = buildSerializer(user, true);
        const v = {
            id: 1,
            name: 'a',
            nick: undefined,
            active: true,
            lastUpdate: d1,
            tags: [],
            role: 'user',
            deletedAt: null,
            note: undefined,
        };
        expect(JSON.parse(serialize(v))).toEqual(JSON.parse(JSON.stringify(v)));
        expect(serialize(v)).not.toContain('nick');
        expect(serialize(v)).not.toContain('note');
    });
});

describe('undeclared properties are dropped', () => {
    const account = obj([prop('id', num), prop('name', str)], {name: 'Account'});
    const row = {id: 1, name: 'ann', password: 'hunter2', passwordHash: '$2b$...'};

    it('at the top level', () => {
        const out = buildSerializer(account, true).serialize(row);
        expect(out).toBe('{"id":1,"name":"ann"}');
        expect(out).not.toContain('hunter2');
    });

    it('nested, in arrays and in recursive types', () => {
        const wrapper = obj([prop('owner', account), prop('members', arr(account))]);
        const out = buildSerializer(wrapper, true).serialize({owner: row, members: [row, {...row, id: 2}], secret: 1});
        expect(JSON.parse(out)).toEqual({
            owner: {id: 1, name: 'ann'},
            members: [
                {id: 1, name: 'ann'},
                {id: 2, name: 'ann'},
            ],
        });
        expect(out).not.toContain('hunter2');
        expect(out).not.toContain('secret');

        const t = {value: 1, at: d1, children: [{value: 2, at: d2, children: [], password: 'hunter2'}], password: 'hunter2'};
        const treeOut = buildSerializer(tree, true).serialize(t);
        expect(treeOut).not.toContain('hunter2');
        expect(JSON.parse(treeOut)).toEqual({value: 1, at: d1.toISOString(), children: [{value: 2, at: d2.toISOString(), children: []}]});
    });

    it('in tuples', () => {
        const out = buildSerializer(tuple(item(account), item(num)), true).serialize([row, 2]);
        expect(out).toBe('[{"id":1,"name":"ann"},2]');
    });

    // The value-mode validator lets extra keys through ("the serializer drops them"), so every
    // type that holds an object must serialize such a value, whatever union it sits in.
    for (const [name, node, value] of [
        ['Account | null', union(account, nul), row],
        ['(Account | null)[]', arr(union(account, nul)), [row, null]],
        ['{owner?: Account | null}', obj([prop('owner', union(account, nul), true)]), {owner: row}],
        ['Account | {code: string}', union(account, obj([prop('code', str)])), row],
    ] as [string, TypeNode, unknown][]) {
        it(`inside a union: ${name}`, () => {
            expect(new ValidatorBuilder(node, 'value').guard(node)(value)).toBe(true);
            const out = buildSerializer(node, true).serialize(value);
            expect(out).not.toContain('hunter2');
            expect(out).toContain('"id":1');
        });
    }
});

describe('buildSerializer(node, false)', () => {
    it('is JSON.stringify, with no schema', () => {
        const {serialize, schema} = buildSerializer(user, false);
        expect(schema).toBeUndefined();
        const withExtra = {id: 1, name: 'a', lastUpdate: d1, password: 'x'};
        expect(serialize(withExtra)).toBe(JSON.stringify(withExtra));
        for (const [, , values] of cases) for (const v of values) expect(serialize(v)).toBe(JSON.stringify(v));
    });

    it('writes null for undefined (a JSON text is always produced)', () => {
        expect(buildSerializer(str, false).serialize(undefined)).toBe('null');
    });
});
