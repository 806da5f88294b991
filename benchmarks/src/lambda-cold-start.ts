// Lambda cold start: the example Lambda (examples/aws-lambda/src/handler.ts, Hookline with the
// compiled module), the same routes on Hono's Lambda adapter validated by zod
// (src/lambda/hono-handler.ts), and a Lambda that does nothing (the baseline: node and the runtime
// client alone), each bundled by esbuild the same way (one ESM file, platform node, not minified).
// Each run starts a fresh real AWS runtime client (aws-lambda-ric) process per Lambda, interleaved,
// against a fake Runtime API on 127.0.0.1, and measures init (spawn to the client's first poll for
// an event, which comes after the handler module is imported) and the first invocation (an HTTP API
// payload 2.0 event handed out to its response received). Also: the bundle's import alone, in a
// fresh node. `npm run bench:lambda [-- --runs 10]`; figures in docs/aws-lambda.md.
import {execFile} from 'node:child_process';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {cpus} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {gzipSync} from 'node:zlib';
import {build} from 'esbuild';
import {coldStart} from './lambda/runtime.js';

const run = promisify(execFile);

/** The repository's root: the first folder up from here that holds benchmarks/package.json. */
function repoRoot(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'benchmarks', 'package.json'))) {
        const up = dirname(dir);
        if (up === dir) throw new Error('repository root not found');
        dir = up;
    }
    return dir;
}

const root = repoRoot();
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 10;
const ricBin = join(root, '.runtime/aws-lambda-ric/node_modules/aws-lambda-ric/bin/index.mjs');
if (!existsSync(ricBin))
    throw new Error(`aws-lambda-ric is not installed in .runtime/aws-lambda-ric: run \`npm run setup:lambda-runtime\``);

const lambdas = [
    {name: 'baseline (does nothing)', entry: 'benchmarks/src/lambda/noop-handler.ts', dir: 'noop'},
    {name: 'Hookline, compiled module', entry: 'examples/aws-lambda/src/handler.ts', dir: 'hookline'},
    {name: 'Hono + zod', entry: 'benchmarks/src/lambda/hono-handler.ts', dir: 'hono'},
] as const;

/** An HTTP API (payload 2.0) event, as API Gateway sends it on the `$default` stage. */
function httpApiEvent(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown) {
    return {
        version: '2.0',
        routeKey: '$default',
        rawPath: path,
        rawQueryString: '',
        headers: {
            'content-type': 'application/json',
            'user-agent': 'curl/8.5.0',
            host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
            ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: {
            accountId: '123456789012',
            apiId: 'a1b2c3d4e5',
            domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
            domainPrefix: 'a1b2c3d4e5',
            requestId: 'JKJaXmPLvHcESHA=',
            routeKey: '$default',
            stage: '$default',
            time: '01/Jan/2026:00:00:00 +0000',
            http: {method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0'},
            timeEpoch: 1767225600000,
        },
    };
}

const ada = {authorization: 'Bearer token-ada'};
// The timed first invocation: pets/add, a Date in the body and out (auth header, validation, serializer).
const events = [
    httpApiEvent('POST', '/api/pets/add', ada, {
        'api/pets/add': [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}],
    }),
    httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': [1]}),
    httpApiEvent('GET', '/health'),
    httpApiEvent('POST', '/api/users/getUser', ada, {'api/users/getUser': ['one']}),
    httpApiEvent('POST', '/api/users/getUser', {authorization: 'Bearer wrong'}, {'api/users/getUser': [1]}),
];

const outDir = join(root, 'benchmarks/dist/lambda-cold-start');
const bundles = new Map<string, string>();
for (const l of lambdas) {
    const taskRoot = join(outDir, l.dir);
    // As examples/aws-lambda's `npm run build` bundles handler.ts.
    await build({
        entryPoints: [join(root, l.entry)],
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        outfile: join(taskRoot, 'handler.mjs'),
        logLevel: 'warning',
    });
    bundles.set(l.dir, taskRoot);
}

interface Sample {
    initMs: number;
    firstCallMs: number;
    importMs: number;
}
const samples = new Map<string, Sample[]>(lambdas.map((l) => [l.dir, []]));
const answers = new Map<string, unknown[]>();

const importScript = `
    const t = performance.now();
    await import(process.argv[1]);
    process.stdout.write(String(performance.now() - t));
`;

for (let i = 0; i < runs; i++) {
    for (const l of lambdas) {
        const taskRoot = bundles.get(l.dir) as string;
        const {initMs, firstCallMs, results} = await coldStart(ricBin, taskRoot, l.dir === 'noop' ? events.slice(0, 1) : events);
        if (!answers.has(l.dir)) answers.set(l.dir, results);
        const {stdout} = await run(process.execPath, ['--input-type=module', '-e', importScript, join(taskRoot, 'handler.mjs')], {
            env: {PATH: process.env.PATH, TZ: 'UTC'},
        });
        samples.get(l.dir)?.push({initMs, firstCallMs, importMs: Number(stdout)});
    }
}

// Both APIs answer the events alike (the status and the parsed body; health's time and pid aside).
const shape = (result: unknown): unknown => {
    const {statusCode, body} = result as {statusCode: number; body: string};
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if ('health' in parsed) parsed.health = Object.keys(parsed.health as object);
    // Messages are each library's own words; names, statuses and error paths must agree.
    return {statusCode, body: JSON.parse(JSON.stringify(parsed, (key, value: unknown) => (key === 'message' ? undefined : value)))};
};
const hooklineAnswers = (answers.get('hookline') ?? []).map(shape);
const honoAnswers = (answers.get('hono') ?? []).map(shape);
if (JSON.stringify(hooklineAnswers) !== JSON.stringify(honoAnswers))
    throw new Error(`the two APIs answer differently:\n${JSON.stringify(hooklineAnswers)}\n${JSON.stringify(honoAnswers)}`);

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (x: number): string => x.toFixed(1);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

console.log(`Lambda cold start: ${runs} fresh runtime-client processes per Lambda, interleaved; medians in ms (min-max)`);
console.log(
    `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, aws-lambda-ric in .runtime/aws-lambda-ric\n`,
);
console.log('| Lambda | bundle (gzip) | import alone | init | first call | init + first call |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const l of lambdas) {
    const s = samples.get(l.dir) as Sample[];
    const file = join(bundles.get(l.dir) as string, 'handler.mjs');
    const range = (xs: number[]): string => `${ms(median(xs))} (${ms(Math.min(...xs))}-${ms(Math.max(...xs))})`;
    const size = `${kb(statSync(file).size)} (${kb(gzipSync(readFileSync(file)).length)})`;
    console.log(
        `| ${l.name} | ${size} | ${range(s.map((x) => x.importMs))} | ${range(s.map((x) => x.initMs))} | ` +
            `${range(s.map((x) => x.firstCallMs))} | ${range(s.map((x) => x.initMs + x.firstCallMs))} |`,
    );
}
console.log('\nThe two APIs answered the five events alike (pets/add, getUser, health, a 400 and a 401).');
