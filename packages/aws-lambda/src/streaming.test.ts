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
