// The Bun and workerd benchmarks' machinery (run-bun.ts, run-workerd.ts, bun-servers.test.ts):
// bundling the servers with esbuild as they are deployed, starting each as a child process on
// 127.0.0.1 (optionally pinned to a CPU with taskset), stopping it by its PID, and the interleaved
// rounds with a fresh process per server and round, as ../run.ts does for Node.
import {ChildProcess, spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {build} from 'esbuild';
import {hooklineCompiled} from '@hookline/compiler/esbuild';
import {loadTest, LoadResult} from '../load.js';
import {expectedResponse, ScenarioName, scenarioRequest} from '../scenarios.js';

/** The Bun servers, in run order (the baseline first). */
export const bunServerNames = ['raw', 'hono', 'elysia', 'hookline'];
/** The Workers served by workerd, in run order (the baseline first). */
export const workerNames = ['hono', 'hookline'];

/** The benchmarks package's directory (this file runs from src/bun or from dist/<build>/bun). */
export function benchmarksRoot(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++) {
        const pkg = join(dir, 'package.json');
        if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as {name?: string}).name === '@hookline/benchmarks') return dir;
        dir = dirname(dir);
    }
    throw new Error('benchmarks/package.json not found above ' + fileURLToPath(import.meta.url));
}

const repoRoot = (): string => dirname(benchmarksRoot());

/** A runtime's binary, from this repository's node_modules (npm `bun`, `workerd`). */
export const runtimeBin = (name: 'bun' | 'workerd'): string => join(repoRoot(), 'node_modules', '.bin', name);

/** Why a runtime can't run here, or `undefined` when its binary is installed. */
export function missingRuntime(name: 'bun' | 'workerd'): string | undefined {
    return existsSync(runtimeBin(name)) ? undefined : `${name} is not installed (node_modules/.bin/${name}); run npm install`;
}

/** The hooklineCompiled plugin on the scenarios' routes (`hookline build --entry src/scenarios.ts`). */
const compiledPlugin = (): ReturnType<typeof hooklineCompiled> =>
    hooklineCompiled({entry: 'src/scenarios.ts', export: 'routes', cwd: benchmarksRoot()});

/** Bundles the Bun servers (src/bun/<name>.ts) into `outDir/<name>.js`: one ES module each, for Bun. */
export async function bundleBunServers(outDir: string, names: string[] = bunServerNames): Promise<Map<string, string>> {
    mkdirSync(outDir, {recursive: true});
    await build({
        entryPoints: names.map((name) => join(benchmarksRoot(), 'src', 'bun', `${name}.ts`)),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'esnext',
        conditions: ['bun'],
        external: ['bun'],
        outdir: outDir,
        logLevel: 'error',
        plugins: [compiledPlugin()],
    });
    return new Map(names.map((name) => [name, join(outDir, `${name}.js`)]));
}

/** Bundles the Workers (src/workerd/<name>.ts) into `outDir/<name>/worker.js`, as a Worker is deployed. */
export async function bundleWorkers(outDir: string, names: string[] = workerNames): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const name of names) {
        const outfile = join(outDir, name, 'worker.js');
        mkdirSync(dirname(outfile), {recursive: true});
        await build({
            entryPoints: [join(benchmarksRoot(), 'src', 'workerd', `${name}.ts`)],
            bundle: true,
            platform: 'browser',
            format: 'esm',
            conditions: ['worker'],
            outfile,
            logLevel: 'error',
            plugins: [compiledPlugin()],
        });
        files.set(name, outfile);
    }
    return files;
}

/** The workerd config serving `worker.js` (beside it) on 127.0.0.1:`port`, as docs/fetch.md shows. */
export const workerdConfig = (port: number): string => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
);
`;

/** A server process on 127.0.0.1. */
export interface RunningServer {
    name: string;
    port: number;
    pid: number;
    output: () => string;
    stop: () => Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
        });
    });
}

/** Spawns `command args` (under `taskset -c cpu` when given: taskset execs it, so the PID is the server's). */
function spawnServer(command: string, args: string[], cwd: string, cpu: string | undefined): ChildProcess {
    const [file, argv] = cpu === undefined ? [command, args] : ['taskset', ['-c', cpu, command, ...args]];
    return spawn(file, argv, {cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}});
}

function handle(name: string, child: ChildProcess): {output: () => string; stop: () => Promise<void>} {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => void (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => void (text += chunk.toString()));
    const stop = (): Promise<void> =>
        new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
            const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 5_000);
            child.once('exit', () => {
                clearTimeout(timer);
                resolve();
            });
            process.kill(child.pid, 'SIGTERM');
        });
    return {output: () => text, stop};
}

/** Waits (at most 20 s) until `ready()` says the server is up, or it exits. */
async function waitFor(name: string, child: ChildProcess, output: () => string, ready: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null)
            throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
        if (await ready()) return;
        await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${name} not serving after 20 s:\n${output()}`);
}

