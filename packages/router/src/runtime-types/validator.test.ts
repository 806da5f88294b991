import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {acceptsUndefined, collectRefTargets, isIsoDateString, ValidationIssue, ValidationMode, ValidatorBuilder} from './validator.js';
import {
    str,
    num,
    bool,
    nul,
    undef,
    date,
    anyT,
    unknownT,
    neverT,
    lit,
    arr,
    union,
    prop,
    obj,
    item,
    tuple,
    ref,
} from '../test-support/type-nodes.js';

interface Checker {
    guard: (v: unknown) => boolean;
    issues: (v: unknown, path?: string) => ValidationIssue[];
}

function check(node: TypeNode, mode: ValidationMode): Checker {
    const b = new ValidatorBuilder(node, mode);
    const guard = b.guard(node);
    const collect = b.collector(node);
    return {
        guard,
        issues: (v, path = 'v') => {
            const out: ValidationIssue[] = [];
            collect(v, path, out);
            return out;
        },
    };
}

const modes: ValidationMode[] = ['json', 'value'];

function show(v: unknown): string {
    if (typeof v === 'number' || v === undefined) return String(v);
    if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
    return JSON.stringify(v)?.slice(0, 80) ?? typeof v;
}

/** Asserts that `accepted` pass and `refused` fail, and that guard and collector agree on each. */
function expectAccepts(c: Checker, accepted: unknown[], refused: unknown[]): void {
    for (const v of accepted) {
        expect(c.guard(v), `guard should accept ${show(v)}`).toBe(true);
        expect(c.issues(v), `collector should find nothing in ${show(v)}`).toEqual([]);
    }
    for (const v of refused) {
        expect(c.guard(v), `guard should refuse ${show(v)}`).toBe(false);
        expect(c.issues(v).length, `collector should report ${show(v)}`).toBeGreaterThan(0);
    }
}

const iso = '2024-01-31T10:00:00.000Z';

describe('primitives (both modes)', () => {
    for (const mode of modes) {
        describe(mode, () => {
            it('string', () => {
                expectAccepts(check(str, mode), ['', 'a', '2024-01-31'], [1, null, undefined, {}, [], true]);
            });

            it('number: finite numbers only', () => {
                expectAccepts(
                    check(num, mode),
                    [0, -1.5, 1e300, Number.MAX_SAFE_INTEGER, -0],
                    [NaN, Infinity, -Infinity, '1', null, undefined, true, {}],
                );
            });

            it('number issue messages name NaN and Infinity', () => {
                const c = check(num, mode);
                expect(c.issues(NaN)).toEqual([{path: 'v', expected: 'number', message: 'expected number, got NaN'}]);
                expect(c.issues(-Infinity)).toEqual([{path: 'v', expected: 'number', message: 'expected number, got -Infinity'}]);
                expect(c.issues('1')).toEqual([{path: 'v', expected: 'number', message: 'expected number, got string'}]);
            });

            it('boolean', () => {
                expectAccepts(check(bool, mode), [true, false], [0, 1, 'true', null, undefined]);
            });

            it('null and undefined', () => {
                expectAccepts(check(nul, mode), [null], [undefined, 0, '', {}]);
                expectAccepts(check(undef, mode), [undefined], [null, 0, '']);
            });

            it('any and unknown accept everything; never accepts nothing', () => {
                const samples = [null, undefined, 0, '', {}, [], NaN];
                expectAccepts(check(anyT, mode), samples, []);
                expectAccepts(check(unknownT, mode), samples, []);
                expectAccepts(check(neverT, mode), [], samples);
            });

            it('literals compare by type and value', () => {
                expectAccepts(check(lit('a'), mode), ['a'], ['b', 'A', '', null]);
                expectAccepts(check(lit(1), mode), [1], ['1', 2, true]);
                expectAccepts(check(lit(true), mode), [true], [false, 1, 'true']);
                expect(check(lit('a'), mode).issues('b')).toEqual([{path: 'v', expected: '"a"', message: 'expected "a", got string'}]);
            });

            it('unions of two and of more members', () => {
                expectAccepts(check(union(str, num), mode), ['x', 1], [null, true, NaN, undefined]);
                expectAccepts(check(union(lit('a'), lit('b'), nul), mode), ['a', 'b', null], ['c', undefined, 0]);
                expect(check(union(lit('a'), lit('b'), nul), mode).issues('c')).toEqual([
                    {path: 'v', expected: '"a" | "b" | null', message: 'expected "a" | "b" | null, got string'},
                ]);
            });

            it('arrays', () => {
                expectAccepts(check(arr(num), mode), [[], [1, 2, 3]], [[1, '2'], {length: 0}, 'abc', null, [NaN]]);
                expectAccepts(check(arr(anyT), mode), [[], [1, 'x', null]], [{}, 'x', null]);
                expect(check(arr(num), mode).issues([1, 'x', 3, null])).toEqual([
                    {path: 'v[1]', expected: 'number', message: 'expected number, got string'},
                    {path: 'v[3]', expected: 'number', message: 'expected number, got null'},
                ]);
                expect(check(arr(num), mode).issues({})).toEqual([
                    {path: 'v', expected: 'number[]', message: 'expected number[], got object'},
                ]);
            });
        });
    }
});

