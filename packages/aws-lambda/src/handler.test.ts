// The unit tier: every real event under test/fixtures through createLambdaHandler, asserting what
// the router was given and that the result has exactly the shape its source needs.
import {APIGatewayProxyEvent, APIGatewayProxyEventV2, ALBEvent, Context, LambdaFunctionURLEvent} from 'aws-lambda';
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter} from '@hookline/router';
import {eventKindOf} from './event-kind.js';
import {LambdaContext, LambdaHttpEvent, LambdaHttpResult} from './events.js';
import {createLambdaHandler} from './handler.js';
import {fixture, fixtureFile, fixtureNames, kindOfFixture} from './test-support/fixtures.js';
import {createRecordingRouter} from './test-support/recording-router.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A Lambda context as the runtime passes it (the fields the adapter's users read). */
function lambdaContext(requestId = 'c0ffee00-0000-4000-8000-000000000001'): LambdaContext {
    return {
        awsRequestId: requestId,
        functionName: 'hookline-test',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hookline-test',
        getRemainingTimeInMillis: () => 3000,
        callbackWaitsForEmptyEventLoop: true,
    };
}

interface Expected {
    method: string;
    path: string;
    body: string | undefined;
    status: number;
    /** Request headers the router must have been given with these values. */
    headers?: Record<string, string | string[]>;
}

// What each fixture must reach the router as, and the status it gets from the recording router
// (routes at /my/path, /lambda, /todos, /hello/world, /no-auth, /v1/health).
const expected: Record<string, Expected> = {
    'alb__go_headers-only.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'alb__go_multivalue.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'alb__pt_base.json': {
        method: 'GET',
        path: '/lambda',
        body: 'Test',
        status: 200,
        headers: {host: 'lambda-alb-123578498.us-east-2.elb.amazonaws.com'},
    },
    'alb__pt_multi-fields.json': {method: 'GET', path: '/lambda', body: 'Test', status: 200},
    'alb__py_mv-query.json': {method: 'GET', path: '/todos', body: undefined, status: 200, headers: {header2: ['value1', 'value2']}},
    'alb__rs_encoded-query.json': {
        method: 'GET',
        path: '/',
        body: 'request_body',
        status: 404,
        headers: {cookie: 'cookies', 'content-type': 'text/plain'},
    },
    'alb__rs_health-check.json': {method: 'GET', path: '/', body: undefined, status: 404, headers: {'user-agent': 'ELB-HealthChecker/2.0'}},
    'alb__rs_mv-encoded-query.json': {
        method: 'GET',
        path: '/',
        body: 'request_body',
        status: 404,
        headers: {cookie: 'name1=value1; name2=value2'},
    },
    'alb__rs_no-host.json': {method: 'GET', path: '/v1/health/', body: undefined, status: 404},
    'url__go_captured-base64-body.json': {method: 'POST', path: '/', body: '<idk/>', status: 404, headers: {'content-type': 'idk'}},
    'url__go_captured-get-trailing-slash.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'url__go_captured-get.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'url__go_captured-headers-cookies.json': {
        method: 'POST',
        path: '/hello',
        body: '{"hello": "world"}',
        status: 404,
        headers: {cookie: 'foo=bar; hello=hello'},
    },
    'url__go_lambda-urls-request.json': {
        method: 'POST',
        path: '/my/path',
        body: 'Hello from client!',
        status: 415,
        headers: {cookie: 'cookie1; cookie2'},
    },
    'url__pt_base.json': {method: 'POST', path: '/', body: undefined, status: 404, headers: {cookie: 'cookie1; cookie2'}},
    'url__pt_get-request.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'url__py_function-url.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'url__rs_function-url.json': {method: 'GET', path: '/my/path', body: undefined, status: 200, headers: {cookie: 'test=hi'}},
    'v1__go_apigw-request.json': {
        method: 'POST',
        path: '/hello/world',
        body: '{\r\n\t"a": 1\r\n}',
        status: 400,
        headers: {'content-type': 'application/json'},
    },
    'v1__pt_rest-console-test-ui.json': {method: 'POST', path: '/no-auth', body: undefined, status: 200},
    'v1__pt_rest-no-auth.json': {method: 'POST', path: '/no-auth', body: undefined, status: 200},
    'v1__py_apigw-proxy.json': {
        method: 'GET',
        path: '/my/path',
        body: 'Hello from Lambda!',
        status: 200,
        headers: {header2: ['value1', 'value2']},
    },
    'v1__rs_multi-value.json': {
        method: 'POST',
        path: '/hello/world',
        body: '{\r\n\t"a": 1\r\n}',
        status: 400,
        headers: {'content-type': 'application/json'},
    },
    'v1__rs_no-host.json': {method: 'GET', path: '/hello', body: undefined, status: 404},
    'v2__go_apigw-v2-iam.json': {
        method: 'GET',
        path: '/my/path',
        body: '{\r\n\t"a": 1\r\n}',
        status: 200,
        headers: {cookie: 'cookie1; cookie2'},
    },
    'v2__go_apigw-v2-no-auth.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'v2__pt_http-no-auth.json': {method: 'POST', path: '/lambda', body: undefined, status: 200},
    'v2__py_apigw-v2.json': {method: 'POST', path: '/my/path', body: '{"message": "hello world", "username": "tom"}', status: 415},
    'v2__rs_minimal.json': {method: 'GET', path: '/', body: undefined, status: 404},
    'v2__rs_sam-local.json': {method: 'GET', path: '/hello', body: undefined, status: 404},
    'v2__rs_stage-in-path.json': {
        method: 'POST',
        path: '/my/path',
        body: 'Hello from Lambda',
        status: 415,
        headers: {cookie: 'cookie1=value1; cookie2=value2'},
    },
};

