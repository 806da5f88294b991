// The example API as a Lambda function: HTTP API (payload 2.0) events through the handler module,
// the streaming handler with a stand-in for the runtime's `awslambda` global, then the deployable
// bundle (`npm run build`: tsc with runtime types, then esbuild) in a fresh node and in the real
// AWS runtime client (aws-lambda-ric, installed by `npm run setup:lambda-runtime`; with CI=true its
// absence fails the test, elsewhere it skips).
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {ApiGatewayV2Result, AwsLambdaStreamingRuntime, LambdaContext} from '@hookline/aws-lambda';
import {CapturedStream, fakeStreamingRuntime, splitStreamed} from '../../../packages/aws-lambda/src/test-support/fake-streaming-runtime.js';
import {
    RuntimeProcess,
    runtimeClientForTests,
    startRuntimeClient,
    stopRuntimeClient,
} from '../../../packages/aws-lambda/src/test-support/runtime-client.js';

const run = promisify(execFile);
const exampleDir = fileURLToPath(new URL('..', import.meta.url));

/** An HTTP API (payload 2.0) event as API Gateway sends it for a call on the `$default` stage. */
function httpApiEvent(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown) {
    return {
        version: '2.0',
        routeKey: '$default',
        rawPath: path,
        rawQueryString: '',
        headers: {'content-type': 'application/json', 'user-agent': 'curl/8.5.0', ...headers},
        body: body === undefined ? undefined : JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: {
            accountId: '123456789012',
            apiId: 'a1b2c3d4e5',
            domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
            requestId: 'JKJaXmPLvHcESHA=',
            stage: '$default',
            http: {method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0'},
            timeEpoch: 1767225600000,
        },
    };
}

const context: LambdaContext = {
    awsRequestId: '6bc28136-xmpl-4365-b021-0ce6b2e64ab0',
    functionName: 'hookline-example',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hookline-example',
    getRemainingTimeInMillis: () => 3000,
    callbackWaitsForEmptyEventLoop: true,
};

const ada = {authorization: 'Bearer token-ada'};

describe('the example handler (src/handler.ts) with HTTP API events', () => {
    const logs: string[] = [];
    let handler: (event: unknown, context: LambdaContext) => Promise<ApiGatewayV2Result>;
    beforeAll(async () => {
        vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
        handler = (await import('./handler.js')).handler as unknown as typeof handler;
    });
    afterAll(() => vi.restoreAllMocks());

    it('GET /health', async () => {
        const res = await handler(httpApiEvent('GET', '/health'), context);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(JSON.parse(res.body).health).toMatchObject({ok: true});
    });

    it('POST /api/users/getUser with a token', async () => {
        const res = await handler(httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': [1]}), context);
        expect(res).toEqual({
            statusCode: 200,
            headers: {'content-type': 'application/json; charset=utf-8'},
            body: '{"api/users/getUser":{"id":1,"name":"Ada","email":"ada@example.test","createdAt":"2024-01-15T09:30:00.000Z"}}',
            isBase64Encoded: false,
        });
    });

    it('POST /api/pets/add: a Date in and out', async () => {
        const res = await handler(
            httpApiEvent('POST', '/api/pets/add', ada, {
                'api/pets/add': [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}],
            }),
            context,
        );
        expect(JSON.parse(res.body)).toEqual({
            'api/pets/add': {id: 2, ownerId: 1, name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'},
        });
    });

    it('errors: 401 for a wrong token, 400 on bad params, a generic 500 that leaks nothing', async () => {
        const denied = await handler(httpApiEvent('GET', '/api/users/me', {authorization: 'Bearer wrong'}), context);
        expect(denied.statusCode).toBe(401);
        expect(JSON.parse(denied.body)).toEqual({
            'api/auth': {name: 'invalid-token', statusCode: 401, message: 'Invalid or missing token'},
        });
        const invalid = await handler(httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': ['one']}), context);
        expect(invalid.statusCode).toBe(400);
        const broken = await handler(httpApiEvent('GET', '/api/broken', ada), context);
        expect(broken.statusCode).toBe(500);
        expect(broken.body).not.toContain('10.0.0.7');
    });

    it('logs one JSON line per call (the runOnError logger), private errors included', () => {
        const lines = logs.map((l) => JSON.parse(l) as {path: string; status: number; errors: string[]});
        expect(lines.map((l) => `${l.status} ${l.path}`)).toEqual([
            '200 /health',
            '200 /api/users/getUser',
            '200 /api/pets/add',
            '401 /api/users/me',
            '400 /api/users/getUser',
            '500 /api/broken',
        ]);
        expect(lines[5]?.errors[0]).toContain('10.0.0.7:5432');
    });
});

describe('the streaming handler (src/streaming-handler.ts)', () => {
    it("streams the progress hook's steps, then the route's body", async () => {
        const globals = globalThis as unknown as {awslambda?: AwsLambdaStreamingRuntime};
        globals.awslambda = fakeStreamingRuntime();
        vi.spyOn(console, 'log').mockImplementation(() => undefined);
        try {
            const {handler} = await import('./streaming-handler.js');
            const event = httpApiEvent('GET', '/report/build');
            event.requestContext.domainName = 'a1b2c3d4e5f6.lambda-url.us-east-1.on.aws';
            const stream = new CapturedStream();
            await handler(event, stream, context);
            expect(splitStreamed(stream.bytes())).toEqual({
                prelude: {statusCode: 200, headers: {}},
                body: '10%\n60%\n100%\n{"report/build":{"pages":12}}',
            });
        } finally {
            delete globals.awslambda;
            vi.restoreAllMocks();
        }
    });
});

describe('the deployable bundle (npm run build)', () => {
    const bundleDir = fileURLToPath(new URL('../dist/lambda/', import.meta.url));
    const bundle = `${bundleDir}handler.mjs`;
    // In .runtime/aws-lambda-ric (`npm run setup:lambda-runtime`); CI=true fails without it, elsewhere skips.
    const ric = runtimeClientForTests('aws-lambda example');
    const skipRuntime = ric.skip;
    const processes: RuntimeProcess[] = [];
    beforeAll(async () => {
        await run('npm', ['run', 'build'], {cwd: exampleDir, timeout: 120_000});
    });
    afterAll(async () => {
        for (const proc of processes.splice(0)) await stopRuntimeClient(proc);
    });

    it('is one file per handler, which serves an HTTP API event in a fresh node', async () => {
        expect(existsSync(bundle)).toBe(true);
        expect(existsSync(`${bundleDir}streaming-handler.mjs`)).toBe(true);
        const script = `
            const t = performance.now();
            const {handler} = await import(${JSON.stringify(bundle)});
            const loadMs = performance.now() - t;
            console.log = () => undefined;
            const event = JSON.parse(process.argv[1]);
            process.stdout.write(JSON.stringify({loadMs, result: await handler(event, {})}));
        `;
        const event = httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': [2]});
        const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(event)], {timeout: 30_000});
        const {loadMs, result} = JSON.parse(stdout) as {loadMs: number; result: ApiGatewayV2Result};
        expect(result.statusCode).toBe(200);
        expect(JSON.parse(result.body)['api/users/getUser'].name).toBe('Grace');
        console.info(`[aws-lambda example] bundle import (cold, router compiled) ${loadMs.toFixed(1)} ms`);
    });

    it.skipIf(skipRuntime)('runs in the real AWS runtime client, buffered and streamed', async () => {
        if (ric.problem !== undefined) throw new Error(ric.problem);
        const arn = 'arn:aws:lambda:us-east-1:123456789012:function:hookline-example';
        const buffered = await startRuntimeClient(ric.bin as string, bundleDir, 'handler.handler', arn);
        processes.push(buffered);
        const streaming = await startRuntimeClient(ric.bin as string, bundleDir, 'streaming-handler.handler', arn);
        processes.push(streaming);

        const posted = await buffered.api.invoke(httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': [1]}));
        expect(JSON.parse(posted.body.toString('utf8'))).toEqual({
            statusCode: 200,
            headers: {'content-type': 'application/json; charset=utf-8'},
            body: '{"api/users/getUser":{"id":1,"name":"Ada","email":"ada@example.test","createdAt":"2024-01-15T09:30:00.000Z"}}',
            isBase64Encoded: false,
        });

        const event = httpApiEvent('GET', '/report/build');
        event.requestContext.domainName = 'a1b2c3d4e5f6.lambda-url.us-east-1.on.aws';
        const streamed = await streaming.api.invoke(event);
        expect(streamed.headers['lambda-runtime-function-response-mode']).toBe('streaming');
        expect(splitStreamed(streamed.body)).toEqual({
            prelude: {statusCode: 200, headers: {}},
            body: '10%\n60%\n100%\n{"report/build":{"pages":12}}',
        });
        // The logger hook's JSON line went to the runtime's log output.
        expect(buffered.output.join('')).toContain('"path":"/api/users/getUser","status":200');
    });
});