describe('tuples', () => {
    for (const mode of modes) {
        describe(mode, () => {
            it('fixed length', () => {
                const c = check(tuple(item(str), item(num)), mode);
                expectAccepts(c, [['a', 1]], [['a'], ['a', 1, 2], [1, 'a'], [], 'a', {0: 'a', 1: 1, length: 2}]);
                expect(c.issues(['a', 1, 2])).toEqual([
                    {path: 'v', expected: '[string, number]', message: 'expected at most 2 items, got 3'},
                ]);
                expect(c.issues(['a'])).toEqual([{path: 'v', expected: '[string, number]', message: 'expected at least 2 items, got 1'}]);
                expect(c.issues([1, 'a'])).toEqual([
                    {path: 'v[0]', expected: 'string', message: 'expected string, got number'},
                    {path: 'v[1]', expected: 'number', message: 'expected number, got string'},
                ]);
            });

            it('optional members', () => {
                const c = check(tuple(item(str), item(num, {optional: true})), mode);
                expectAccepts(c, [['a'], ['a', 1]], [[], ['a', 'b'], ['a', 1, 2], ['a', null]]);
                expect(c.issues(['a', 'b'])).toEqual([{path: 'v[1]', expected: 'number', message: 'expected number, got string'}]);
            });

            it('an absent optional member is not reported when another member fails', () => {
                const c = check(tuple(item(str), item(num, {optional: true})), mode);
                expect(c.issues([1])).toEqual([{path: 'v[0]', expected: 'string', message: 'expected string, got number'}]);
            });

            it('rest members', () => {
                const c = check(tuple(item(str), item(num, {rest: true})), mode);
                expectAccepts(c, [['a'], ['a', 1], ['a', 1, 2, 3]], [[], ['a', 1, 'x'], [1, 2], 'a']);
                expect(c.issues(['a', 1, 'x'])).toEqual([{path: 'v[2]', expected: 'number', message: 'expected number, got string'}]);
            });
        });
    }

    it('guard and collector agree when a required member accepts undefined and is left out', () => {
        // Reachable through the router: `(ctx, a: string, b: unknown)` or `b: number | undefined` (not `b?`)
        // compile to exactly these params tuples, so a body of `["a"]` would be refused with no issue to report.
        for (const mode of modes) {
            for (const second of [unknownT, anyT, union(num, undef)]) {
                const c = check(tuple(item(str), item(second)), mode);
                expect(c.guard(['a']), `${mode} ${second.kind}: guard`).toBe(c.issues(['a']).length === 0);
            }
        }
    });
});

