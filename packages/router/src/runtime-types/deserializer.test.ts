import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {buildDeserializer, Deserializer, needsDeserialization} from './deserializer.js';
import {reflectHandler} from './reflect-handler.js';
import {ValidatorBuilder} from './validator.js';
import {str, num, nul, undef, date, lit, arr, union, prop, obj, item, tuple, ref} from '../test-support/type-nodes.js';

const iso1 = '2024-01-31T10:00:00.000Z';
const iso2 = '2024-02-29T23:59:59.999Z';
const iso3 = '2023-06-01T00:00:00.000Z';

/** The deserializer of a type that must have one. */
function deserializerOf(node: TypeNode): Deserializer {
    expect(needsDeserialization(node)).toBe(true);
    const d = buildDeserializer(node);
    if (d === undefined) throw new Error('expected a deserializer');
    return d;
}

/** Parses JSON text, checks it against the json guard first (deserializers only see validated values). */
function parseValid(node: TypeNode, text: string): unknown {
    const v = JSON.parse(text) as unknown;
    const b = new ValidatorBuilder(node, 'json');
    expect(b.guard(node)(v), `fixture must be valid: ${text}`).toBe(true);
    return v;
}

function expectDate(v: unknown, isoString: string): void {
    expect(v).toBeInstanceOf(Date);
    expect((v as Date).toISOString()).toBe(isoString);
}

describe('needsDeserialization / nothing to do', () => {
    const tree = obj([prop('value', num), prop('children', arr(ref('Tree#1')))], {name: 'Tree', refId: 'Tree#1'});
    const dateFree: [string, TypeNode][] = [
        ['string', str],
        ['number', num],
        ['literal', lit('2024-01-31')],
        ['any', {kind: 'any'}],
        ['unknown', {kind: 'unknown'}],
        ['array', arr(arr(num))],
        ['tuple', tuple(item(str), item(num, {optional: true}), item(str, {rest: true}))],
        ['union', union(str, num, nul)],
        ['object', obj([prop('a', str), prop('b', obj([prop('c', arr(str))]), true)], {index: union(num, str)})],
        ['recursive tree', tree],
        ['ref wrapper', obj([prop('t', tree), prop('u', arr(ref('Tree#1')))])],
    ];

    for (const [name, node] of dateFree) {
        it(`${name}: no deserializer`, () => {
            expect(needsDeserialization(node)).toBe(false);
            expect(buildDeserializer(node)).toBeUndefined();
        });
    }

    it('is true as soon as a Date is reachable', () => {
        expect(needsDeserialization(date)).toBe(true);
        expect(needsDeserialization(union(str, arr(obj([prop('at', date, true)]))))).toBe(true);
        expect(needsDeserialization(tuple(item(str), item(date, {rest: true})))).toBe(true);
        expect(needsDeserialization(obj([], {index: date}))).toBe(true);
        const datedTree = obj([prop('children', arr(ref('T#1'))), prop('at', date)], {refId: 'T#1'});
        expect(needsDeserialization(datedTree)).toBe(true);
        expect(needsDeserialization(obj([prop('wrapped', arr(datedTree))]))).toBe(true);
    });
});