/** Header names an event carries, lower-cased (plus `cookie` for a payload 2.0 `cookies` array). */
function headerNamesOf(event: any): string[] {
    const names = new Set<string>();
    for (const source of [event.headers, event.multiValueHeaders])
        for (const name of Object.keys(source ?? {})) names.add(name.toLowerCase());
    if (Array.isArray(event.cookies) && event.cookies.length > 0) names.add('cookie');
    return [...names].sort();
}

/** Checks a result has exactly the keys and value types its source needs. */
function expectShape(name: string, event: any, result: LambdaHttpResult): void {
    const kind = kindOfFixture(name);
    const multi = (kind === 'v1' || kind === 'alb') && typeof event.multiValueHeaders === 'object' && event.multiValueHeaders !== null;
    const keys = ['statusCode', multi ? 'multiValueHeaders' : 'headers', 'body', 'isBase64Encoded'];
    if (kind === 'alb') keys.push('statusDescription');
    expect(Object.keys(result).sort()).toEqual(keys.sort());
    expect(result.isBase64Encoded).toBe(false);
    expect(typeof result.body).toBe('string');
    if (multi) {
        const headers = (result as {multiValueHeaders: Record<string, string[]>}).multiValueHeaders;
        expect(Object.values(headers).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))).toBe(true);
        expect(headers['content-type']).toEqual([JSON_TYPE]);
    } else {
        const headers = (result as {headers: Record<string, string>}).headers;
        expect(Object.values(headers).every((v) => typeof v === 'string')).toBe(true);
        expect(headers['content-type']).toBe(JSON_TYPE);
    }
    if (kind === 'alb')
        expect((result as {statusDescription: string}).statusDescription).toMatch(new RegExp(`^${result.statusCode} [A-Z]`));
}

