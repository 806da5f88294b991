import {describe, expect, it} from 'vitest';
import {FetchRouterRequest, pathOf, requestHeadersOf, toRouterRequest} from './request.js';

describe('pathOf', () => {
    it.each([
        ['https://api.example.test/users/getUser', '/users/getUser'],
        ['https://api.example.test/users/getUser?x=1&y=2', '/users/getUser'],
        ['http://127.0.0.1:8787/a/b?q#f', '/a/b'],
        ['http://h/a#frag', '/a'],
        ['http://h/', '/'],
        ['http://h', '/'],
        ['http://h/a?b/c', '/a'],
        ['http://h/a#f?q', '/a'],
        ['http://h/a?q#f', '/a'],
        ['http://h/a/b#', '/a/b'],
    ])('%s -> %s', (url, path) => {
        expect(pathOf(url)).toBe(path);
    });

    it('agrees with the URL parser on what Request makes of a URL', () => {
        for (const url of ['http://h/a/../b?x', 'http://h/%C3%A9/x', 'http://h/a b', 'http://h:1/p?q=/r'])
            expect(pathOf(new Request(url).url)).toBe(new URL(url).pathname);
    });
});

describe('requestHeadersOf', () => {
    it('lower-cases names; Headers joins a repeated header with ", " (set-cookie excepted: its values stay apart)', () => {
        const headers = new Headers([
            ['Authorization', 'a'],
            ['authorization', 'b'],
            ['X-One', '1'],
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
        ]);
        expect(requestHeadersOf(headers)).toEqual({authorization: 'a, b', 'x-one': '1', 'set-cookie': ['a=1', 'b=2']});
    });
});

describe('toRouterRequest', () => {
    it('takes method, path, headers and the read body', () => {
        const request = new Request('https://h/x/y?z=1', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
        expect(toRouterRequest(request, '{"x/y":[]}')).toEqual({
            method: 'POST',
            path: '/x/y',
            headers: {'content-type': 'application/json'},
            body: '{"x/y":[]}',
        });
    });
});

describe('FetchRouterRequest', () => {
    /** A request that counts the reads of its `headers`. */
    function counted(init: RequestInit & {url?: string} = {}): {request: Request; reads: () => number} {
        const real = new Request(init.url ?? 'https://h/x/y?z=1', init);
        let reads = 0;
        const request = new Proxy(real, {
            get: (target, name) => {
                if (name === 'headers') reads++;
                const value = Reflect.get(target, name, target) as unknown;
                return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
            },
        });
        return {request, reads: () => reads};
    }

    it('reads no header of a request without a body until its headers are read, then gives the view', () => {
        const {request, reads} = counted({headers: {'X-Api': 'v1'}});
        const req = new FetchRouterRequest(request, undefined);
        expect([req.method, req.path, req.body, req.contentType]).toEqual(['GET', '/x/y', undefined, undefined]);
        expect(reads()).toBe(0);
        expect(req.headers['x-api']).toBe('v1');
        expect(req.headers).toBe(req.headers);
    });

    it("takes a body's content type from the Headers object, as the view would give it", () => {
        const {request} = counted({method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
        const req = new FetchRouterRequest(request, '{}');
        expect(req.contentType).toBe('application/json');
        expect(req.headers['content-type']).toBe(req.contentType);
        const none = new FetchRouterRequest(new Request('https://h/x', {method: 'POST', body: new Uint8Array([1])}), '\u0001');
        expect(none.contentType).toBe(none.headers['content-type']);
    });

    it("takes a body's content type from the Headers it is given, without reading the request's again", () => {
        const {request, reads} = counted({method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
        const req = new FetchRouterRequest(request, '{}', new Headers({'content-type': 'application/json; charset=utf-8'}));
        expect(req.contentType).toBe('application/json; charset=utf-8');
        expect(reads()).toBe(0);
    });
});
