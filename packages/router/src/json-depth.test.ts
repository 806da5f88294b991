import {describe, expect, it} from 'vitest';
import {exceedsJsonDepth} from './json-depth.js';

describe('exceedsJsonDepth', () => {
    it('counts nested objects and arrays, the outermost value being level 1', () => {
        expect(exceedsJsonDepth('{"id": [{"a": 1}]}', 3)).toBe(false);
        expect(exceedsJsonDepth('{"id": [{"a": 1}]}', 2)).toBe(true);
        expect(exceedsJsonDepth('[[[[]]]]', 4)).toBe(false);
        expect(exceedsJsonDepth('[[[[]]]]', 3)).toBe(true);
    });

    it('counts depth, not brackets: siblings do not add up', () => {
        const wide = `[${'{"a":[1]},'.repeat(1000)}1]`;
        expect(exceedsJsonDepth(wide, 3)).toBe(false);
        expect(exceedsJsonDepth(wide, 2)).toBe(true);
    });

    it('ignores brackets inside strings, escaped quotes included', () => {
        expect(exceedsJsonDepth(`{"a": "${'[{'.repeat(100)}"}`, 1)).toBe(false);
        expect(exceedsJsonDepth(`{"a": "\\"${'['.repeat(100)}"}`, 1)).toBe(false);
        expect(exceedsJsonDepth(`{"a\\\\": [${'['.repeat(10)}]}`, 5)).toBe(true);
    });

    it('works on text that is not valid JSON (it runs before parsing)', () => {
        expect(exceedsJsonDepth('['.repeat(100_000), 64)).toBe(true);
        expect(exceedsJsonDepth('}'.repeat(100) + '['.repeat(10), 64)).toBe(false);
    });
});
