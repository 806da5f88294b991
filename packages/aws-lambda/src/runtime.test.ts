// The runtime tier: the real AWS runtime client (aws-lambda-ric 3.3.0, native build) runs the
// built handler module against a fake Lambda Runtime API on 127.0.0.1, as long-lived child
// processes (one buffered, one streaming). Every fixture and the shared case table go through
// it, and the raw bytes the client posts back are checked against the in-process handler.
// With CI=true a missing or unbuilt runtime client fails these tests; elsewhere they are skipped.
// It is not in `npm install`: `npm run setup:lambda-runtime` installs it (see test-support/runtime-client-location.ts).
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkCase, protocolCases} from '../../../test/shared/protocol-cases.js';
import {LambdaContext, LambdaHttpResult} from './events.js';
import {createLambdaHandler} from './handler.js';
import {createStreamingLambdaHandler, responseStreamOf} from './streaming.js';
import {caseEvent, caseEventKinds, caseFor, caseResponse} from './test-support/case-events.js';
import {CapturedStream, fakeStreamingRuntime, splitStreamed} from './test-support/fake-streaming-runtime.js';
import {Posted} from './test-support/fake-runtime-api.js';
import {fixture, fixtureNames} from './test-support/fixtures.js';
import {RIC_VERSION, RuntimeProcess, runtimeClientForTests, startRuntimeClient, stopRuntimeClient} from './test-support/runtime-client.js';
import {createRuntimeTierRouter} from './test-support/runtime-router.js';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:hookline-runtime-tier';
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const packageRoot = fileURLToPath(new URL('../', import.meta.url));

// In .runtime/aws-lambda-ric (`npm run setup:lambda-runtime`); CI=true fails without it, elsewhere skips.
const ric = runtimeClientForTests('aws-lambda runtime tier');
const skip = ric.skip;

describe('the runtime client for the runtime tier', () => {
    it(`aws-lambda-ric ${RIC_VERSION} is installed and its native client built${skip ? ' (skipped outside CI)' : ''}`, () => {
        if (skip) return;
        expect(ric.problem).toBeUndefined();
    });
});

const context: LambdaContext = {
    awsRequestId: 'in-process',
    functionName: 'hookline-runtime-tier',
    invokedFunctionArn: FUNCTION_ARN,
    getRemainingTimeInMillis: () => 30_000,
    callbackWaitsForEmptyEventLoop: true,
};

