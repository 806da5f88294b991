import {afterEach, describe, expect, it} from 'vitest';
import {CallContext, createRouter, rawHook} from '@hookline/router';
import {LambdaContext} from './events.js';
import {createLambdaHandler} from './handler.js';
import {AwsLambdaStreamingRuntime, createStreamingLambdaHandler, responseStreamOf} from './streaming.js';
import {CapturedStream, fakeStreamingRuntime, splitStreamed} from './test-support/fake-streaming-runtime.js';
import {fixture} from './test-support/fixtures.js';
import {createRecordingRouter} from './test-support/recording-router.js';

const globals = globalThis as unknown as {awslambda?: AwsLambdaStreamingRuntime};

function lambdaContext(): LambdaContext {
    return {
        awsRequestId: 'req-1',
        functionName: 'f',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
        getRemainingTimeInMillis: () => 1000,
        callbackWaitsForEmptyEventLoop: true,
    };
}

afterEach(() => {
    delete globals.awslambda;
});

describe('createStreamingLambdaHandler: finding the runtime', () => {
    it('throws a clear error outside the Lambda runtime', () => {
        const {router} = createRecordingRouter();
        expect(() => createStreamingLambdaHandler(router)).toThrow(
            /the `awslambda` global is missing\. Response streaming runs only inside the AWS Lambda Node\.js runtime \(or aws-lambda-ric\)/,
        );
    });

    it('reads the awslambda global when called, not when the module was imported', () => {
        const {router} = createRecordingRouter();
        const runtime = fakeStreamingRuntime();
        globals.awslambda = runtime;
        const handler = createStreamingLambdaHandler(router, {highWaterMark: 1024});
        expect(runtime.streamified).toEqual([{handler, options: {highWaterMark: 1024}}]);
    });

    it('takes the runtime from options.awslambda', () => {
        const runtime = fakeStreamingRuntime();
        createStreamingLambdaHandler(createRecordingRouter().router, {awslambda: runtime});
        expect(runtime.streamified).toHaveLength(1);
        expect(runtime.streamified[0]?.options).toBeUndefined();
    });
});

describe('createStreamingLambdaHandler: responses', () => {
    it('streams the prelude (status, headers, cookies), 8 NUL bytes, then the body', async () => {
        const {router, last} = createRecordingRouter();
        const handler = createStreamingLambdaHandler(router, {awslambda: fakeStreamingRuntime()});
        const stream = new CapturedStream();
        const event = fixture('url__rs_function-url.json');
        const context = lambdaContext();
        await handler(event, stream, context);
        expect(stream.contentType).toBe('application/vnd.awslambda.http-integration-response');
        expect(stream.writableFinished).toBe(true);
        expect(splitStreamed(stream.bytes())).toEqual({
            prelude: {statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}},
            body: '{"my/path":"ok"}',
        });
        expect(last().rawRequest).toBe(event);
        expect(last().rawResponse).toBe(context);
    });

    it('streams errors with their status, and a 413 for a body over the limit', async () => {
        const {router} = createRecordingRouter(16);
        const handler = createStreamingLambdaHandler(router, {awslambda: fakeStreamingRuntime()});
        const stream = new CapturedStream();
        const event = fixture('url__go_captured-base64-body.json');
        event.body = Buffer.from('x'.repeat(17)).toString('base64');
        await handler(event, stream, lambdaContext());
        const {prelude, body} = splitStreamed(stream.bytes());
        expect(prelude).toEqual({statusCode: 413, headers: {'content-type': 'application/json; charset=utf-8'}});
        expect(JSON.parse(body)['@router'].name).toBe('body-too-large');
    });

    it('REST events get their header shape in the prelude', async () => {
        const {router} = createRecordingRouter();
        const stream = new CapturedStream();
        await createStreamingLambdaHandler(router, {awslambda: fakeStreamingRuntime()})(
            fixture('v1__pt_rest-no-auth.json'),
            stream,
            lambdaContext(),
        );
        expect(splitStreamed(stream.bytes()).prelude).toEqual({
            statusCode: 200,
            multiValueHeaders: {'content-type': ['application/json; charset=utf-8']},
        });
    });

    it('rejects an event that is not an HTTP event', async () => {
        const handler = createStreamingLambdaHandler(createRecordingRouter().router, {awslambda: fakeStreamingRuntime()});
        await expect(handler({} as never, new CapturedStream(), lambdaContext())).rejects.toThrow(/not an HTTP event/);
    });
});

