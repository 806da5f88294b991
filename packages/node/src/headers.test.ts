import {IncomingMessage} from 'node:http';
import {Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {requestHeadersOf} from './headers.js';

/**
 * A request as Node's parser leaves it: the parser hands the raw lines to `_addHeaderLines`, from
 * which Node derives `headers` and `headersDistinct` (with its own merging rules, which these
 * tests rely on).
 */
function requestWith(rawHeaders: string[]): IncomingMessage {
    const req = new IncomingMessage(new Socket());
    (req as unknown as {_addHeaderLines(lines: string[], n: number): void})._addHeaderLines(rawHeaders, rawHeaders.length);
    return req;
}

describe('requestHeadersOf', () => {
    it("is Node's own headers object when no header is repeated", () => {
        const req = requestWith(['Host', 'h', 'Authorization', 'secret', 'Content-Type', 'application/json']);
        expect(requestHeadersOf(req)).toBe(req.headers);
        expect(requestHeadersOf(req)).toEqual({host: 'h', authorization: 'secret', 'content-type': 'application/json'});
    });

    it('gives every value of a repeated header, where Node keeps the first or joins them', () => {
        const req = requestWith(['Authorization', 'a', 'authorization', 'b', 'X-Flag', '1', 'x-flag', '0', 'Host', 'h']);
        expect(req.headers).toMatchObject({authorization: 'a', 'x-flag': '1, 0'});
        expect(requestHeadersOf(req)).toEqual({authorization: ['a', 'b'], 'x-flag': ['1', '0'], host: 'h'});
    });

    it('counts names differing only in case as one header sent twice, identical values included', () => {
        expect(requestHeadersOf(requestWith(['X-Token', 't', 'x-token', 't']))).toEqual({'x-token': ['t', 't']});
    });

    it('keeps cookie joined with "; " (a client may split it) and set-cookie as an array', () => {
        const req = requestWith(['Cookie', 'a=1', 'cookie', 'b=2', 'Set-Cookie', 'x', 'Set-Cookie', 'y']);
        expect(requestHeadersOf(req)).toEqual({cookie: 'a=1; b=2', 'set-cookie': ['x', 'y']});
    });
});
