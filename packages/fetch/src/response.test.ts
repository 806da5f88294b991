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
});
