import {describe, expect, it} from 'vitest';
import {headersView} from './headers-view.js';

const request = () =>
    new Headers([
        ['Content-Type', 'application/json'],
        ['Authorization', 'a'],
        ['authorization', 'b'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['X-One', '1'],
    ]);

describe('headersView', () => {
    it('reads as the copied record did: lower-case names, repeats joined, set-cookie as its values', () => {
        const h = headersView(request());
        expect(h['content-type']).toBe('application/json');
        expect(h.authorization).toBe('a, b');
        expect(h['set-cookie']).toEqual(['a=1', 'b=2']);
        expect(h['x-missing']).toBeUndefined();
        // A record's keys are lower case: a mixed-case read finds nothing, as on the record.
        expect(h['Content-Type']).toBeUndefined();
        // A name Headers refuses (it would throw): no such header.
        expect(h['not a name']).toBeUndefined();
        expect(headersView(new Headers([['set-cookie', 'only=1']]))['set-cookie']).toBe('only=1');
    });

    it('enumerates, spreads, compares and serializes like the record', () => {
        const h = headersView(request());
        const record = {'content-type': 'application/json', authorization: 'a, b', 'set-cookie': ['a=1', 'b=2'], 'x-one': '1'};
        expect(Object.keys(h).sort()).toEqual(Object.keys(record).sort());
        expect({...h}).toEqual(record);
        expect(h).toEqual(record);
        expect(JSON.parse(JSON.stringify(h))).toEqual(record);
        expect('authorization' in h).toBe(true);
        expect('x-missing' in h).toBe(false);
        expect(Object.prototype.hasOwnProperty.call(h, 'x-one')).toBe(true);
        expect(String(h)).toBe('[object Object]');
    });

    it('takes writes and deletes on the view, never on the request', () => {
        const headers = request();
        const h = headersView(headers);
        h['x-request-id'] = 'r-1';
        delete h['x-one'];
        expect(h['x-request-id']).toBe('r-1');
        expect(h['x-one']).toBeUndefined();
        expect('x-one' in h).toBe(false);
        expect(Object.keys(h)).toContain('x-request-id');
        expect(Object.keys(h)).not.toContain('x-one');
        expect(headers.get('x-request-id')).toBeNull();
        expect(headers.get('x-one')).toBe('1');
    });
});