describe('objects', () => {
    const point = obj([prop('x', num), prop('y', num), prop('label', str, true), prop('note', union(str, undef))], {name: 'Point'});

    for (const mode of modes) {
        describe(mode, () => {
            it('required props must be present, optional ones and `T | undefined` ones may be absent', () => {
                const c = check(point, mode);
                expectAccepts(
                    c,
                    [
                        {x: 1, y: 2},
                        {x: 1, y: 2, label: 'p'},
                        {x: 1, y: 2, note: 'n'},
                    ],
                    [{x: 1}, {y: 2}, {x: 1, y: '2'}, {x: 1, y: 2, label: 3}, {x: 1, y: 2, note: null}, null, [], 'p', 1],
                );
                expect(c.issues({x: 1})).toEqual([{path: 'v.y', expected: 'number', message: 'required property is missing'}]);
                expect(c.issues(null)).toEqual([{path: 'v', expected: 'Point', message: 'expected Point, got null'}]);
                expect(c.issues([])).toEqual([{path: 'v', expected: 'Point', message: 'expected Point, got array'}]);
            });

            it('index signatures check every other key', () => {
                const record = obj([], {index: num});
                expectAccepts(check(record, mode), [{}, {a: 1, b: 2}], [{a: 'x'}, {a: 1, b: null}, [], null]);
                expect(check(record, mode).issues({a: 1, b: 'x'})).toEqual([
                    {path: 'v.b', expected: 'number', message: 'expected number, got string'},
                ]);
                const mixed = obj([prop('name', str)], {index: num});
                expectAccepts(check(mixed, mode), [{name: 'n'}, {name: 'n', a: 1}], [{name: 1}, {a: 1}, {name: 'n', a: 'x'}]);
            });

            it('nested objects report nested paths', () => {
                const c = check(obj([prop('inner', obj([prop('deep', obj([prop('n', num)]))]))]), mode);
                expectAccepts(c, [{inner: {deep: {n: 1}}}], [{inner: {deep: {n: '1'}}}, {inner: {}}, {inner: null}]);
                expect(c.issues({inner: {deep: {n: '1'}}})).toEqual([
                    {path: 'v.inner.deep.n', expected: 'number', message: 'expected number, got string'},
                ]);
            });
        });
    }

    it('json mode refuses unknown keys', () => {
        const c = check(point, 'json');
        expectAccepts(
            c,
            [{x: 1, y: 2}],
            [
                {x: 1, y: 2, z: 3},
                {x: 1, y: 2, label: 'p', password: 'secret'},
            ],
        );
        expect(c.issues({x: 1, y: 2, z: 3})).toEqual([{path: 'v.z', expected: 'no such property', message: 'unknown property "z"'}]);
    });

    it('value mode allows unknown keys (the serializer drops them)', () => {
        expectAccepts(
            check(point, 'value'),
            [
                {x: 1, y: 2, z: 3},
                {x: 1, y: 2, password: 'secret'},
            ],
            [],
        );
    });

    it('value mode accepts class instances and reads inherited getters', () => {
        class P {
            constructor(private readonly raw: number[]) {}
            get x(): number {
                return this.raw[0] ?? 0;
            }
            get y(): number {
                return this.raw[1] ?? 0;
            }
        }
        expect(check(point, 'value').guard(new P([1, 2]))).toBe(true);
    });

    it('a property typed undefined may be absent, but not hold a value', () => {
        const c = check(obj([prop('u', undef)]), 'json');
        expectAccepts(c, [{}], [{u: null}, {u: 1}]);
    });
});

