// One cold start of a Lambda bundle in the real AWS runtime client (aws-lambda-ric, installed in
// .runtime/aws-lambda-ric by `npm run setup:lambda-runtime`), against a fake Runtime API on
// 127.0.0.1 of our own: the same setup as packages/aws-lambda/src/test-support (not imported: the
// benchmarks compile from src alone). The child is stopped by its PID.
import {spawn} from 'node:child_process';
import {createServer, IncomingMessage, ServerResponse} from 'node:http';
import {AddressInfo} from 'node:net';

const NEXT = '/2018-06-01/runtime/invocation/next';

/** What one cold start took, in ms, and what the first invocation answered. */
export interface ColdStart {
    /** From spawning the runtime client to its first `GET /invocation/next` (node, the client and the handler module loaded). */
    initMs: number;
    /** From handing the first event to receiving the client's `POST .../response`. */
    firstCallMs: number;
    /** The first invocation's result and the results of `more` events, parsed. */
    results: unknown[];
}

function readAll(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const parts: Buffer[] = [];
        req.on('data', (chunk: Buffer) => parts.push(chunk));
        req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        req.on('error', reject);
    });
}

/** Starts `ricBin` on `taskRoot`'s `handler.handler`, times init and the first of `events`, then invokes the rest (untimed) and stops it. */
export async function coldStart(ricBin: string, taskRoot: string, events: unknown[]): Promise<ColdStart> {
    let spawnedAt = 0;
    let initMs = -1;
    let handedAt = 0;
    let firstCallMs = -1;
    const results: unknown[] = [];
    const output: string[] = [];
    let next = 0;
    let done: (error?: Error) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => (done = (error) => (error === undefined ? resolve() : reject(error))));

    const hand = (res: ServerResponse): void => {
        const index = next++;
        const payload = JSON.stringify(events[index]);
        res.writeHead(200, {
            'content-type': 'application/json',
            'lambda-runtime-aws-request-id': `req-${index}`,
            'lambda-runtime-deadline-ms': String(Date.now() + 30_000),
            'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:cold-start',
            'lambda-runtime-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0',
        });
        if (index === 0) handedAt = performance.now();
        res.end(payload);
    };
    const server = createServer((req, res) => {
        const url = req.url ?? '';
        if (req.method === 'GET' && url === NEXT) {
            if (initMs < 0) initMs = performance.now() - spawnedAt;
            if (next < events.length) hand(res);
            else done(); // every event answered: this poll is left hanging until the client is stopped
            return;
        }
        void readAll(req).then((body) => {
            if (url.endsWith('/response')) {
                if (firstCallMs < 0) firstCallMs = performance.now() - handedAt;
                results.push(JSON.parse(body) as unknown);
            } else done(new Error(`${taskRoot}: ${req.method} ${url}: ${body}\n${output.join('')}`));
            res.writeHead(202, {'content-type': 'application/json'});
            res.end('{"status":"OK"}');
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const {port} = server.address() as AddressInfo;

    spawnedAt = performance.now();
    const child = spawn(process.execPath, [ricBin, 'handler.handler'], {
        cwd: taskRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            TZ: 'UTC',
            AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
            LAMBDA_TASK_ROOT: taskRoot,
            _HANDLER: 'handler.handler',
            AWS_REGION: 'us-east-1',
            AWS_LAMBDA_FUNCTION_NAME: 'cold-start',
            AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
            AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/cold-start',
            AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]bench',
        },
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => done(new Error(`${taskRoot}: runtime client exited (${code ?? signal})\n${output.join('')}`)));
    const timer = setTimeout(() => done(new Error(`${taskRoot}: not done within 20 s\n${output.join('')}`)), 20_000);
    try {
        await finished;
    } finally {
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
            process.kill(child.pid, 'SIGKILL');
            await exited;
        }
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    return {initMs, firstCallMs, results};
}
