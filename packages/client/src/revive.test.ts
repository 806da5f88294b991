import {describe, expect, it} from 'vitest';
import {ObjectTypeNode, TypeNode} from '@hookline/core';
import {compileReviver} from './revive.js';

const date: TypeNode = {kind: 'date'};
const str: TypeNode = {kind: 'string'};
const num: TypeNode = {kind: 'number'};
const iso = '2024-01-31T10:00:00.000Z';
const at = new Date(iso);
const obj = (props: [string, TypeNode, boolean?][], extra: Partial<ObjectTypeNode> = {}): ObjectTypeNode => ({
    kind: 'object',
    props: props.map(([name, type, optional]) => ({name, type, optional: optional ?? false})),
    ...extra,
});
const revive = (node: TypeNode, value: unknown): unknown => {
    const r = compileReviver(node);
    return r === undefined ? value : r(value);
};

describe('compileReviver', () => {
    it('costs nothing for types without Dates', () => {
        expect(compileReviver(str)).toBeUndefined();
        expect(compileReviver(obj([['a', {kind: 'array', items: num}]]))).toBeUndefined();
        expect(compileReviver({kind: 'union', members: [str, {kind: 'null'}]})).toBeUndefined();
    });

    it('revives Dates at the top, in arrays, tuples (rest too), objects and index signatures', () => {
        expect(revive(date, iso)).toEqual(at);
        expect(revive({kind: 'array', items: date}, [iso, iso])).toEqual([at, at]);
        const tuple: TypeNode = {
            kind: 'tuple',
            items: [
                {type: str, optional: false, rest: false},
                {type: date, optional: true, rest: false},
                {type: date, optional: false, rest: true},
            ],
        };
        expect(revive(tuple, ['a', iso, iso, iso])).toEqual(['a', at, at, at]);
        expect(revive(tuple, ['a'])).toEqual(['a']);
        const record = obj([['created', date]], {index: date});
        expect(revive(record, {created: iso, x: iso, y: iso})).toEqual({created: at, x: at, y: at});
        expect(revive(obj([['until', date, true]]), {})).toEqual({});
    });

    it('leaves values that are not of the declared shape alone', () => {
        expect(revive(date, 5)).toBe(5);
        expect(revive({kind: 'array', items: date}, 'x')).toBe('x');
        expect(revive(obj([['at', date]]), null)).toBeNull();
        expect(revive(obj([['at', date]]), [iso])).toEqual([iso]);
    });

    it('picks union members by their JSON shape; keeps a string when `string` is a member too', () => {
        const nullable: TypeNode = {kind: 'union', members: [date, {kind: 'null'}]};
        expect(revive(nullable, iso)).toEqual(at);
        expect(revive(nullable, null)).toBeNull();
        const point = obj([
            ['kind', {kind: 'literal', value: 'point'}],
            ['x', num],
        ]);
        const stamp = obj([
            ['kind', {kind: 'literal', value: 'stamp'}],
            ['x', num],
            ['at', date],
        ]);
        const shapes: TypeNode = {kind: 'array', items: {kind: 'union', members: [point, stamp]}};
        expect(
            revive(shapes, [
                {kind: 'point', x: 1},
                {kind: 'stamp', x: 2, at: iso},
            ]),
        ).toEqual([
            {kind: 'point', x: 1},
            {kind: 'stamp', x: 2, at},
        ]);
        // Same keys but the optional one: the member with more keys matches only when they are there.
        const loose = obj([['a', str]]);
        const dated = obj([
            ['a', str],
            ['at', date, true],
        ]);
        expect(revive({kind: 'union', members: [loose, dated]}, {a: 'x', at: iso})).toEqual({a: 'x', at});
        expect(revive({kind: 'union', members: [date, str]}, iso)).toBe(iso);
        expect(revive({kind: 'union', members: [date, num]}, 'not a date')).toBe('not a date');
    });

    it('follows recursive types through their refs', () => {
        const folder: ObjectTypeNode = obj(
            [
                ['created', date],
                ['children', {kind: 'array', items: {kind: 'ref', ref: 'Folder#1'}}],
            ],
            {name: 'Folder', refId: 'Folder#1'},
        );
        const value = {created: iso, children: [{created: iso, children: [{created: iso, children: []}]}]};
        expect(revive(folder, value)).toEqual({created: at, children: [{created: at, children: [{created: at, children: []}]}]});
        // A ref without its target (cut metadata) is left alone.
        expect(revive({kind: 'array', items: {kind: 'ref', ref: 'Gone#9'}}, [iso])).toEqual([iso]);
    });

    it('reads own properties only', () => {
        const value = JSON.parse('{"__proto__": {"at": "x"}}') as object;
        expect(revive(obj([['at', date, true]]), value)).toEqual(value);
    });
});
