import {describe, expect, it} from 'vitest';
import {RequestHeaders} from '@hookline/router';
import {KindedEvent, kindedEvent} from './event-kind.js';
import {addRequestHeader, requestHeadersOf, splitResponseHeaders} from './headers.js';
import {fixture} from './test-support/fixtures.js';

function kinded(event: unknown): KindedEvent {
    const k = kindedEvent(event);
    if (k === undefined) throw new Error('not an HTTP event');
    return k;
}

describe('addRequestHeader keeps every value of a repeated header, as the Node adapter does', () => {
    it.each([
        ['X-Custom', ['a', 'b'], ['a', 'b']],
        ['accept', ['text/html', 'application/json'], ['text/html', 'application/json']],
        ['Cookie', ['a=1', 'b=2'], 'a=1; b=2'],
        ['set-cookie', ['a=1', 'b=2'], ['a=1', 'b=2']],
        ['Authorization', ['first', 'second'], ['first', 'second']],
        ['Authorization', ['same', 'same'], ['same', 'same']],
        ['content-type', ['application/json', 'text/plain'], ['application/json', 'text/plain']],
        ['Host', ['a.test', 'b.test'], ['a.test', 'b.test']],
        ['x-flag', ['1', '0', '1'], ['1', '0', '1']],
        ['x-flag', ['1'], '1'],
    ])('%s %j -> %j', (name, values, expected) => {
        const headers: RequestHeaders = {};
        for (const v of values) addRequestHeader(headers, name, v);
        expect(headers).toEqual({[name.toLowerCase()]: expected});
    });

    it('merges names that differ only in case', () => {
        const headers: RequestHeaders = {};
        addRequestHeader(headers, 'X-A', '1');
        addRequestHeader(headers, 'x-a', '2');
        expect(headers).toEqual({'x-a': ['1', '2']});
    });
});

