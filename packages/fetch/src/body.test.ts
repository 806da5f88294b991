import {describe, expect, it} from 'vitest';
import {decodeBody, readBody} from './body.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A request whose body stream yields `chunks`, recording how many were pulled and whether it was cancelled. */
function streamedRequest(chunks: Uint8Array[], headers: Record<string, string> = {}) {
    const state = {pulled: 0, cancelled: false};
    const body = new ReadableStream<Uint8Array>({
        pull(controller) {
            const chunk = chunks[state.pulled++];
            if (chunk === undefined) controller.close();
            else controller.enqueue(chunk);
        },
        cancel() {
            state.cancelled = true;
        },
    });
    const request = new Request('http://h/x', {method: 'POST', body, headers, duplex: 'half'} as RequestInit);
    return {request, state};
}

describe('decodeBody', () => {
    it('joins chunks and decodes UTF-8 split inside a character', () => {
        const all = bytes('héllo ✓');
        expect(decodeBody([all.subarray(0, 2), all.subarray(2)], all.byteLength)).toBe('héllo ✓');
    });
    it('gives back bytes that are not UTF-8, and undefined for nothing', () => {
        expect(decodeBody([new Uint8Array([0xff, 0xfe])], 2)).toEqual(new Uint8Array([0xff, 0xfe]));
        expect(decodeBody([], 0)).toBeUndefined();
    });
});

describe('readBody', () => {
    it('answers a request without a body at once, without a promise', () => {
        expect(readBody(new Request('http://h/x'), 10)).toEqual({ok: true, body: undefined});
    });

    it('reads a body within the limit', async () => {
        expect(await readBody(new Request('http://h/x', {method: 'POST', body: '{"a":1}'}), 7)).toEqual({ok: true, body: '{"a":1}'});
    });

    it('stops past the limit while reading: cancels the stream, the rest is never pulled', async () => {
        const chunks = Array.from({length: 100}, () => bytes('x'.repeat(1000)));
        const {request, state} = streamedRequest(chunks);
        expect(await readBody(request, 2500)).toEqual({ok: false, reason: 'too-large'});
        expect(state.cancelled).toBe(true);
        expect(state.pulled).toBeLessThan(10);
    });

    it('refuses a declared content-length over the limit without reading', async () => {
        const {request, state} = streamedRequest([bytes('x')], {'content-length': '5000'});
        expect(await readBody(request, 100)).toEqual({ok: false, reason: 'too-large'});
        expect(state.pulled).toBeLessThanOrEqual(1);
    });

    it('reads a body with a declared content-length within the limit whole, and checks its size again', async () => {
        const {request} = streamedRequest([bytes('{"a":'), bytes('1}')], {'content-length': '7'});
        expect(await readBody(request, 7)).toEqual({ok: true, body: '{"a":1}'});
        // A declared length the body does not keep to (only a broken runtime would frame it so): still refused past the limit.
        const lying = streamedRequest([bytes('x'.repeat(50)), bytes('x'.repeat(50))], {'content-length': '10'});
        expect(await readBody(lying.request, 20)).toEqual({ok: false, reason: 'too-large'});
    });

    it('tells a body of declared length that is not UTF-8 (read as text, its replacements counted) from one holding U+FFFD', async () => {
        // Bytes that are not UTF-8: the router answers them 400 invalid-json ("not valid UTF-8").
        for (const bad of [
            [0xff, 0xfe],
            [0x22, 0xc3, 0x22],
            [0xed, 0xa0, 0x80, 0x41],
        ]) {
            const {request} = streamedRequest([new Uint8Array(bad)], {'content-length': String(bad.length)});
            const result = await readBody(request, 20);
            expect(result.ok && result.body instanceof Uint8Array && new TextDecoder('utf-8', {fatal: false}).decode(result.body)).toBe(
                '\uFFFD',
            );
        }
        // A U+FFFD the client sent, as UTF-8: a string like any other.
        const text = '{"a":"\uFFFD"}';
        const {request} = streamedRequest([bytes(text)], {'content-length': String(bytes(text).byteLength)});
        expect(await readBody(request, 20)).toEqual({ok: true, body: text});
    });

    it('reports a stream that errors (the client went away) as aborted, with or without a declared length', async () => {
        for (const headers of [{}, {'content-length': '5'}]) {
            const body = new ReadableStream<Uint8Array>({
                pull(controller) {
                    controller.error(new Error('reset'));
                },
            });
            const request = new Request('http://h/x', {method: 'POST', body, headers, duplex: 'half'} as RequestInit);
            expect(await readBody(request, 100)).toMatchObject({ok: false, reason: 'aborted'});
        }
    });

    it('reports a stream that errors (the client went away) as aborted', async () => {
        const body = new ReadableStream<Uint8Array>({
            pull(controller) {
                controller.error(new Error('reset'));
            },
        });
        const request = new Request('http://h/x', {method: 'POST', body, duplex: 'half'} as RequestInit);
        expect(await readBody(request, 100)).toMatchObject({ok: false, reason: 'aborted'});
    });
});
