import {IncomingMessage} from 'node:http';
import {Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {pathOf, toRouterRequest} from './request.js';

describe('pathOf', () => {
    it.each([
        ['/users/getUser', '/users/getUser'],
        ['/users/getUser?x=1&y=2', '/users/getUser'],
        ['/', '/'],
        ['', '/'],
        [undefined, '/'],
        ['http://example.test:8080/a/b?q', '/a/b'],
        ['/a?b?c', '/a'],
    ])('%s -> %s', (url, path) => {
        expect(pathOf(url)).toBe(path);
    });
});

describe('toRouterRequest', () => {
    it('takes method, path and the (already lower-case) headers, and the read body', () => {
        const req = new IncomingMessage(new Socket());
        req.method = 'POST';
        req.url = '/x/y?z=1';
        req.headers = {'content-type': 'application/json', authorization: 'a'};
        expect(toRouterRequest(req, '{"x/y":[]}')).toEqual({
            method: 'POST',
            path: '/x/y',
            headers: {'content-type': 'application/json', authorization: 'a'},
            body: '{"x/y":[]}',
        });
    });
});