async function started(
    name: string,
    child: ChildProcess,
    port: () => number | undefined,
    ready: () => Promise<boolean>,
): Promise<RunningServer> {
    const {output, stop} = handle(name, child);
    try {
        await waitFor(name, child, output, ready);
    } catch (error) {
        await stop();
        throw error;
    }
    return {name, port: port() as number, pid: child.pid as number, output, stop};
}

/** Starts `bun <bundle>` on a free port of 127.0.0.1 (the server prints `listening <port>`). */
export async function startBunServer(name: string, bundle: string, cpu?: string): Promise<RunningServer> {
    const child = spawnServer(runtimeBin('bun'), [bundle, '0'], dirname(bundle), cpu);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    const port = (): number | undefined => {
        const m = /listening (\d+)/.exec(out);
        return m === null ? undefined : Number(m[1]);
    };
    return started(name, child, port, async () => port() !== undefined);
}

/** Starts `workerd serve` on the Worker bundle `worker` (a config written beside it), on a free port of 127.0.0.1. */
export async function startWorkerd(name: string, worker: string, cpu?: string): Promise<RunningServer> {
    const port = await freePort();
    writeFileSync(join(dirname(worker), 'config.capnp'), workerdConfig(port));
    const child = spawnServer(runtimeBin('workerd'), ['serve', 'config.capnp'], dirname(worker), cpu);
    const ready = async (): Promise<boolean> => {
        try {
            return (await fetch(`http://127.0.0.1:${port}/hello`)).ok;
        } catch {
            return false;
        }
    };
    return started(name, child, () => port, ready);
}

/** Checks a server answers a scenario with exactly the expected body (before any load). */
export async function verify(server: RunningServer, scenario: ScenarioName, id = 7): Promise<void> {
    const req = scenarioRequest(scenario, id);
    const res = await fetch(`http://127.0.0.1:${server.port}${req.path}`, {
        method: req.method,
        body: req.body,
        headers: {'content-type': 'application/json'},
    });
    const text = await res.text();
    if (res.status !== 200 || text !== expectedResponse(scenario, id))
        throw new Error(`${server.name} answers ${scenario} wrongly: ${res.status} ${text}`);
}

/** The median of numbers. */
export const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** CPU time (user + system) a process has used so far, in microseconds (Linux: /proc/<pid>/stat, 100 ticks a second). */
function cpuMicros(pid: number): number {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
        return NaN;
    }
}

function peakRssMb(pid: number): number {
    try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        return Math.round(kb / 1024);
    } catch {
        return 0;
    }
}

/** What a run measured: per `scenario/server`, one result per round. */
export interface RunResults {
    results: Map<string, LoadResult[]>;
    /** Per `scenario/server`, the server process's CPU time per request of each measured run (us). */
    cpuPerRequest: Map<string, number[]>;
    peakRss: Map<string, number>;
    invalid: boolean;
}

/**
 * Rounds interleaved across servers (A B C A B C ...), a fresh server process per server and
 * round pinned to CPU 0, wrk on CPU 1; per scenario a warm-up, then a measured run.
 */
export async function runRounds(options: {
    names: string[];
    scenarios: ScenarioName[];
    start: (name: string, cpu: string) => Promise<RunningServer>;
    rounds: number;
    seconds: number;
    warmup: number;
    connections: number;
}): Promise<RunResults> {
    const results = new Map<string, LoadResult[]>();
    const cpuPerRequest = new Map<string, number[]>();
    const peakRss = new Map<string, number>();
    let invalid = false;
    for (let r = 0; r < options.rounds; r++) {
        for (const name of options.names) {
            const server = await options.start(name, '0');
            try {
                for (const scenario of options.scenarios) {
                    if (options.warmup > 0)
                        await loadTest(server.port, scenario, {seconds: options.warmup, connections: options.connections, cpu: '1'});
                    const cpuBefore = cpuMicros(server.pid);
                    const result = await loadTest(server.port, scenario, {
                        seconds: options.seconds,
                        connections: options.connections,
                        cpu: '1',
                    });
                    const key = `${scenario}/${name}`;
                    results.set(key, [...(results.get(key) ?? []), result]);
                    cpuPerRequest.set(key, [...(cpuPerRequest.get(key) ?? []), (cpuMicros(server.pid) - cpuBefore) / result.requests]);
                    if (result.errors > 0) invalid = true;
                    process.stderr.write(
                        `${key} round ${r + 1}: ${Math.round(result.requestsPerSecond)} req/s${result.errors > 0 ? ` ${result.errors} ERRORS` : ''}\n`,
                    );
                }
                peakRss.set(name, Math.max(peakRss.get(name) ?? 0, peakRssMb(server.pid)));
            } finally {
                await server.stop();
            }
        }
    }
    return {results, cpuPerRequest, peakRss, invalid};
}

