import {IncomingMessage} from 'node:http';
import {Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {BodyResult, decodeBody, hasBody, readBody} from './body.js';

function request(headers: Record<string, string>): IncomingMessage {
    const req = new IncomingMessage(new Socket());
    req.headers = headers;
    return req;
}

function read(req: IncomingMessage, limit: number): Promise<BodyResult> {
    return new Promise((resolve) => readBody(req, limit, resolve));
}

describe('hasBody', () => {
    it('is true for a non-zero content-length or a transfer-encoding', () => {
        expect(hasBody(request({}))).toBe(false);
        expect(hasBody(request({'content-length': '0'}))).toBe(false);
        expect(hasBody(request({'content-length': '3'}))).toBe(true);
        expect(hasBody(request({'transfer-encoding': 'chunked'}))).toBe(true);
    });
});

describe('decodeBody', () => {
    it('decodes UTF-8 across chunks, keeps invalid UTF-8 as bytes, and gives undefined for nothing', () => {
        const text = 'héllo ✓';
        const bytes = Buffer.from(text);
        expect(decodeBody([bytes.subarray(0, 2), bytes.subarray(2)], bytes.length)).toBe(text);
        const invalid = decodeBody([Buffer.from([0x7b, 0xff, 0x7d])], 3);
        expect(invalid).toBeInstanceOf(Uint8Array);
        expect(decodeBody([], 0)).toBeUndefined();
    });

    it('keeps a U+FFFD the client sent as text, and refuses every invalid sequence Node would replace with one', () => {
        const sent = Buffer.from('{"a":"\uFFFD"}');
        expect(decodeBody([sent], sent.length)).toBe('{"a":"\uFFFD"}');
        const invalid = [
            [0xc0, 0xaf], // overlong
            [0xed, 0xa0, 0x80], // a surrogate
            [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
            [0xe2, 0x82], // truncated
            [0x80], // a lone continuation byte
        ];
        for (const bytes of invalid) {
            // Beside a U+FFFD the client sent: the exact check still refuses it.
            const buf = Buffer.concat([sent, Buffer.from(bytes)]);
            expect(decodeBody([buf], buf.length)).toBeInstanceOf(Uint8Array);
            expect(decodeBody([Buffer.from(bytes)], bytes.length)).toBeInstanceOf(Uint8Array);
        }
    });
});

describe('readBody', () => {
    it('reads chunks up to the end', async () => {
        const req = request({'transfer-encoding': 'chunked'});
        const done = read(req, 100);
        req.push(Buffer.from('{"a":'));
        req.push(Buffer.from('[1]}'));
        req.push(null);
        expect(await done).toEqual({ok: true, body: '{"a":[1]}'});
    });

    it("is done once Node's parser has seen the whole message and every byte is read, before 'end'", async () => {
        const req = request({'content-length': '9'});
        const done = new Promise<{result: BodyResult; ended: boolean}>((resolve) =>
            readBody(req, 100, (result) => resolve({result, ended: req.readableEnded})),
        );
        req.push(Buffer.from('{"a":'));
        req.push(Buffer.from('[1]}'));
        // What the parser does at the end of a message: complete, then the end of the stream.
        req.complete = true;
        req.push(null);
        expect(await done).toEqual({result: {ok: true, body: '{"a":[1]}'}, ended: false});
    });

    it('reads a body that arrives in parts, and is done once', async () => {
        const req = request({'transfer-encoding': 'chunked'});
        const results: BodyResult[] = [];
        readBody(req, 100, (result) => results.push(result));
        req.push(Buffer.from('{"a":'));
        await new Promise((resolve) => setImmediate(resolve));
        expect(results).toEqual([]);
        req.push(Buffer.from('[2]}'));
        req.complete = true;
        req.push(null);
        await new Promise((resolve) => setImmediate(resolve));
        // Once, though both 'readable' and 'end' follow.
        expect(results).toEqual([{ok: true, body: '{"a":[2]}'}]);
    });

    it('refuses a declared content-length over the limit without reading', async () => {
        expect(await read(request({'content-length': '101'}), 100)).toEqual({ok: false, reason: 'too-large'});
    });

    it('counts bytes as they arrive and stops at the limit, whatever content-length said', async () => {
        const req = request({'content-length': '5'});
        const done = read(req, 10);
        req.push(Buffer.from('é'.repeat(6)));
        expect(await done).toEqual({ok: false, reason: 'too-large'});
    });

    it('accepts exactly the limit', async () => {
        const req = request({'content-length': '10'});
        const done = read(req, 10);
        req.push(Buffer.from('0123456789'));
        req.push(null);
        expect(await done).toEqual({ok: true, body: '0123456789'});
    });

    it('reports an aborted request', async () => {
        const req = request({'content-length': '10'});
        const done = read(req, 100);
        req.push(Buffer.from('01'));
        req.destroy(new Error('socket hang up'));
        expect(await done).toEqual({ok: false, reason: 'aborted'});
    });
});
