import {describe, expect, it} from 'vitest';
import {typeNodeToString} from './type-node.js';

describe('typeNodeToString', () => {
    it('writes TypeScript notation', () => {
        expect(typeNodeToString({kind: 'array', items: {kind: 'union', members: [{kind: 'number'}, {kind: 'null'}]}})).toBe(
            '(number | null)[]',
        );
        expect(
            typeNodeToString({
                kind: 'tuple',
                items: [
                    {type: {kind: 'string'}, optional: false, rest: false},
                    {type: {kind: 'number'}, optional: true, rest: false},
                    {type: {kind: 'date'}, optional: false, rest: true},
                ],
            }),
        ).toBe('[string, number?, ...Date[]]');
        expect(typeNodeToString({kind: 'ref', ref: 'Comment#3'})).toBe('Comment');
        expect(
            typeNodeToString({
                kind: 'tuple',
                items: [
                    {type: {kind: 'number'}, optional: false, rest: false},
                    {type: {kind: 'union', members: [{kind: 'string'}, {kind: 'null'}]}, optional: true, rest: false},
                ],
            }),
        ).toBe('[number, (string | null)?]');
        expect(typeNodeToString({kind: 'literal', value: 'a'})).toBe('"a"');
        expect(typeNodeToString({kind: 'object', props: [], index: {kind: 'number'}})).toBe('Record<string, number>');
    });
});