/** The load options of a runner's command line (after `--`). */
export interface LoadArgs {
    seconds: number;
    warmup: number;
    rounds: number;
    connections: number;
    scenarios: ScenarioName[];
    /** The servers (or Workers) to measure. */
    names: string[];
}

/** Parses `--seconds --warmup --rounds --connections --scenarios --servers`, with the runner's defaults for the last two. */
export function parseLoadArgs(defaults: {scenarios: readonly string[]; servers: readonly string[]}): LoadArgs {
    const {values} = parseArgs({
        options: {
            seconds: {type: 'string', default: '5'},
            warmup: {type: 'string', default: '2'},
            rounds: {type: 'string', default: '5'},
            connections: {type: 'string', default: '50'},
            scenarios: {type: 'string', default: defaults.scenarios.join(',')},
            servers: {type: 'string', default: defaults.servers.join(',')},
        },
    });
    return {
        seconds: Number(values.seconds),
        warmup: Number(values.warmup),
        rounds: Number(values.rounds),
        connections: Number(values.connections),
        scenarios: (values.scenarios as string).split(',') as ScenarioName[],
        names: (values.servers as string).split(','),
    };
}

/** Checks that every server answers every scenario as expected (a process each), before any round is measured. */
export async function verifyAll(args: LoadArgs, start: (name: string) => Promise<RunningServer>): Promise<void> {
    for (const name of args.names) {
        const server = await start(name);
        try {
            for (const scenario of args.scenarios) await verify(server, scenario);
        } finally {
            await server.stop();
        }
    }
}

/** The per-round ratios of `name` to `base` in a scenario (each round's run over the base's run in the same round). */
export function perRoundRatios(run: RunResults, scenario: string, name: string, base: string): number[] {
    const rs = run.results.get(`${scenario}/${name}`) ?? [];
    const bs = run.results.get(`${scenario}/${base}`) ?? [];
    return rs.length === bs.length ? rs.map((r, i) => r.requestsPerSecond / (bs[i] as LoadResult).requestsPerSecond) : [];
}

const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : 'n/a');

/** Markdown tables of a run: per scenario, every server against `base` (`baseLabel` in the header). */
export function printTables(run: RunResults, names: string[], scenarios: string[], base: string, baseLabel: string): void {
    for (const scenario of scenarios) {
        const baseRps = median((run.results.get(`${scenario}/${base}`) ?? []).map((r) => r.requestsPerSecond));
        console.log(`\n#### ${scenario}\n`);
        console.log(
            `| server | req/s (median) | % of ${baseLabel} | % of ${baseLabel}, per round (median) | per-round range | server CPU us/req (median) | p50 ms | p99 ms | errors |`,
        );
        console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
        for (const name of names) {
            const rs = run.results.get(`${scenario}/${name}`) ?? [];
            const rps = median(rs.map((r) => r.requestsPerSecond));
            const ratios = perRoundRatios(run, scenario, name, base);
            const range = ratios.length > 0 ? `${pct(Math.min(...ratios))}-${pct(Math.max(...ratios))}` : 'n/a';
            const errors = rs.reduce((a, r) => a + r.errors, 0);
            console.log(
                `| ${name} | ${Math.round(rps).toLocaleString('en-US')} | ${pct(rps / baseRps)} | ${pct(median(ratios))} | ${range} | ${median(run.cpuPerRequest.get(`${scenario}/${name}`) ?? []).toFixed(1)} | ${median(rs.map((r) => r.p50Ms)).toFixed(2)} | ${median(rs.map((r) => r.p99Ms)).toFixed(2)} | ${errors} |`,
            );
        }
    }
    console.log('\n| server | peak RSS MB |\n| --- | ---: |');
    for (const name of names) console.log(`| ${name} | ${run.peakRss.get(name) ?? 'n/a'} |`);
}

/** The first line of a runtime's `--version`. */
export async function runtimeVersion(name: 'bun' | 'workerd'): Promise<string> {
    const child = spawn(runtimeBin(name), ['--version'], {stdio: ['ignore', 'pipe', 'ignore']});
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    await new Promise((resolve) => child.once('close', resolve));
    return out.trim().split('\n')[0] ?? name;
}
