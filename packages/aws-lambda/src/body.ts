import {isUtf8} from 'node:buffer';

/** A request body decoded from an event, or why it was refused. */
export type DecodedBody = {ok: true; body: string | Uint8Array | undefined} | {ok: false; reason: 'too-large'};

/**
 * Decodes an event's body (`body` + `isBase64Encoded`) and checks it against `limit` bytes.
 * The limit applies to the decoded bytes, never to a `content-length` header (the client sets
 * that). Text comes back as a string; bytes that are not UTF-8 come back as bytes, for the
 * router to refuse. `null`, a missing and an empty body are all `undefined`.
 *
 * @example
 * decodeRequestBody({body: 'eyJhIjoxfQ==', isBase64Encoded: true}, 1024); // {ok: true, body: '{"a":1}'}
 */
export function decodeRequestBody(event: {body?: string | null; isBase64Encoded?: boolean | null}, limit: number): DecodedBody {
    const body = event.body;
    if (typeof body !== 'string' || body.length === 0) return {ok: true, body: undefined};
    if (event.isBase64Encoded === true) {
        // Lambda caps an event at 6 MB, so decoding first costs little; the decoded size is exact
        // (an estimate from the text's length would count line breaks some encoders insert).
        const bytes = Buffer.from(body, 'base64');
        if (bytes.length > limit) return {ok: false, reason: 'too-large'};
        if (bytes.length === 0) return {ok: true, body: undefined};
        return {ok: true, body: isUtf8(bytes) ? bytes.toString('utf8') : bytes};
    }
    // A string's UTF-8 size is at most three times its length: count bytes only when that could pass the limit.
    if (body.length * 3 > limit && Buffer.byteLength(body, 'utf8') > limit) return {ok: false, reason: 'too-large'};
    return {ok: true, body};
}

/** A response body as Lambda results carry it. */
export interface EncodedBody {
    body: string;
    isBase64Encoded: boolean;
}

/**
 * Encodes a response body for a Lambda result: text as is, bytes as base64 with
 * `isBase64Encoded: true` (API Gateway, Function URLs and ALB decode it back to bytes).
 *
 * @example
 * encodeResponseBody(new Uint8Array([0xff, 0x00])); // {body: '/wA=', isBase64Encoded: true}
 */
export function encodeResponseBody(body: string | Uint8Array): EncodedBody {
    if (typeof body === 'string') return {body, isBase64Encoded: false};
    return {body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'), isBase64Encoded: true};
}