describe('properties named like Object.prototype members', () => {
    const special = obj([prop('constructor', str), prop('toString', num), prop('__proto__', num)]);
    const optionalSpecial = obj([prop('constructor', str, true), prop('toString', num, true), prop('__proto__', num, true)]);

    for (const mode of modes) {
        describe(mode, () => {
            it('are read as own properties', () => {
                const c = check(special, mode);
                const good = JSON.parse('{"constructor": "c", "toString": 1, "__proto__": 2}') as unknown;
                expect(Object.prototype.hasOwnProperty.call(good, '__proto__')).toBe(true);
                expectAccepts(
                    c,
                    [good],
                    [{}, JSON.parse('{"constructor": "c", "toString": 1}'), JSON.parse('{"toString": 1, "__proto__": 2}')],
                );
                expect(c.issues({})).toEqual([
                    {path: 'v.constructor', expected: 'string', message: 'required property is missing'},
                    {path: 'v.toString', expected: 'number', message: 'required property is missing'},
                    {path: 'v.__proto__', expected: 'number', message: 'required property is missing'},
                ]);
            });

            it('an object without them does not see the inherited members', () => {
                expectAccepts(check(optionalSpecial, mode), [{}, JSON.parse('{"__proto__": 3}')], [JSON.parse('{"__proto__": "x"}')]);
                expect(check(optionalSpecial, mode).issues(JSON.parse('{"toString": "x"}'))).toEqual([
                    {path: 'v.toString', expected: 'number', message: 'expected number, got string'},
                ]);
            });
        });
    }

    it('an own __proto__ key that is not declared is an unknown property in json mode', () => {
        const c = check(obj([prop('a', num)]), 'json');
        const v = JSON.parse('{"a": 1, "__proto__": {"b": 2}}') as unknown;
        expect(c.guard(v)).toBe(false);
        expect(c.issues(v)).toEqual([{path: 'v.__proto__', expected: 'no such property', message: 'unknown property "__proto__"'}]);
        expect(check(obj([prop('a', num)]), 'value').guard(v)).toBe(true);
    });

    it('an object with a null prototype is still an object', () => {
        const v = Object.create(null) as object;
        const own: [string, unknown][] = [
            ['constructor', 'c'],
            ['toString', 1],
            ['__proto__', 2],
        ];
        for (const [k, value] of own) Object.defineProperty(v, k, {value, enumerable: true, writable: true, configurable: true});
        expect(Object.keys(v)).toEqual(['constructor', 'toString', '__proto__']);
        for (const mode of modes) {
            expect(check(special, mode).guard(v)).toBe(true);
            expect(check(special, mode).issues(v)).toEqual([]);
        }
    });
});

describe('Date', () => {
    const accepted = [
        iso,
        '2024-01-31',
        '2024-01-31T10:00Z',
        '2024-01-31T10:00:00Z',
        '2024-01-31T10:00:00.1Z',
        '2024-01-31T10:00:00.123456789Z',
        '2024-01-31T10:00:00+05:30',
        '2024-01-31T10:00:00.000-08:00',
        '2024-02-29',
    ];
    const refused = [
        'nope',
        '',
        '2024-13-45',
        '2024-00-10',
        '2024-01-32',
        '2024-01-31T25:00:00Z',
        '2024-01-31T10:00',
        '2024-01-31T10:00:00',
        '2024-01-31T10:60:00Z',
        '2024-02-30',
        '2023-02-29',
        '2024-1-31',
        '31/01/2024',
        'Wed Jan 31 2024',
        '2024-01-31T10:00:00.000Z ',
        ' 2024-01-31',
        '2024-01-31T10:00:00.0000000000Z',
        '+002024-01-31',
        '2024-01-31' + ' '.repeat(50),
        '2024-01-31T10:00:00.000Z'.repeat(3),
        'x'.repeat(100_000),
        1706695200000,
        0,
        null,
        true,
        {},
        new Date(iso),
    ];

    it('json mode: ISO 8601 strings that parse', () => {
        expectAccepts(check(date, 'json'), accepted, refused);
        for (const s of accepted) expect(isIsoDateString(s), s).toBe(true);
        for (const s of refused) expect(isIsoDateString(s), String(s)).toBe(false);
    });

    it('json mode: a day that does not exist in its month is refused, not rolled over', () => {
        // Date.parse('2024-02-30') is March 1st in V8: the guard must not let it turn into another day.
        for (const s of ['2024-02-30', '2024-02-31', '2023-02-29', '2024-04-31', '2024-02-30T10:00:00Z']) {
            expect(isIsoDateString(s), s).toBe(false);
        }
    });

    it('json mode issue messages', () => {
        const c = check(date, 'json');
        expect(c.issues('nope')).toEqual([
            {path: 'v', expected: 'Date', message: 'expected an ISO 8601 date (2024-01-31) or date-time with zone (2024-01-31T10:00:00Z)'},
        ]);
        expect(c.issues(5)).toEqual([{path: 'v', expected: 'Date', message: 'expected Date, got number'}]);
    });

    it('value mode: valid Date objects only', () => {
        expectAccepts(check(date, 'value'), [new Date(), new Date(0), new Date(iso)], [new Date('nope'), iso, 0, null, {}, undefined]);
        expect(check(date, 'value').issues(new Date('nope'))).toEqual([
            {path: 'v', expected: 'Date', message: 'expected Date, got Invalid Date'},
        ]);
    });

    it('value mode: an ISO string where a Date is declared is not described as a bad ISO string', () => {
        // In value mode a string is refused because it is not a Date; "expected an ISO 8601 date string"
        // would tell the handler author that the (valid) ISO string is malformed.
        expect(check(date, 'value').issues(iso)).toEqual([{path: 'v', expected: 'Date', message: 'expected Date, got string'}]);
    });

    it('Date | null', () => {
        expectAccepts(check(union(date, nul), 'json'), [iso, null], ['nope', undefined, new Date()]);
        expectAccepts(check(union(date, nul), 'value'), [new Date(), null], [iso, new Date('x'), undefined]);
    });
});

