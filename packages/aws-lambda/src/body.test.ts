import {describe, expect, it} from 'vitest';
import {decodeRequestBody, encodeResponseBody} from './body.js';
import {fixture} from './test-support/fixtures.js';

const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');

describe('decodeRequestBody', () => {
    it.each([
        ['null', {body: null}],
        ['missing', {}],
        ['empty', {body: ''}],
        ['empty base64', {body: '', isBase64Encoded: true}],
    ])('a %s body is undefined', (_name, event) => {
        expect(decodeRequestBody(event, 10)).toEqual({ok: true, body: undefined});
    });

    it('decodes a base64 body (url__go_captured-base64-body.json, captured from a Function URL)', () => {
        const event = fixture('url__go_captured-base64-body.json');
        expect(decodeRequestBody(event, 1024)).toEqual({ok: true, body: '<idk/>'});
    });

    it('keeps text bodies as they are, CR/LF and tabs included', () => {
        const event = fixture('v1__rs_multi-value.json');
        expect(decodeRequestBody(event, 1024)).toEqual({ok: true, body: '{\r\n\t"a": 1\r\n}'});
    });

    it('decodes base64 UTF-8 text to a string', () => {
        expect(decodeRequestBody({body: b64('{"e":["héllo ✓ 🚀"]}'), isBase64Encoded: true}, 1024)).toEqual({
            ok: true,
            body: '{"e":["héllo ✓ 🚀"]}',
        });
    });

    it('gives bytes that are not UTF-8 as bytes, for the router to refuse', () => {
        const out = decodeRequestBody({body: b64(new Uint8Array([0xff, 0xfe, 0x00])), isBase64Encoded: true}, 1024);
        expect(out.ok && out.body).toEqual(Buffer.from([0xff, 0xfe, 0x00]));
    });

    describe('the limit counts decoded bytes, never content-length', () => {
        it('text: UTF-8 bytes, not characters', () => {
            expect(decodeRequestBody({body: 'é'.repeat(5)}, 10)).toEqual({ok: true, body: 'é'.repeat(5)});
            expect(decodeRequestBody({body: 'é'.repeat(6)}, 10)).toEqual({ok: false, reason: 'too-large'});
            expect(decodeRequestBody({body: 'x'.repeat(10)}, 10).ok).toBe(true);
            expect(decodeRequestBody({body: 'x'.repeat(11)}, 10).ok).toBe(false);
        });

        it('base64: the decoded size, not the longer encoded text', () => {
            const ten = b64('x'.repeat(10));
            expect(ten.length).toBeGreaterThan(10);
            expect(decodeRequestBody({body: ten, isBase64Encoded: true}, 10)).toEqual({ok: true, body: 'x'.repeat(10)});
            expect(decodeRequestBody({body: b64('x'.repeat(11)), isBase64Encoded: true}, 10)).toEqual({ok: false, reason: 'too-large'});
        });

        it('a small content-length does not let a large body through (the header is not read)', () => {
            const event = {headers: {'content-length': '2'}, body: 'x'.repeat(100)};
            expect(decodeRequestBody(event, 10).ok).toBe(false);
        });

        it('base64 with line breaks or without padding is measured on what it decodes to', () => {
            const body = b64('x'.repeat(9)).replace(/=+$/, '');
            expect(decodeRequestBody({body, isBase64Encoded: true}, 9)).toEqual({ok: true, body: 'x'.repeat(9)});
            const wrapped = b64('y'.repeat(120)).replace(/.{76}/g, '$&\r\n');
            expect(wrapped.length).toBeGreaterThan(162);
            expect(decodeRequestBody({body: wrapped, isBase64Encoded: true}, 120)).toEqual({ok: true, body: 'y'.repeat(120)});
        });
    });
});

describe('encodeResponseBody', () => {
    it('sends text as is', () => {
        expect(encodeResponseBody('{"a":"é"}')).toEqual({body: '{"a":"é"}', isBase64Encoded: false});
        expect(encodeResponseBody('')).toEqual({body: '', isBase64Encoded: false});
    });

    it('sends bytes as base64', () => {
        expect(encodeResponseBody(new Uint8Array([0xff, 0x00, 0x10]))).toEqual({body: '/wAQ', isBase64Encoded: true});
    });

    it('encodes only the bytes of a view, not its whole buffer', () => {
        const buffer = new Uint8Array([1, 2, 3, 4, 5]);
        expect(encodeResponseBody(buffer.subarray(1, 3))).toEqual({body: b64(new Uint8Array([2, 3])), isBase64Encoded: true});
    });
});
