// Runs the real AWS runtime client (aws-lambda-ric) as a long-lived child process against a fake
// Runtime API, for the runtime tier and the example's bundle test. Stopped by PID.
import {ChildProcess, spawn} from 'node:child_process';
import {FakeRuntimeApi, startFakeRuntimeApi} from './fake-runtime-api.js';

// Finding the client (installed by `npm run setup:lambda-runtime`, not by `npm install`).
export {findRuntimeClient, RIC_DIR, RIC_SETUP_COMMAND, RIC_VERSION, runtimeClientForTests} from './runtime-client-location.js';

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
