import {describe, expect, it} from 'vitest';
import {pathOf, requestHeadersOf, toRouterRequest} from './request.js';

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
