import {describe, expect, it} from 'vitest';
import {TypeNode} from '@hookline/core';
import {buildHeaderConverter, HeaderConversion, isHeaderType} from './header-value.js';

const str: TypeNode = {kind: 'string'};
const num: TypeNode = {kind: 'number'};
const bool: TypeNode = {kind: 'boolean'};
const undef: TypeNode = {kind: 'undefined'};
const lit = (value: string | number | boolean): TypeNode => ({kind: 'literal', value});
const union = (...members: TypeNode[]): TypeNode => ({kind: 'union', members});

const ok = (value: unknown): HeaderConversion => ({ok: true, value});

/** Converts every raw string and checks the converted value (or refusal). */
function expectConversions(node: TypeNode, accepted: [string, unknown][], refused: string[], message?: string): void {
    const convert = buildHeaderConverter(node);
    for (const [raw, value] of accepted) expect(convert(raw), JSON.stringify(raw)).toEqual(ok(value));
    for (const raw of refused) {
        const r = convert(raw);
        expect(r.ok, JSON.stringify(raw)).toBe(false);
        if (message !== undefined && !r.ok) expect(r.message).toBe(message);
    }
}

describe('isHeaderType', () => {
    it('accepts string, number, boolean, literals, undefined and unions of them', () => {
        for (const node of [
            str,
            num,
            bool,
            lit('a'),
            lit(1),
            lit(true),
            undef,
            union(str, undef),
            union(num, bool),
            union(lit('a'), lit('b'), num),
        ]) {
            expect(isHeaderType(node), JSON.stringify(node)).toBe(true);
        }
    });

    it('refuses everything else, also inside unions', () => {
        for (const node of [
            {kind: 'null'},
            {kind: 'any'},
            {kind: 'unknown'},
            {kind: 'never'},
            {kind: 'date'},
            {kind: 'array', items: str},
            {kind: 'tuple', items: [{type: str, optional: false, rest: false}]},
            {kind: 'object', props: []},
            {kind: 'ref', ref: 'X#1'},
            union(str, {kind: 'null'}),
            union(num, {kind: 'date'}),
        ] as TypeNode[]) {
            expect(isHeaderType(node), JSON.stringify(node)).toBe(false);
        }
    });
});

describe('buildHeaderConverter', () => {
    it('string: passthrough, untouched (no trimming)', () => {
        expectConversions(
            str,
            [
                ['abc', 'abc'],
                ['', ''],
                [' 7 ', ' 7 '],
                ['true', 'true'],
            ],
            [],
        );
    });

    it('number: finite decimal numbers, trimmed', () => {
        expectConversions(
            num,
            [
                ['5', 5],
                ['-1.5', -1.5],
                ['1e3', 1000],
                ['1E-2', 0.01],
                [' 7 ', 7],
                ['+3', 3],
                ['.5', 0.5],
                ['5.', 5],
                ['0', 0],
                ['007', 7],
            ],
            [
                'abc',
                '',
                ' ',
                'NaN',
                'Infinity',
                '-Infinity',
                '1e999',
                '0x10',
                '0b1',
                '0o7',
                '1_000',
                '5px',
                '1,5',
                '1 2',
                '--1',
                '.',
                'e3',
                'true',
            ],
            'expected number',
        );
    });

    it('boolean: only true/false/1/0 after trimming; anything else is refused, not read as false', () => {
        expectConversions(
            bool,
            [
                ['true', true],
                ['false', false],
                ['1', true],
                ['0', false],
                [' true ', true],
                ['\t0', false],
            ],
            ['nope', 'yes', 'no', 'TRUE', 'False', 'on', 'off', '', '2', '-1', '1.0', 't'],
            'expected boolean',
        );
    });

    it('string literals: exact match only', () => {
        expectConversions(
            union(lit('fast'), lit('slow')),
            [
                ['fast', 'fast'],
                ['slow', 'slow'],
            ],
            ['FAST', ' fast', 'medium', ''],
            'expected "fast" | "slow"',
        );
    });

    it('number and boolean literals convert, then compare', () => {
        expectConversions(
            lit(2),
            [
                ['2', 2],
                [' 2 ', 2],
                ['2.0', 2],
                ['2e0', 2],
            ],
            ['3', 'two', ''],
            'expected 2',
        );
        expectConversions(
            lit(true),
            [
                ['true', true],
                ['1', true],
            ],
            ['false', '0', 'yes'],
            'expected true',
        );
    });

    it('number | boolean: numbers first, then booleans', () => {
        expectConversions(
            union(num, bool),
            [
                ['5', 5],
                ['1', 1],
                ['0', 0],
                ['true', true],
                ['false', false],
            ],
            ['nope', 'NaN', ''],
            'expected number | boolean',
        );
    });

    it('string | number: a numeric header becomes a number, anything else stays a string', () => {
        expectConversions(
            union(str, num),
            [
                ['5', 5],
                ['abc', 'abc'],
                ['', ''],
                ['NaN', 'NaN'],
            ],
            [],
        );
    });

    it('number | a string literal', () => {
        expectConversions(
            union(lit('auto'), num),
            [
                ['auto', 'auto'],
                ['12', 12],
            ],
            ['Auto', 'x'],
            'expected "auto" | number',
        );
    });

    it('string | undefined is a plain string', () => {
        expectConversions(
            union(str, undef),
            [
                ['x', 'x'],
                ['', ''],
            ],
            [],
        );
    });

    it('number | undefined still refuses non-numbers', () => {
        expectConversions(union(num, undef), [['4', 4]], ['x', ''], 'expected number | undefined');
    });
});
