import {IncomingMessage, ServerResponse} from 'node:http';
import {Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {writeResponse} from './response.js';

function fakeResponse(): {res: ServerResponse; written: () => string} {
    const socket = new Socket();
    const chunks: string[] = [];
    socket.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        chunks.push(Buffer.from(chunk as string).toString('latin1'));
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
    }) as Socket['write'];
    const req = new IncomingMessage(socket);
    req.method = 'POST';
    req.httpVersion = '1.1';
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    return {res, written: () => Buffer.from(chunks.join(''), 'latin1').toString('utf8')};
}

describe('writeResponse', () => {
    it('writes status, headers and a byte-counted content-length', () => {
        const {res, written} = fakeResponse();
        writeResponse(res, {statusCode: 201, headers: {'content-type': 'application/json; charset=utf-8', 'x-a': 'b'}, body: '{"x":"é✓"}'});
        const out = written();
        expect(out).toMatch(/^HTTP\/1.1 201 Created\r\n/);
        expect(out).toContain('content-length: 13\r\n');
        expect(out).toContain('x-a: b\r\n');
        expect(out.endsWith('\r\n\r\n{"x":"é✓"}')).toBe(true);
    });

    it("leaves the router's headers unchanged: a frozen shared object is written as is", () => {
        const {res, written} = fakeResponse();
        const headers = Object.freeze({'content-type': 'application/json; charset=utf-8'});
        writeResponse(res, {statusCode: 200, headers, body: '{"x":"é"}'});
        expect(written()).toContain('content-type: application/json; charset=utf-8\r\ncontent-length: 10\r\n');
        expect(headers).toEqual({'content-type': 'application/json; charset=utf-8'});
        const other = fakeResponse();
        const more = Object.freeze({'content-type': 'application/json; charset=utf-8', 'x-a': 'b'});
        writeResponse(other.res, {statusCode: 400, headers: more, body: '{}'});
        expect(other.written()).toContain('x-a: b\r\n');
        expect(other.written()).toContain('content-length: 2\r\n');
        expect(Object.keys(more)).toEqual(['content-type', 'x-a']);
    });

    it('after a raw hook wrote, only the body follows', () => {
        const {res, written} = fakeResponse();
        res.write('\n10%');
        writeResponse(res, {statusCode: 500, headers: {'content-type': 'application/json; charset=utf-8'}, body: '{"a":1}'});
        const out = written();
        expect(out).toMatch(/^HTTP\/1.1 200 OK/);
        expect(out).toContain('\n10%');
        expect(out).toContain('{"a":1}');
        expect(res.writableEnded).toBe(true);
    });

    it('after a raw hook ended the response, writes nothing', () => {
        const {res, written} = fakeResponse();
        res.end('done by hook');
        const before = written();
        writeResponse(res, {statusCode: 200, headers: {}, body: '{"a":1}'});
        expect(written()).toBe(before);
        expect(before).not.toContain('{"a":1}');
    });
});