describe('recursive types', () => {
    const tree = obj([prop('value', num), prop('children', arr(ref('Tree#1')))], {name: 'Tree', refId: 'Tree#1'});
    const leaf = (value: unknown): unknown => ({value, children: []});
    const deepTree = (bad: unknown): unknown => ({
        value: 1,
        children: [
            {value: 2, children: [leaf(3), leaf(bad)]},
            {value: 5, children: []},
        ],
    });

    for (const mode of modes) {
        describe(mode, () => {
            it('accepts a tree three levels deep', () => {
                const c = check(tree, mode);
                expectAccepts(c, [leaf(1), deepTree(4)], [deepTree('4'), deepTree(NaN), {value: 1}, {value: 1, children: [null]}]);
            });

            it('reports a bad leaf deep inside with its full path', () => {
                expect(check(tree, mode).issues(deepTree('4'), 't')).toEqual([
                    {path: 't.children[0].children[1].value', expected: 'number', message: 'expected number, got string'},
                ]);
            });

            it('works when the target is reached through a wrapper and through an unrolled copy', () => {
                // What reflection produces for `(ctx, t: Tree)`: the outer Tree is a copy without refId.
                const unrolled = obj([prop('value', num), prop('children', arr(tree))], {name: 'Tree'});
                const wrapper = obj([prop('root', unrolled), prop('other', union(tree, nul))]);
                const c = check(wrapper, mode);
                expectAccepts(
                    c,
                    [{root: deepTree(4), other: null}],
                    [
                        {root: deepTree('x'), other: null},
                        {root: leaf(1), other: deepTree('y')},
                    ],
                );
                expect(c.issues({root: deepTree('x'), other: null}, 'w')).toEqual([
                    {path: 'w.root.children[0].children[1].value', expected: 'number', message: 'expected number, got string'},
                ]);
            });
        });
    }

    it('json mode reports an unknown key deep inside', () => {
        const v = deepTree(4) as {children: {children: Record<string, unknown>[]}[]};
        (v.children[0]?.children[0] as Record<string, unknown>).extra = 1;
        expect(check(tree, 'json').issues(v, 't')).toEqual([
            {path: 't.children[0].children[0].extra', expected: 'no such property', message: 'unknown property "extra"'},
        ]);
    });

    it('mutually recursive types', () => {
        const a = obj([prop('b', ref('B#1'), true), prop('n', num)], {name: 'A', refId: 'A#1'});
        const b = obj([prop('a', ref('A#1'), true), prop('s', str)], {name: 'B', refId: 'B#1'});
        a.props[0] = prop('b', b, true);
        const c = check(a, 'json');
        expectAccepts(c, [{n: 1}, {n: 1, b: {s: 'x', a: {n: 2, b: {s: 'y'}}}}], [{n: 1, b: {s: 'x', a: {n: '2'}}}]);
        expect(c.issues({n: 1, b: {s: 'x', a: {n: 2, b: {s: 3}}}}, 'r')).toEqual([
            {path: 'r.b.a.b.s', expected: 'string', message: 'expected string, got number'},
        ]);
    });

    it('collectRefTargets finds every target once', () => {
        const refs = collectRefTargets(obj([prop('t', tree), prop('u', arr(tree))]));
        expect([...refs.keys()]).toEqual(['Tree#1']);
        expect(refs.get('Tree#1')).toBe(tree);
    });
});