describe('responseStreamOf: raw hooks writing before the body', () => {
    const progressRouter = () => {
        const router = createRouter();
        router.registerRoutes({
            // The seed's progress hook, on Lambda: it writes through the context's stream writer.
            progress: rawHook(async (ctx: CallContext, event: unknown, context: LambdaContext): Promise<void> => {
                const stream = responseStreamOf(context);
                for (let i = 1; i <= 3; i++) {
                    stream?.write(`${i * 10}%\n`);
                    await new Promise((resolve) => setTimeout(resolve, 1));
                }
            }),
            work: (ctx: CallContext): string => 'done',
        });
        return router;
    };

    it('streams: the hook writes first (status 200, no headers), then the body follows', async () => {
        const stream = new CapturedStream();
        const event = fixture('url__rs_function-url.json');
        event.rawPath = '/work';
        await createStreamingLambdaHandler(progressRouter(), {awslambda: fakeStreamingRuntime()})(event, stream, lambdaContext());
        expect(splitStreamed(stream.bytes())).toEqual({prelude: {statusCode: 200, headers: {}}, body: '10%\n20%\n30%\n{"work":"done"}'});
    });

    it('buffered: there is no stream, and the hook skips writing', async () => {
        const event = fixture('url__rs_function-url.json');
        event.rawPath = '/work';
        const result = await createLambdaHandler(progressRouter())(event, lambdaContext());
        expect(result).toMatchObject({statusCode: 200, body: '{"work":"done"}'});
        expect(responseStreamOf(lambdaContext())).toBeUndefined();
        expect(responseStreamOf(undefined)).toBeUndefined();
    });
});

describe('createStreamingLambdaHandler: streaming routes', () => {
    const streamRouter = (log: string[]) => {
        const router = createRouter({logInternalErrors: false});
        router.registerRoutes({
            ticks: async function* (ctx: CallContext, n: number): AsyncGenerator<number, string> {
                try {
                    for (let i = 0; i < n; i++) yield i;
                    return 'done';
                } finally {
                    log.push('finally');
                }
            },
        });
        return router;
    };
    const event = (n: number) => {
        const base = fixture('url__rs_function-url.json');
        return {
            ...base,
            rawPath: '/ticks',
            headers: {'content-type': 'application/json'},
            requestContext: {...base.requestContext, http: {...base.requestContext.http, method: 'POST', path: '/ticks'}},
            body: JSON.stringify({ticks: [n]}),
            isBase64Encoded: false,
        };
    };

    it('writes the prelude (status, text/event-stream) then each event as it is produced', async () => {
        const log: string[] = [];
        const handler = createStreamingLambdaHandler(streamRouter(log), {awslambda: fakeStreamingRuntime()});
        const stream = new CapturedStream();
        await handler(event(2) as never, stream, lambdaContext());
        const {prelude, body} = splitStreamed(stream.bytes());
        expect(prelude).toMatchObject({statusCode: 200, headers: {'content-type': 'text/event-stream; charset=utf-8'}});
        expect(body).toBe('event: item\ndata: 0\n\nevent: item\ndata: 1\n\nevent: result\ndata: "done"\n\n');
        // Each event was its own write (streamed, not buffered into one body).
        expect(stream.chunks.length).toBeGreaterThanOrEqual(2 + 3);
        expect(log).toEqual(['finally']);
    });

    it('waits for drain when the response stream is full, and cancels the route when the stream closes early', async () => {
        const log: string[] = [];
        const handler = createStreamingLambdaHandler(streamRouter(log), {awslambda: fakeStreamingRuntime()});
        const stream = new CapturedStream();
        let writes = 0;
        const write = stream.write.bind(stream);
        // A sink that is full after every write, and closes after the third.
        stream.write = (chunk: string | Uint8Array): boolean => {
            write(chunk);
            if (++writes === 5) setTimeout(() => stream.destroy(), 5);
            else setTimeout(() => stream.emit('drain'), 1);
            return false;
        };
        await handler(event(1000) as never, stream, lambdaContext());
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(writes).toBeLessThan(10);
        expect(log).toEqual(['finally']);
    });

    it('the buffered handler sends the events at once, when the stream has ended', async () => {
        const handler = createLambdaHandler(streamRouter([]));
        const result = await handler(event(2) as never, lambdaContext());
        expect(result).toMatchObject({
            statusCode: 200,
            body: 'event: item\ndata: 0\n\nevent: item\ndata: 1\n\nevent: result\ndata: "done"\n\n',
        });
    });
});