describe('every fixture through createLambdaHandler', () => {
    it('covers every fixture file, each from a source listed in SOURCES.md', () => {
        expect(Object.keys(expected).sort()).toEqual(fixtureNames);
        expect(fixtureNames).toHaveLength(31);
        const sources = fixtureFile('SOURCES.md');
        for (const name of fixtureNames) {
            const origin = /^(?:v1|v2|url|alb)__(go|pt|py|rs)_/.exec(name)?.[1];
            expect(origin, name).toBeDefined();
            expect(sources).toContain(`| \`${origin}_\` |`);
        }
    });

    it.each(fixtureNames)('%s', async (name) => {
        const {router, seen} = createRecordingRouter();
        const handler = createLambdaHandler(router);
        const event = fixture(name);
        const context = lambdaContext();
        const result = await handler(event, context);
        const want = expected[name] as Expected;

        expect(seen).toHaveLength(1);
        const call = seen[0]!;
        expect({method: call.request.method, path: call.request.path, body: call.request.body}).toEqual({
            method: want.method,
            path: want.path,
            body: want.body,
        });
        expect(Object.keys(call.request.headers).sort()).toEqual(headerNamesOf(event));
        expect(call.request.headers).toMatchObject(want.headers ?? {});
        if (want.status === 200) {
            // The raw hook ran: it got the event itself and the Lambda context.
            expect(call.rawRequest).toBe(event);
            expect(call.rawResponse).toBe(context);
        }

        expect(result.statusCode).toBe(want.status);
        expectShape(name, event, result);
        const body = JSON.parse(result.body) as Record<string, unknown>;
        if (want.status === 200) expect(Object.values(body)).toEqual(['ok']);
        else expect(Object.keys(body)).toEqual(['@router']);
    });
});

