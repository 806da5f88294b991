import {describe, expect, it} from 'vitest';
import {later, randomId, utf8Length} from './platform.js';

describe('platform', () => {
    it('utf8Length counts as Buffer.byteLength does, surrogate pairs and lone surrogates included', () => {
        for (const text of ['', 'abc', 'é', '€uro', '😀', 'a😀b', '\ud800', 'x\udc00y', '\ud83d\ude00\ud83d', 'ü'.repeat(1000)])
            expect([text, utf8Length(text)]).toEqual([text, Buffer.byteLength(text, 'utf8')]);
    });

    it('randomId gives distinct UUIDs', () => {
        const a = randomId();
        expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(randomId()).not.toBe(a);
    });

    it('later runs on a later turn, not now', async () => {
        let ran = false;
        later(() => (ran = true));
        expect(ran).toBe(false);
        await new Promise((r) => setTimeout(r, 5));
        expect(ran).toBe(true);
    });
});