describe('Dates revived at any depth, in place', () => {
    it('a top-level Date', () => {
        expectDate(deserializerOf(date)(iso1), iso1);
        expectDate(deserializerOf(date)('2024-01-31'), '2024-01-31T00:00:00.000Z');
        expectDate(deserializerOf(date)('2024-01-31T10:00:00+02:00'), '2024-01-31T08:00:00.000Z');
    });

    it('object properties, mutating and returning the same object', () => {
        const node = obj([prop('id', num), prop('createdAt', date), prop('updatedAt', date, true), prop('name', str)]);
        const v = parseValid(node, JSON.stringify({id: 1, createdAt: iso1, updatedAt: iso2, name: iso3}));
        const out = deserializerOf(node)(v) as Record<string, unknown>;
        expect(out).toBe(v);
        expectDate(out.createdAt, iso1);
        expectDate(out.updatedAt, iso2);
        expect(out.name).toBe(iso3);
        expect(out.id).toBe(1);
    });

    it('an absent optional Date stays absent', () => {
        const node = obj([prop('at', date, true), prop('maybe', union(date, undef))]);
        const v = deserializerOf(node)({}) as Record<string, unknown>;
        expect(Object.keys(v)).toEqual([]);
    });

    it('nested objects', () => {
        const node = obj([prop('outer', obj([prop('inner', obj([prop('at', date)]))]))]);
        const v = parseValid(node, JSON.stringify({outer: {inner: {at: iso1}}})) as {outer: {inner: {at: unknown}}};
        const inner = v.outer.inner;
        deserializerOf(node)(v);
        expect(v.outer.inner).toBe(inner);
        expectDate(v.outer.inner.at, iso1);
    });

    it('arrays, in place', () => {
        const node = arr(date);
        const v = [iso1, iso2];
        const out = deserializerOf(node)(v) as unknown[];
        expect(out).toBe(v);
        expectDate(out[0], iso1);
        expectDate(out[1], iso2);
        expect(deserializerOf(node)([])).toEqual([]);
    });

    it('arrays of arrays of objects', () => {
        const node = arr(arr(obj([prop('at', date)])));
        const v = parseValid(node, JSON.stringify([[{at: iso1}], [], [{at: iso2}, {at: iso3}]])) as {at: unknown}[][];
        deserializerOf(node)(v);
        expectDate(v[0]?.[0]?.at, iso1);
        expectDate(v[2]?.[1]?.at, iso3);
    });

    it('tuples: fixed, optional and rest members', () => {
        const node = tuple(item(str), item(date), item(num, {optional: true}), item(date, {rest: true}));
        const v = [iso1, iso2, 5, iso3, iso1];
        const out = deserializerOf(node)(v) as unknown[];
        expect(out).toBe(v);
        expect(out[0]).toBe(iso1);
        expectDate(out[1], iso2);
        expect(out[2]).toBe(5);
        expectDate(out[3], iso3);
        expectDate(out[4], iso1);

        const optional = tuple(item(str), item(date, {optional: true}));
        const short = ['a'];
        expect(deserializerOf(optional)(short)).toEqual(['a']);
        expect(short).toHaveLength(1);
    });

    it('index signatures, leaving declared non-Date props alone', () => {
        const node = obj([prop('count', num), prop('label', str)], {index: union(date, num)});
        const v = parseValid(node, JSON.stringify({count: 2, label: iso3, a: iso1, b: 7, c: iso2})) as Record<string, unknown>;
        deserializerOf(node)(v);
        expect(v.count).toBe(2);
        expect(v.label).toBe(iso3);
        expectDate(v.a, iso1);
        expect(v.b).toBe(7);
        expectDate(v.c, iso2);

        const record = obj([], {index: date, name: 'Record'});
        const r = deserializerOf(record)(JSON.parse(JSON.stringify({x: iso1, y: iso2}))) as Record<string, unknown>;
        expectDate(r.x, iso1);
        expectDate(r.y, iso2);
    });

    it('Date | null', () => {
        const node = obj([prop('at', union(date, nul))]);
        const d = deserializerOf(node);
        expectDate((d({at: iso1}) as {at: unknown}).at, iso1);
        expect((d({at: null}) as {at: unknown}).at).toBeNull();
        const top = deserializerOf(union(nul, date));
        expect(top(null)).toBeNull();
        expectDate(top(iso2), iso2);
    });

    it('Date | string prefers the Date for a date string, keeps other strings', () => {
        const d = deserializerOf(union(str, date));
        expectDate(d(iso1), iso1);
        expect(d('hello')).toBe('hello');
    });

    it('a union of object types where only one member has a Date', () => {
        const event = obj([prop('kind', lit('event')), prop('at', date)], {name: 'Event'});
        const note = obj([prop('kind', lit('note')), prop('text', str)], {name: 'Note'});
        const node = arr(union(note, event));
        const v = parseValid(
            node,
            JSON.stringify([
                {kind: 'note', text: iso1},
                {kind: 'event', at: iso2},
            ]),
        ) as Record<string, unknown>[];
        deserializerOf(node)(v);
        expect(v[0]).toEqual({kind: 'note', text: iso1});
        expect(v[1]?.kind).toBe('event');
        expectDate(v[1]?.at, iso2);
    });

    it('recursive trees, every level', () => {
        const tree = obj([prop('at', date), prop('children', arr(ref('Tree#1'))), prop('label', str, true)], {
            name: 'Tree',
            refId: 'Tree#1',
        });
        const text = JSON.stringify({
            at: iso1,
            label: iso3,
            children: [
                {at: iso2, children: [{at: iso3, children: []}]},
                {at: iso1, children: []},
            ],
        });
        const v = parseValid(tree, text) as {at: unknown; label: unknown; children: {at: unknown; children: {at: unknown}[]}[]};
        deserializerOf(tree)(v);
        expectDate(v.at, iso1);
        expect(v.label).toBe(iso3);
        expectDate(v.children[0]?.at, iso2);
        expectDate(v.children[0]?.children[0]?.at, iso3);
        expectDate(v.children[1]?.at, iso1);
    });

    it('a recursive type reached only through a wrapper and a ref', () => {
        const tree = obj([prop('at', date), prop('next', union(ref('L#1'), nul))], {name: 'L', refId: 'L#1'});
        const wrapper = obj([prop('list', tree), prop('again', arr(ref('L#1')))]);
        const v = parseValid(
            wrapper,
            JSON.stringify({list: {at: iso1, next: {at: iso2, next: null}}, again: [{at: iso3, next: null}]}),
        ) as {
            list: {at: unknown; next: {at: unknown}};
            again: {at: unknown}[];
        };
        deserializerOf(wrapper)(v);
        expectDate(v.list.at, iso1);
        expectDate(v.list.next.at, iso2);
        expectDate(v.again[0]?.at, iso3);
    });

    it('properties named like Object.prototype members', () => {
        const node = obj([prop('constructor', date, true), prop('__proto__', date, true), prop('toString', date, true)]);
        const d = deserializerOf(node);
        const v = JSON.parse(`{"__proto__": "${iso1}", "constructor": "${iso2}"}`) as Record<string, unknown>;
        d(v);
        expect(Object.prototype.hasOwnProperty.call(v, '__proto__')).toBe(true);
        expectDate(v['__proto__'], iso1);
        expectDate(v.constructor, iso2);
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        // Absent: the inherited members are not touched (nor turned into own properties).
        const empty = d({}) as Record<string, unknown>;
        expect(Object.keys(empty)).toEqual([]);
        expect(empty.toString).toBe(Object.prototype.toString);
    });
});