describe('variations of the fixtures', () => {
    it('base64 body: decoded before the router sees it (Function URL, captured)', async () => {
        const {router, last} = createRecordingRouter();
        const event = fixture('url__go_captured-base64-body.json');
        event.rawPath = event.requestContext.http.path = '/echo';
        event.headers['content-type'] = 'application/json';
        event.body = Buffer.from('{"echo":["héllo ✓"]}').toString('base64');
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(last().request.body).toBe('{"echo":["héllo ✓"]}');
        expect(result).toMatchObject({statusCode: 200, body: '{"echo":"héllo ✓"}', isBase64Encoded: false});
    });

    it('base64 body that is not UTF-8: 400 from the router', async () => {
        const {router} = createRecordingRouter();
        const event = fixture('url__go_captured-base64-body.json');
        event.rawPath = '/echo';
        event.headers['content-type'] = 'application/json';
        event.body = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64');
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(result.statusCode).toBe(400);
        expect(JSON.parse(result.body)['@router'].name).toBe('invalid-json');
    });

    it.each(fixtureNames)('body over maxBodySize (decoded, content-length lying): 413 in the shape of %s', async (name) => {
        const {router, seen} = createRecordingRouter(64);
        const event = fixture(name);
        const text = `{"echo":["${'x'.repeat(60)}"]}`;
        event.isBase64Encoded = true;
        event.body = Buffer.from(text).toString('base64');
        if (event.headers !== null && event.headers !== undefined) event.headers['content-length'] = '10';
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(seen).toHaveLength(0);
        expect(result.statusCode).toBe(413);
        expectShape(name, event, result);
        expect(JSON.parse(result.body)).toEqual({
            '@router': {name: 'body-too-large', statusCode: 413, message: 'the body is larger than 64 bytes'},
        });
        expect(JSON.stringify(result)).not.toContain('connection');
    });

    it('the 413 for a body over maxBodySize carries the request id when echoRequestId is on', async () => {
        const router = createRouter({maxBodySize: 64, echoRequestId: true});
        router.registerRoutes({echo: (ctx: CallContext, text: string): string => text});
        const event = fixture('v2__pt_http-no-auth.json');
        event.body = `{"echo":["${'x'.repeat(60)}"]}`;
        event.headers['x-request-id'] = 'lambda-413-id';
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(result.statusCode).toBe(413);
        expect(result.headers?.['x-request-id']).toBe('lambda-413-id');
        expect(JSON.parse(result.body)['@router']).toMatchObject({name: 'body-too-large', id: 'lambda-413-id'});
    });

    it('a body exactly at maxBodySize passes', async () => {
        const {router} = createRecordingRouter(64);
        const event = fixture('v2__pt_http-no-auth.json');
        event.rawPath = '/echo';
        event.headers['content-type'] = 'application/json';
        event.body = `{"echo":["${'x'.repeat(64 - 13)}"]}`;
        expect(Buffer.byteLength(event.body)).toBe(64);
        expect((await createLambdaHandler(router)(event, lambdaContext())).statusCode).toBe(200);
    });

    it('GET with a body: the router gets it and, for GET, ignores it', async () => {
        const {router, last} = createRecordingRouter();
        const result = await createLambdaHandler(router)(fixture('alb__pt_base.json'), lambdaContext());
        expect(last().request).toMatchObject({method: 'GET', body: 'Test'});
        expect(result.statusCode).toBe(200);
    });

    it('stage prefix: stripped for a named stage, then the call works', async () => {
        const {router, last} = createRecordingRouter();
        const event = fixture('v2__rs_stage-in-path.json');
        event.rawPath = '/Prod/echo';
        event.headers['content-type'] = 'application/json';
        event.body = '{"echo":["staged"]}';
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(last().request.path).toBe('/echo');
        expect(result).toMatchObject({statusCode: 200, body: '{"echo":"staged"}'});
    });

    it('basePath option: a custom domain mapping key is stripped', async () => {
        const {router, last} = createRecordingRouter();
        const event = fixture('v2__pt_http-no-auth.json');
        event.rawPath = '/api/lambda';
        const result = await createLambdaHandler(router, {basePath: '/api'})(event, lambdaContext());
        expect(last().request.path).toBe('/lambda');
        expect(result.statusCode).toBe(200);
    });

    it.each(['v1__rs_no-host.json', 'alb__rs_no-host.json'])('no host at all (%s): served, and no host invented', async (name) => {
        const {router, last} = createRecordingRouter();
        const event = fixture(name);
        event.path = '/my/path';
        const result = await createLambdaHandler(router)(event, lambdaContext());
        expect(last().request.headers.host).toBeUndefined();
        expect(result.statusCode).toBe(200);
    });

    it('Function URL cookies: the router sees them once although the event carries them twice', async () => {
        const {router, last} = createRecordingRouter();
        const event = fixture('url__go_captured-headers-cookies.json');
        await createLambdaHandler(router)(event, lambdaContext());
        expect(last().request.headers.cookie).toBe('foo=bar; hello=hello');
    });

    it('REST: multiValueHeaders win over headers', async () => {
        const {router, last} = createRecordingRouter();
        const event = fixture('v1__py_apigw-proxy.json');
        event.headers['X-Twice'] = 'single';
        event.multiValueHeaders['X-Twice'] = ['multi-1', 'multi-2'];
        await createLambdaHandler(router)(event, lambdaContext());
        expect(last().request.headers['x-twice']).toEqual(['multi-1', 'multi-2']);
    });

    it('rejects an event that is not an HTTP event, naming what it expected', async () => {
        const {router} = createRecordingRouter();
        const handler = createLambdaHandler(router);
        await expect(handler({Records: []} as unknown as LambdaHttpEvent, lambdaContext())).rejects.toThrow(/not an HTTP event/);
    });

    it('accepts events and contexts typed with @types/aws-lambda', async () => {
        const {router} = createRecordingRouter();
        const handler = createLambdaHandler(router);
        const context = lambdaContext() as unknown as Context;
        const v1: APIGatewayProxyEvent = fixture('v1__rs_multi-value.json');
        const v2: APIGatewayProxyEventV2 = fixture('v2__rs_minimal.json');
        const url: LambdaFunctionURLEvent = fixture('url__rs_function-url.json');
        const alb: ALBEvent = fixture('alb__pt_base.json');
        const results = [await handler(v1, context), await handler(v2, context), await handler(url, context), await handler(alb, context)];
        expect(results.map((r) => r.statusCode)).toEqual([400, 404, 200, 200]);
        expect([v1, v2, url, alb].map((e) => eventKindOf(e))).toEqual(['v1', 'v2', 'url', 'alb']);
    });
});