describe.skipIf(skip)('the real runtime client (aws-lambda-ric) running the built handler', () => {
    const workDir = join(repoRoot, '.tmp', `aws-lambda-runtime-${process.pid}`);
    const processes: RuntimeProcess[] = [];
    let buffered: RuntimeProcess;
    let streaming: RuntimeProcess;
    let taskRoot: string;
    let compileMs = 0;
    let moduleLoadMs = 0;

    // The same router in-process, as the oracle for the bytes the runtime client posts.
    const router = createRuntimeTierRouter(responseStreamOf);
    const inProcess = createLambdaHandler(router);
    const inProcessStreaming = createStreamingLambdaHandler(router, {awslambda: fakeStreamingRuntime()});

    async function expectedStreamBytes(event: unknown): Promise<Buffer> {
        const stream = new CapturedStream();
        await inProcessStreaming(event as never, stream, context);
        return stream.bytes();
    }

    async function spawnRuntime(handler: string): Promise<RuntimeProcess> {
        const proc = await startRuntimeClient(ric.bin as string, taskRoot, handler, FUNCTION_ARN);
        processes.push(proc);
        return proc;
    }

    beforeAll(async () => {
        if (ric.problem !== undefined) throw new Error(`runtime tier: ${ric.problem}`);
        if (!existsSync(join(packageRoot, 'dist', 'index.js'))) throw new Error('runtime tier: build the packages first (npm run build)');
        // Build the handler module with the deepkit-enabled tsc, as a deployment would.
        rmSync(workDir, {recursive: true, force: true});
        mkdirSync(workDir, {recursive: true});
        const source = join(packageRoot, 'src', 'test-support', 'runtime-handler.ts');
        writeFileSync(
            join(workDir, 'tsconfig.json'),
            JSON.stringify({
                extends: relative(workDir, join(repoRoot, 'tsconfig.base.json')),
                reflection: true,
                compilerOptions: {
                    rootDir: repoRoot,
                    outDir: 'out',
                    composite: false,
                    declaration: false,
                    declarationMap: false,
                    sourceMap: false,
                    noCheck: true,
                },
                files: [source],
            }),
        );
        const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
        const t0 = performance.now();
        await promisify(execFile)(process.execPath, [tsc, '-p', join(workDir, 'tsconfig.json')], {cwd: workDir, timeout: 120_000});
        compileMs = performance.now() - t0;
        taskRoot = join(workDir, 'out', relative(repoRoot, dirname(source)));
        const built = join(taskRoot, 'runtime-handler.js');
        // Runtime types were emitted (without them every route would fail to compile at startup).
        expect(readFileSync(join(taskRoot, 'runtime-router.js'), 'utf8')).toContain('__type');

        // Cold start of the handler module alone: import it in a fresh node (no runtime client, so no streaming global).
        const probe = `globalThis.awslambda={streamifyResponse:(h)=>h,HttpResponseStream:{from:(s)=>s}};const t=performance.now();await import(${JSON.stringify(built)});console.log(performance.now()-t)`;
        const {stdout} = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', probe], {
            cwd: taskRoot,
            timeout: 30_000,
        });
        moduleLoadMs = Number(stdout.trim());

        [buffered, streaming] = await Promise.all([spawnRuntime('runtime-handler.buffered'), spawnRuntime('runtime-handler.streaming')]);
    });

    afterAll(async () => {
        for (const proc of processes.splice(0)) await stopRuntimeClient(proc);
        rmSync(workDir, {recursive: true, force: true});
    });

    describe('buffered (runtime-handler.buffered)', () => {
        it.each(fixtureNames)('%s: the client posts exactly the in-process result', async (name) => {
            const posted = await buffered.api.invoke(fixture(name));
            const expected = await inProcess(fixture(name), context);
            expect(posted.kind).toBe('response');
            expect(posted.body.toString('utf8')).toBe(JSON.stringify(expected));
        });

        it.each(caseEventKinds)('the shared case table as %s events', async (kind) => {
            for (const c of protocolCases) {
                const posted = await buffered.api.invoke(caseEvent(kind, c));
                const result = JSON.parse(posted.body.toString('utf8')) as LambdaHttpResult;
                expect(checkCase(caseFor(kind, c), caseResponse(result)), `${kind}: ${c.name}`).toEqual([]);
            }
        });

        it("raw hooks get the runtime's Lambda context: its request id and function ARN come back", async () => {
            const event = fixture('v2__rs_minimal.json');
            event.rawPath = '/runtime/whoami';
            const posted = await buffered.api.invoke(event);
            const result = JSON.parse(posted.body.toString('utf8')) as {headers: Record<string, string>; body: string};
            expect(result.headers['x-aws-request-id']).toBe(posted.requestId);
            expect(result.headers['x-function-arn']).toBe(FUNCTION_ARN);
            expect(result.body).toBe('{"runtime/whoami":"runtime"}');
        });

        it('an event that is not an HTTP event is an invocation error, and the runtime keeps serving', async () => {
            const posted = await buffered.api.invoke({Records: [{eventSource: 'aws:sqs'}]});
            expect(posted.kind).toBe('error');
            const error = JSON.parse(posted.body.toString('utf8')) as {errorType: string; errorMessage: string};
            expect(error.errorType).toBe('TypeError');
            expect(error.errorMessage).toContain('not an HTTP event');
            const next = await buffered.api.invoke(fixture('url__rs_function-url.json'));
            expect(JSON.parse(next.body.toString('utf8'))).toMatchObject({statusCode: 200});
        });
    });

    describe('streamed (runtime-handler.streaming)', () => {
        it.each(fixtureNames)('%s: metadata prelude, 8 NUL bytes, body, chunked, in streaming mode', async (name) => {
            const posted: Posted = await streaming.api.invoke(fixture(name));
            expect(posted.kind).toBe('response');
            expect(posted.headers['lambda-runtime-function-response-mode']).toBe('streaming');
            expect(posted.headers['content-type']).toBe('application/vnd.awslambda.http-integration-response');
            expect(posted.headers['transfer-encoding']).toBe('chunked');
            expect(posted.body.equals(await expectedStreamBytes(fixture(name)))).toBe(true);
            const {prelude, body} = splitStreamed(posted.body);
            const buffered = (await inProcess(fixture(name), context)) as LambdaHttpResult & {statusDescription?: string};
            const {body: expectedBody, isBase64Encoded, statusDescription, ...expectedPrelude} = buffered;
            expect([isBase64Encoded, typeof statusDescription]).toContain(false);
            expect(prelude).toEqual(expectedPrelude);
            expect(body).toBe(expectedBody);
        });

        it.each(['url', 'v1'] as const)('the shared case table as %s events, streamed', async (kind) => {
            for (const c of protocolCases) {
                const posted = await streaming.api.invoke(caseEvent(kind, c));
                const {prelude, body} = splitStreamed(posted.body);
                const result = {...(prelude as {statusCode: number}), body, isBase64Encoded: false} as LambdaHttpResult;
                expect(checkCase(caseFor(kind, c), caseResponse(result)), `${kind}: ${c.name}`).toEqual([]);
            }
        });

        it("the seed's progress hook streams before the body, in several chunks", async () => {
            const event = fixture('url__rs_function-url.json');
            event.rawPath = '/progress/work';
            const posted = await streaming.api.invoke(event);
            expect(splitStreamed(posted.body)).toEqual({
                prelude: {statusCode: 200, headers: {}},
                body: '10%\n20%\n30%\n{"progress/work":"done"}',
            });
            expect(posted.chunks).toBeGreaterThan(1);
        });

        it('a streaming route: server-sent events, each item posted as it was produced', async () => {
            const event = fixture('url__rs_function-url.json');
            event.rawPath = '/runtime/ticks';
            event.requestContext.http.method = 'POST';
            event.headers = {'content-type': 'application/json'};
            event.body = '{"runtime/ticks":[3]}';
            event.isBase64Encoded = false;
            const posted = await streaming.api.invoke(event);
            const {prelude, body} = splitStreamed(posted.body);
            expect(prelude).toMatchObject({statusCode: 200, headers: {'content-type': 'text/event-stream; charset=utf-8'}});
            expect(body).toBe('event: item\ndata: 1\n\nevent: item\ndata: 2\n\nevent: item\ndata: 3\n\nevent: result\ndata: "done"\n\n');
            // Nothing waited for the end: the items are produced 20 ms apart (at least; later under
            // load), so posted as produced the body arrives in several chunks spread over at least
            // the two waits after the first item. (How many chunks the runtime client's writes
            // coalesce into depends on its timing: not asserted beyond two.)
            expect(posted.chunks).toBeGreaterThanOrEqual(2);
            expect(posted.spreadMs).toBeGreaterThanOrEqual(35);
        });

        it('an event that is not an HTTP event fails the stream with the error in its trailers', async () => {
            const posted = await streaming.api.invoke({Records: []});
            expect(posted.trailers['lambda-runtime-function-error-type']).toBe('TypeError');
            const error = JSON.parse(
                Buffer.from(posted.trailers['lambda-runtime-function-error-body'] ?? '', 'base64').toString('utf8'),
            ) as {errorMessage: string};
            expect(error.errorMessage).toContain('not an HTTP event');
            const next = await streaming.api.invoke(fixture('url__rs_function-url.json'));
            expect(splitStreamed(next.body).body).toBe('{"my/path":"ok"}');
        });
    });

    describe('measured (printed, not asserted beyond sanity)', () => {
        it('cold start and per-invocation time through the real runtime client', async () => {
            const event = fixture('v2__go_apigw-v2-iam.json');
            const rounds = 200;
            const time = async (proc: RuntimeProcess): Promise<number> => {
                for (let i = 0; i < 20; i++) await proc.api.invoke(event);
                const t0 = performance.now();
                for (let i = 0; i < rounds; i++) await proc.api.invoke(event);
                return (performance.now() - t0) / rounds;
            };
            const perBuffered = await time(buffered);
            const perStreamed = await time(streaming);
            console.info(
                `[aws-lambda runtime tier] tsc build of the handler ${compileMs.toFixed(0)} ms; handler module import (cold) ${moduleLoadMs.toFixed(1)} ms; ` +
                    `spawn to first poll: buffered ${buffered.startMs.toFixed(0)} ms, streaming ${streaming.startMs.toFixed(0)} ms; ` +
                    `per invocation over ${rounds}: buffered ${perBuffered.toFixed(2)} ms, streamed ${perStreamed.toFixed(2)} ms`,
            );
            expect(moduleLoadMs).toBeGreaterThan(0);
            expect(perBuffered).toBeLessThan(100);
            expect(perStreamed).toBeLessThan(100);
        });
    });
});