interface Reflected {
    id: number;
    when: Date;
    history: {at: Date; note: string}[];
    nested: ReflectedNode;
}

interface ReflectedNode {
    at: Date | null;
    kids: ReflectedNode[];
}

describe('with reflected types', () => {
    it('revives Dates in a reflected param type, recursive part included', () => {
        const sig = reflectHandler((ctx: unknown, r: Reflected): number => r.id, 'test');
        const node = sig.params[1]?.type as TypeNode;
        const text = JSON.stringify({
            id: 1,
            when: iso1,
            history: [{at: iso2, note: iso3}],
            nested: {at: null, kids: [{at: iso3, kids: [{at: iso1, kids: []}]}]},
        });
        const v = parseValid(node, text) as {
            when: unknown;
            history: {at: unknown; note: unknown}[];
            nested: {at: unknown; kids: {at: unknown; kids: {at: unknown}[]}[]};
        };
        deserializerOf(node)(v);
        expectDate(v.when, iso1);
        expectDate(v.history[0]?.at, iso2);
        expect(v.history[0]?.note).toBe(iso3);
        expect(v.nested.at).toBeNull();
        expectDate(v.nested.kids[0]?.at, iso3);
        expectDate(v.nested.kids[0]?.kids[0]?.at, iso1);
    });
});
