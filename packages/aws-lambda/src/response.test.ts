import {ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2} from 'aws-lambda';
import {describe, expect, it} from 'vitest';
import {KindedEvent, kindedEvent} from './event-kind.js';
import {AlbResult, ApiGatewayV1Result, ApiGatewayV2Result} from './events.js';
import {resultHeaders, statusDescription, streamPrelude, toLambdaResult} from './response.js';
import {fixture} from './test-support/fixtures.js';

function kinded(event: unknown): KindedEvent {
    const k = kindedEvent(event);
    if (k === undefined) throw new Error('not an HTTP event');
    return k;
}

const json = 'application/json; charset=utf-8';
const withCookies = {
    statusCode: 200,
    headers: {'content-type': json, 'set-cookie': ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']},
    body: '{}',
};

describe('toLambdaResult', () => {
    it('REST with multiValueHeaders in the request: multiValueHeaders, each Set-Cookie its own value', () => {
        expect(toLambdaResult(kinded(fixture('v1__rs_multi-value.json')), withCookies)).toEqual({
            statusCode: 200,
            multiValueHeaders: {'content-type': [json], 'set-cookie': ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']},
            body: '{}',
            isBase64Encoded: false,
        });
    });

    it('REST without multiValueHeaders in the request: headers, several Set-Cookie in multiValueHeaders', () => {
        const k = kinded(fixture('v1__rs_no-host.json'));
        expect(toLambdaResult(k, withCookies)).toEqual({
            statusCode: 200,
            headers: {'content-type': json},
            multiValueHeaders: {'set-cookie': ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']},
            body: '{}',
            isBase64Encoded: false,
        });
        expect(toLambdaResult(k, {statusCode: 201, headers: {'set-cookie': 'a=1'}, body: ''})).toEqual({
            statusCode: 201,
            headers: {'set-cookie': 'a=1'},
            body: '',
            isBase64Encoded: false,
        });
    });

    it('REST console test (multiValueHeaders: null): headers', () => {
        expect(
            toLambdaResult(kinded(fixture('v1__pt_rest-console-test-ui.json')), {
                statusCode: 404,
                headers: {'content-type': json},
                body: '{}',
            }),
        ).toEqual({
            statusCode: 404,
            headers: {'content-type': json},
            body: '{}',
            isBase64Encoded: false,
        });
    });

    it.each(['v2__py_apigw-v2.json', 'url__go_captured-headers-cookies.json'])(
        '%s: headers, and Set-Cookie values in cookies[]',
        (name) => {
            expect(toLambdaResult(kinded(fixture(name)), withCookies)).toEqual({
                statusCode: 200,
                headers: {'content-type': json},
                cookies: ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
                body: '{}',
                isBase64Encoded: false,
            });
        },
    );

    it('payload 2.0 without cookies: no cookies key', () => {
        expect(toLambdaResult(kinded(fixture('v2__rs_minimal.json')), {statusCode: 200, headers: {}, body: '{}'})).toEqual({
            statusCode: 200,
            headers: {},
            body: '{}',
            isBase64Encoded: false,
        });
    });

    it('ALB multi-value mode: multiValueHeaders and a status line', () => {
        expect(toLambdaResult(kinded(fixture('alb__go_multivalue.json')), withCookies)).toEqual({
            statusCode: 200,
            statusDescription: '200 OK',
            multiValueHeaders: {'content-type': [json], 'set-cookie': ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']},
            body: '{}',
            isBase64Encoded: false,
        });
    });

    it('ALB single-value mode: headers, and only the first Set-Cookie fits', () => {
        expect(toLambdaResult(kinded(fixture('alb__go_headers-only.json')), {...withCookies, statusCode: 413})).toEqual({
            statusCode: 413,
            statusDescription: '413 Payload Too Large',
            headers: {'content-type': json, 'set-cookie': 'a=1; Path=/'},
            body: '{}',
            isBase64Encoded: false,
        });
    });

    it('binary bodies go out as base64 in every shape', () => {
        for (const name of ['v1__rs_multi-value.json', 'v2__rs_minimal.json', 'url__pt_base.json', 'alb__pt_base.json']) {
            const out = toLambdaResult(kinded(fixture(name)), {
                statusCode: 200,
                headers: {'content-type': 'image/png'},
                body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
            });
            expect(out).toMatchObject({body: 'iVBORw==', isBase64Encoded: true});
        }
    });

    it('drops hop-by-hop headers (the router sends connection: close with a 413)', () => {
        const out = toLambdaResult(kinded(fixture('v2__rs_minimal.json')), {
            statusCode: 413,
            headers: {'content-type': json, connection: 'close'},
            body: '{}',
        });
        expect(out.headers).toEqual({'content-type': json});
    });

    it('results are assignable to the @types/aws-lambda result types', () => {
        const v1: APIGatewayProxyResult = toLambdaResult(kinded(fixture('v1__rs_multi-value.json')), withCookies) as ApiGatewayV1Result;
        const v2: APIGatewayProxyStructuredResultV2 = toLambdaResult(
            kinded(fixture('v2__rs_minimal.json')),
            withCookies,
        ) as ApiGatewayV2Result;
        const alb: ALBResult = toLambdaResult(kinded(fixture('alb__pt_base.json')), withCookies) as AlbResult;
        expect([v1.statusCode, v2.statusCode, alb.statusCode]).toEqual([200, 200, 200]);
    });
});

describe('resultHeaders and streamPrelude', () => {
    it('give the header fields of the source, and the prelude adds the status', () => {
        const k = kinded(fixture('url__rs_function-url.json'));
        expect(resultHeaders(k, withCookies.headers)).toEqual({
            headers: {'content-type': json},
            cookies: withCookies.headers['set-cookie'],
        });
        expect(streamPrelude(k, 401, {'content-type': json})).toEqual({statusCode: 401, headers: {'content-type': json}});
    });
});

describe('statusDescription', () => {
    it.each([
        [200, '200 OK'],
        [404, '404 Not Found'],
        [599, '599'],
    ])('%i -> %s', (code, text) => {
        expect(statusDescription(code)).toBe(text);
    });
});