describe('collectors: several failures at once', () => {
    const user = obj(
        [
            prop('id', num),
            prop('name', str),
            prop('lastUpdate', date),
            prop('tags', arr(str)),
            prop('address', obj([prop('city', str), prop('zip', str, true)]), true),
        ],
        {name: 'User'},
    );
    const params = tuple(item(user), item(bool, {optional: true}));

    it('reports exact paths and messages (json mode)', () => {
        const c = check(params, 'json');
        const bad = [{id: 'x', lastUpdate: 'nope', tags: ['a', 'b', 3], address: {city: 1, zip: 'z', street: 's'}, password: 'p'}, 'yes'];
        expect(c.guard(bad)).toBe(false);
        expect(c.issues(bad, 'p')).toEqual([
            {path: 'p[0].id', expected: 'number', message: 'expected number, got string'},
            {path: 'p[0].name', expected: 'string', message: 'required property is missing'},
            {
                path: 'p[0].lastUpdate',
                expected: 'Date',
                message: 'expected an ISO 8601 date (2024-01-31) or date-time with zone (2024-01-31T10:00:00Z)',
            },
            {path: 'p[0].tags[2]', expected: 'string', message: 'expected string, got number'},
            {path: 'p[0].address.city', expected: 'string', message: 'expected string, got number'},
            {path: 'p[0].address.street', expected: 'no such property', message: 'unknown property "street"'},
            {path: 'p[0].password', expected: 'no such property', message: 'unknown property "password"'},
            {path: 'p[1]', expected: 'boolean', message: 'expected boolean, got string'},
        ]);
    });

    it('reports exact paths and messages (value mode)', () => {
        const c = check(params, 'value');
        const bad = [{id: 1, name: 'n', lastUpdate: new Date('nope'), tags: [null], password: 'p'}, false];
        expect(c.issues(bad, 'r')).toEqual([
            {path: 'r[0].lastUpdate', expected: 'Date', message: 'expected Date, got Invalid Date'},
            {path: 'r[0].tags[0]', expected: 'string', message: 'expected string, got null'},
        ]);
    });

    it('a passing value yields no issues', () => {
        expect(check(params, 'json').issues([{id: 1, name: 'n', lastUpdate: iso, tags: []}, true], 'p')).toEqual([]);
        expect(check(params, 'value').issues([{id: 1, name: 'n', lastUpdate: new Date(), tags: ['a'], extra: 1}], 'p')).toEqual([]);
    });
});

describe('acceptsUndefined', () => {
    it('is true for undefined, any, unknown and unions holding one of them', () => {
        expect([undef, anyT, unknownT, union(str, undef), union(num, union(nul, unknownT))].map(acceptsUndefined)).toEqual([
            true,
            true,
            true,
            true,
            true,
        ]);
        expect([str, nul, neverT, union(str, nul), arr(undef), obj([])].map(acceptsUndefined)).toEqual([
            false,
            false,
            false,
            false,
            false,
            false,
        ]);
    });
});

