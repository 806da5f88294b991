import {describe, expect, it} from 'vitest';
import {toResponse} from './response.js';

describe('toResponse', () => {
    it('carries status, headers and the UTF-8 body', async () => {
        const res = toResponse({
            statusCode: 201,
            headers: {'content-type': 'application/json; charset=utf-8', 'x-a': 'b'},
            body: '{"x":"é✓"}',
        });
        expect(res.status).toBe(201);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(res.headers.get('x-a')).toBe('b');
        expect(await res.text()).toBe('{"x":"é✓"}');
    });

    it("leaves out the router's connection header, without changing the router's object", () => {
        const headers = {'content-type': 'application/json; charset=utf-8', connection: 'close'};
        const res = toResponse({statusCode: 413, headers, body: '{}'});
        expect(res.headers.has('connection')).toBe(false);
        expect(headers.connection).toBe('close');
    });

    it('gives every JSON response its own headers, whatever its status', async () => {
        const json = {'content-type': 'application/json; charset=utf-8'};
        const a = toResponse({statusCode: 200, headers: {...json}, body: '{"a":1}'});
        const b = toResponse({statusCode: 400, headers: {...json}, body: '{"b":2}'});
        expect([a.status, b.status]).toEqual([200, 400]);
        expect(a.headers.get('content-type')).toBe(json['content-type']);
        expect(b.headers.get('content-type')).toBe(json['content-type']);
        a.headers.set('x-a', '1');
        expect(b.headers.has('x-a')).toBe(false);
        expect(toResponse({statusCode: 200, headers: {...json}, body: '{}'}).headers.has('x-a')).toBe(false);
        expect([await a.text(), await b.text()]).toEqual(['{"a":1}', '{"b":2}']);
        // Another content type, or one more header, is sent as given.
        const text = toResponse({statusCode: 200, headers: {'content-type': 'text/plain'}, body: 'x'});
        expect(text.headers.get('content-type')).toBe('text/plain');
        const more = toResponse({statusCode: 200, headers: {...json, 'x-b': '2'}, body: '{}'});
        expect(more.headers.get('x-b')).toBe('2');
    });
});
