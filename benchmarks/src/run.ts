// HTTP benchmark: every server on CPU 0, wrk on CPU 1, rounds interleaved across servers
// (A B C D E A B C D E ...) with a fresh server process each round, medians, each server as a
// percentage of raw node:http measured in the same run. A run with any error or non-2xx
// response is invalid and exits 1. Every server runs as deployed, from JavaScript built by
// `npm run build -w benchmarks` (dist/plain: tsc without type metadata, plus the compiled module
// `hookline build` writes; dist/reflect: tsc with the deepkit type compiler, for Hookline's
// reflecting path), never under a TypeScript loader.
//   npm run bench [-- --seconds 10 --rounds 5 --connections 50 --scenarios hello,light,update-user,place-order]
import {readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {parseArgs} from 'node:util';
import {loadTest, LoadResult} from './load.js';
import {expectedResponse, ScenarioName, scenarioNames, scenarioRequest} from './scenarios.js';
import {Running, startServer} from './server-process.js';
import {serverNames} from './servers/index.js';

const {values} = parseArgs({
    options: {
        seconds: {type: 'string', default: '10'},
        warmup: {type: 'string', default: '3'},
        rounds: {type: 'string', default: '5'},
        connections: {type: 'string', default: '50'},
        scenarios: {type: 'string', default: scenarioNames.join(',')},
        servers: {type: 'string', default: serverNames.join(',')},
    },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const scenarios = (values.scenarios as string).split(',') as ScenarioName[];
const names = (values.servers as string).split(',');

function peakRssMb(pid: number): number {
    // taskset execs node, so the pid is node's.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
}

async function verify(server: Running, scenario: ScenarioName): Promise<void> {
    const req = scenarioRequest(scenario, 7);
    const res = await fetch(`http://127.0.0.1:${server.port}${req.path}`, {
        method: req.method,
        body: req.body,
        headers: {'content-type': 'application/json'},
    });
    const text = await res.text();
    if (res.status !== 200 || text !== expectedResponse(scenario, 7))
        throw new Error(`${server.name} answers ${scenario} wrongly: ${res.status} ${text}`);
}

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function stopServer(server: Running): Promise<void> {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
    server.child.kill('SIGTERM');
    await exited;
}

const running = new Set<Running>();
const start = async (name: string): Promise<Running> => {
    const server = await startServer(name);
    running.add(server);
    return server;
};
const stop = async (server: Running): Promise<void> => {
    await stopServer(server);
    running.delete(server);
};
let invalid = false;
try {
    for (const name of names) {
        const server = await start(name);
        for (const scenario of scenarios) await verify(server, scenario);
        await stop(server);
    }
    console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; servers on CPU 0, wrk on CPU 1`);
    console.log(
        `wrk -t1 -c${connections}; ${rounds} rounds interleaved across servers, a fresh server process per round; per scenario a ${warmup} s warm-up, then ${seconds} s measured; medians\n`,
    );
    // A fresh process per server and round: a process's speed depends on how its JIT and heap
    // settled, and differs from one process to the next by more than the differences measured.
    const results = new Map<string, LoadResult[]>();
    const peakRss = new Map<string, number>();
    for (let r = 0; r < rounds; r++) {
        for (const name of names) {
            const server = await start(name);
            for (const scenario of scenarios) {
                await loadTest(server.port, scenario, {seconds: warmup, connections, cpu: '1'});
                const result = await loadTest(server.port, scenario, {seconds, connections, cpu: '1'});
                const key = `${scenario}/${name}`;
                results.set(key, [...(results.get(key) ?? []), result]);
                if (result.errors > 0) invalid = true;
                process.stderr.write(
                    `${key} round ${r + 1}: ${Math.round(result.requestsPerSecond)} req/s${result.errors > 0 ? ` ${result.errors} ERRORS` : ''}\n`,
                );
            }
            peakRss.set(name, Math.max(peakRss.get(name) ?? 0, peakRssMb(server.child.pid as number)));
            await stop(server);
        }
    }
    for (const scenario of scenarios) {
        const base = median((results.get(`${scenario}/raw`) ?? []).map((r) => r.requestsPerSecond));
        console.log(`\n### ${scenario}\n`);
        console.log('| server | req/s (median) | % of raw node:http | % of raw, per round (median) | p50 ms | p99 ms | errors |');
        console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
        const raw = results.get(`${scenario}/raw`) ?? [];
        for (const name of names) {
            const rs = results.get(`${scenario}/${name}`) ?? [];
            const rps = median(rs.map((r) => r.requestsPerSecond));
            const pct = Number.isFinite(base) && base > 0 ? `${((rps / base) * 100).toFixed(1)} %` : 'n/a';
            // Each round's ratio to raw measured in the same round: steadier when the machine's speed drifts.
            const perRound =
                raw.length === rs.length ? median(rs.map((r, i) => r.requestsPerSecond / (raw[i] as LoadResult).requestsPerSecond)) : NaN;
            const paired = Number.isFinite(perRound) ? `${(perRound * 100).toFixed(1)} %` : 'n/a';
            const errors = rs.reduce((a, r) => a + r.errors, 0);
            console.log(
                `| ${name} | ${Math.round(rps).toLocaleString('en-US')} | ${pct} | ${paired} | ${median(rs.map((r) => r.p50Ms)).toFixed(2)} | ${median(rs.map((r) => r.p99Ms)).toFixed(2)} | ${errors} |`,
            );
        }
    }
    console.log('\n| server | peak RSS MB |\n| --- | ---: |');
    for (const name of names) console.log(`| ${name} | ${peakRss.get(name) ?? 'n/a'} |`);
    if (invalid) console.log('\nINVALID RUN: some requests failed (see errors column).');
} finally {
    for (const server of running) server.child.kill('SIGTERM');
}
process.exitCode = invalid ? 1 : 0;