describe('requestHeadersOf', () => {
    it('payload 1.0: lower-cases names and takes multiValueHeaders over headers', () => {
        // v1__py_apigw-proxy.json: `headers` has Header2: value2, `multiValueHeaders` both values.
        const event = fixture('v1__py_apigw-proxy.json');
        expect(event.headers.Header2).toBe('value2');
        expect(requestHeadersOf(kinded(event))).toEqual({
            header1: 'value1',
            header2: ['value1', 'value2'],
            origin: 'https://aws.amazon.com',
        });
    });

    it('payload 1.0: headers only adds names multiValueHeaders lacks', () => {
        const event = fixture('v1__py_apigw-proxy.json');
        event.headers['X-Only-Single'] = 'yes';
        event.multiValueHeaders.Header1 = ['from-multi'];
        const headers = requestHeadersOf(kinded(event));
        expect(headers['x-only-single']).toBe('yes');
        expect(headers.header1).toBe('from-multi');
    });

    it('payload 1.0: headers alone (no multiValueHeaders, as in v1__rs_no-host.json)', () => {
        const event = fixture('v1__rs_no-host.json');
        expect(event.multiValueHeaders).toBeUndefined();
        const headers = requestHeadersOf(kinded(event));
        expect(headers['user-agent']).toBe(event.headers['User-Agent']);
        expect(Object.keys(headers).every((k) => k === k.toLowerCase())).toBe(true);
        expect(headers.host).toBeUndefined();
    });

    it('payload 1.0: null headers and multiValueHeaders (console test) give no headers', () => {
        const event = fixture('v1__pt_rest-console-test-ui.json');
        expect(event.headers).toBeNull();
        expect(requestHeadersOf(kinded(event))).toEqual({});
    });

    it('payload 2.0: the cookies array is the cookie header', () => {
        const event = fixture('v2__go_apigw-v2-iam.json');
        expect(requestHeadersOf(kinded(event))).toEqual({header1: 'value1', header2: 'value2', cookie: 'cookie1; cookie2'});
    });

    it('payload 2.0: an empty cookies array adds no cookie header', () => {
        const event = fixture('v2__rs_sam-local.json');
        expect(event.cookies).toEqual([]);
        expect(requestHeadersOf(kinded(event)).cookie).toBeUndefined();
    });

    it('Function URL: cookies repeated in headers.cookie are taken once', () => {
        const event = fixture('url__go_captured-headers-cookies.json');
        expect(event.headers.cookie).toBe('foo=bar; hello=hello');
        expect(event.cookies).toEqual(['foo=bar', 'hello=hello']);
        expect(requestHeadersOf(kinded(event)).cookie).toBe('foo=bar; hello=hello');
    });

    it('Function URL: headers.cookie alone is kept', () => {
        const event = fixture('url__go_captured-headers-cookies.json');
        delete event.cookies;
        expect(requestHeadersOf(kinded(event)).cookie).toBe('foo=bar; hello=hello');
    });

    it('ALB single-value mode: headers as sent (already lower case)', () => {
        const event = fixture('alb__rs_encoded-query.json');
        const headers = requestHeadersOf(kinded(event));
        expect(headers.cookie).toBe('cookies');
        expect(headers['content-type']).toBe('text/plain');
    });

    it('ALB multi-value mode: repeated cookies are joined, other repeated headers keep every value', () => {
        expect(requestHeadersOf(kinded(fixture('alb__rs_mv-encoded-query.json'))).cookie).toBe('name1=value1; name2=value2');
        expect(requestHeadersOf(kinded(fixture('alb__py_mv-query.json'))).header2).toEqual(['value1', 'value2']);
    });

    it('a repeated authorization keeps both values (payload 1.0 and ALB multi-value), so a header hook can refuse it', () => {
        const event = fixture('alb__py_mv-query.json');
        event.multiValueHeaders.Authorization = ['Bearer first', 'Bearer second'];
        expect(requestHeadersOf(kinded(event)).authorization).toEqual(['Bearer first', 'Bearer second']);
        const rest = fixture('v1__py_apigw-proxy.json');
        rest.multiValueHeaders.authorization = ['Bearer first', 'Bearer second'];
        rest.headers.authorization = 'Bearer second';
        expect(requestHeadersOf(kinded(rest)).authorization).toEqual(['Bearer first', 'Bearer second']);
    });

    it('payload 2.0 and Function URLs: a value AWS joined from repeats arrives as one value (it cannot be told apart)', () => {
        const event = fixture('v2__rs_minimal.json');
        event.headers.authorization = 'Bearer first,Bearer second';
        expect(requestHeadersOf(kinded(event)).authorization).toBe('Bearer first,Bearer second');
    });

    it('skips values that are not strings', () => {
        const event = fixture('v2__rs_minimal.json');
        event.headers['x-null'] = null;
        event.headers['x-number'] = 5;
        const headers = requestHeadersOf(kinded(event));
        expect(headers['x-null']).toBeUndefined();
        expect(headers['x-number']).toBeUndefined();
    });
});

describe('splitResponseHeaders', () => {
    it('keeps Set-Cookie values apart, one cookie each, never comma-joined', () => {
        expect(
            splitResponseHeaders({
                'content-type': 'application/json; charset=utf-8',
                'set-cookie': ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'],
                vary: ['accept', 'origin'],
            }),
        ).toEqual({
            single: {'content-type': 'application/json; charset=utf-8', vary: 'accept, origin'},
            multi: {'content-type': ['application/json; charset=utf-8'], vary: ['accept', 'origin']},
            cookies: ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'],
        });
    });

    it('drops hop-by-hop headers and undefined values', () => {
        expect(
            splitResponseHeaders({
                connection: 'close',
                'transfer-encoding': 'chunked',
                'keep-alive': 'x',
                upgrade: 'h2c',
                'x-a': undefined,
            }),
        ).toEqual({
            single: {},
            multi: {},
            cookies: [],
        });
    });

    it('lower-cases names and merges those that differ in case', () => {
        expect(splitResponseHeaders({'X-A': '1', 'x-a': '2', 'Set-Cookie': 'c=3'})).toEqual({
            single: {'x-a': '1, 2'},
            multi: {'x-a': ['1', '2']},
            cookies: ['c=3'],
        });
    });
});
