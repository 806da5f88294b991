// Runs the real AWS runtime client (aws-lambda-ric) as a long-lived child process against a fake
// Runtime API, for the runtime tier and the example's bundle test. Stopped by PID.
import {ChildProcess, spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {FakeRuntimeApi, startFakeRuntimeApi} from './fake-runtime-api.js';

/** The version the runtime tier is pinned to (4.x needs Node >= 22). */
export const RIC_VERSION = '3.3.0';

/** Where the runtime client's entry is, or why it can't run. */
export type RuntimeClient = {bin: string; problem?: undefined} | {bin?: undefined; problem: string};

/** Finds aws-lambda-ric and checks its version and native build. */
export function findRuntimeClient(): RuntimeClient {
    let pkgJson: string;
    try {
        pkgJson = createRequire(import.meta.url).resolve('aws-lambda-ric/package.json');
    } catch {
        return {
            problem: 'aws-lambda-ric is not installed (npm install; it needs `apt-get install -y autoconf automake libtool cmake` first)',
        };
    }
    const dir = dirname(pkgJson);
    const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as {version: string}).version;
    if (version !== RIC_VERSION) return {problem: `aws-lambda-ric ${version} is installed; the runtime tier is pinned to ${RIC_VERSION}`};
    if (!existsSync(join(dir, 'dist', 'rapid-client.node')))
        return {
            problem:
                'aws-lambda-ric is installed but its native build failed (dist/rapid-client.node is missing): install autoconf automake libtool, then `npm rebuild aws-lambda-ric`',
        };
    return {bin: join(dir, 'bin', 'index.mjs')};
}

/** A runtime client process serving one handler, and its fake Runtime API. */
export interface RuntimeProcess {
    api: FakeRuntimeApi;
    child: ChildProcess;
    /** Its stdout and stderr, for failure messages. */
    output: string[];
    /** ms from spawn to the client's first poll (node start, client start, handler module loaded). */
    startMs: number;
}

/** Starts the runtime client on `handler` (`file.export`) of `taskRoot`, with its own fake Runtime API; resolves once it polls. */
export async function startRuntimeClient(bin: string, taskRoot: string, handler: string, functionArn: string): Promise<RuntimeProcess> {
    const api = await startFakeRuntimeApi(functionArn);
    const output: string[] = [];
    const started = performance.now();
    const functionName = functionArn.split(':').pop() ?? 'function';
    const child = spawn(process.execPath, [bin, handler], {
        cwd: taskRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            TZ: 'UTC',
            AWS_LAMBDA_RUNTIME_API: api.address,
            LAMBDA_TASK_ROOT: taskRoot,
            _HANDLER: handler,
            AWS_REGION: 'us-east-1',
            AWS_LAMBDA_FUNCTION_NAME: functionName,
            AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
            AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
            AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]test',
        },
    });
    const proc: RuntimeProcess = {api, child, output, startMs: 0};
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    let timer: NodeJS.Timeout | undefined;
    try {
        const exited = new Promise<never>((_, reject) =>
            child.once('exit', (code, signal) =>
                reject(new Error(`${handler}: runtime client exited (${code ?? signal}):\n${output.join('')}`)),
            ),
        );
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${handler}: no poll within 20 s:\n${output.join('')}`)), 20_000);
        });
        proc.startMs = (await Promise.race([api.firstPoll, exited, timeout])) - started;
    } catch (error) {
        await stopRuntimeClient(proc);
        throw error;
    } finally {
        clearTimeout(timer);
    }
    if (api.initErrors.length > 0) {
        await stopRuntimeClient(proc);
        throw new Error(`${handler}: init error ${api.initErrors.join('; ')}\n${output.join('')}`);
    }
    return proc;
}

/** Stops the client by its PID (SIGTERM, SIGKILL after 2 s) and closes its fake Runtime API. */
export async function stopRuntimeClient(proc: RuntimeProcess): Promise<void> {
    const {child} = proc;
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const pid = child.pid;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
        }, 2000);
        await exited;
        clearTimeout(timer);
    }
    await proc.api.close();
}