describe('guard and collector always agree', () => {
    const tree = obj([prop('value', num), prop('children', arr(ref('Node#1')))], {name: 'Node', refId: 'Node#1'});
    const types: [string, TypeNode][] = [
        ['string', str],
        ['number', num],
        ['literal union', union(lit('a'), lit(1), lit(true))],
        ['Date | null', union(date, nul)],
        ['number[]', arr(num)],
        ['[string, number?]', tuple(item(str), item(num, {optional: true}))],
        ['[Date, ...number[]]', tuple(item(date), item(num, {rest: true}))],
        [
            'object',
            obj([prop('a', num), prop('b', str, true), prop('c', union(date, undef)), prop('constructor', bool, true)], {name: 'O'}),
        ],
        ['Record<string, Date>', obj([], {index: date})],
        ['tree', tree],
        ['array of unions of objects', arr(union(obj([prop('k', lit('a')), prop('n', num)]), obj([prop('k', lit('b'))])))],
    ];
    // JSON-representable samples (the json mode only ever sees parsed JSON).
    const jsonSamples: unknown[] = [
        null,
        0,
        1.5,
        '',
        'x',
        iso,
        '2024-99-99',
        true,
        [],
        [1],
        ['a'],
        ['a', 1],
        ['a', 1, 2],
        [iso, 1, 2],
        [iso, 'x'],
        [{k: 'a', n: 1}, {k: 'b'}],
        [{k: 'a'}],
        [{k: 'b', n: 1}],
        {},
        {a: 1},
        {a: 1, b: 'x', c: iso},
        {a: 1, c: 'nope'},
        {a: 1, z: 0},
        {x: iso, y: iso},
        {x: iso, y: 3},
        {value: 1, children: []},
        {value: 1, children: [{value: 2, children: [{value: '3', children: []}]}]},
        {value: 1, children: [{value: 2, children: [], extra: 1}]},
        JSON.parse('{"__proto__": 1, "a": 1}'),
        JSON.parse('{"constructor": true, "a": 1}'),
        JSON.parse('{"constructor": "x", "a": 1}'),
    ];
    const valueSamples: unknown[] = [
        ...jsonSamples,
        undefined,
        NaN,
        new Date(),
        new Date('x'),
        {a: 1, c: new Date()},
        {a: 1, c: new Date('x')},
        {a: 1, b: undefined},
        [new Date(), 1],
        {x: new Date()},
        [undefined],
        ['a', undefined],
    ];

    for (const [name, node] of types) {
        it(name, () => {
            for (const mode of modes) {
                const c = check(node, mode);
                for (const v of mode === 'json' ? jsonSamples : valueSamples) {
                    const issues = c.issues(v);
                    expect(c.guard(v), `${mode} ${JSON.stringify(v)}: ${JSON.stringify(issues)}`).toBe(issues.length === 0);
                }
            }
        });
    }
});

describe('canonical ISO fast path', () => {
    it('agrees with Date.parse on canonical strings, and refuses impossible ones', async () => {
        const {dateFromIso} = await import('./validator.js');
        for (const v of [
            '2024-01-31T10:00:00.000Z',
            '2024-02-29T23:59:59.999Z',
            '1970-01-01T00:00:00.000Z',
            '0050-06-01T00:00:00.000Z',
            '9999-12-31T23:59:59.999Z',
        ]) {
            expect(isIsoDateString(v), v).toBe(true);
            expect((dateFromIso(v) as Date).getTime(), v).toBe(Date.parse(v));
        }
        for (const v of [
            '2023-02-29T10:00:00.000Z',
            '2024-04-31T10:00:00.000Z',
            '2024-01-31T24:00:00.000Z',
            '2024-01-31T10:60:00.000Z',
            '2024-01-31T10:00:60.000Z',
            '2024-1a-31T10:00:00.000Z',
        ]) {
            expect(isIsoDateString(v), v).toBe(false);
        }
        // A string validated earlier than the last one still converts correctly.
        isIsoDateString('2020-01-01T00:00:00.000Z');
        isIsoDateString('2021-01-01T00:00:00.000Z');
        expect((dateFromIso('2020-01-01T00:00:00.000Z') as Date).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    });
});
