// HTTP benchmark on Bun: raw Bun.serve (the hand-written checks of checks.ts), hono, Elysia (its
// own schemas) and Hookline (@hookline/fetch on the compiled module), each bundled by esbuild as
// deployed (bun/harness.ts) and run by Bun. Same method as run.ts: every server on CPU 0, wrk on
// CPU 1, rounds interleaved across servers with a fresh server process per round, medians, each
// server as a percentage of raw Bun.serve measured in the same run (and per round). A run with any
// error or non-2xx response is invalid and exits 1.
//   npm run bench:bun [-- --seconds 5 --warmup 2 --rounds 5 --connections 50 --scenarios hello,light,update-user,place-order --servers raw,hono,elysia,hookline]
import {cpus} from 'node:os';
import {join} from 'node:path';
import {
    benchmarksRoot,
    bundleBunServers,
    bunServerNames,
    median,
    perRoundRatios,
    printTables,
    runRounds,
    runtimeVersion,
    startBunServer,
    parseLoadArgs,
    verifyAll,
} from './bun/harness.js';
import {scenarioNames} from './scenarios.js';

const args = parseLoadArgs({scenarios: scenarioNames, servers: bunServerNames});
const {scenarios, names} = args;

const bundles = await bundleBunServers(join(benchmarksRoot(), 'dist', 'bun-bundles'), names);
const start = (name: string, cpu?: string): ReturnType<typeof startBunServer> => startBunServer(name, bundles.get(name) as string, cpu);
await verifyAll(args, start);
console.log(`bun ${await runtimeVersion('bun')}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; servers on CPU 0, wrk on CPU 1`);
console.log(
    `wrk -t1 -c${args.connections}; ${args.rounds} rounds interleaved across servers, a fresh server process per round; per scenario a ${args.warmup} s warm-up, then ${args.seconds} s measured; medians`,
);
const run = await runRounds({...args, start});
printTables(run, names, scenarios, 'raw', 'raw Bun.serve');

// The goals: hello >= 97 % of raw Bun.serve; update-user >= 105 % of raw and ahead of Elysia and hono.
const ratio = (scenario: string, name: string, base: string): number => median(perRoundRatios(run, scenario, name, base));
const show = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : 'n/a');
if (names.includes('hookline') && names.includes('raw')) {
    console.log('\nGoals (medians of per-round ratios):');
    if (scenarios.includes('hello'))
        console.log(`- hello: hookline ${show(ratio('hello', 'hookline', 'raw'))} of raw Bun.serve (goal >= 97 %)`);
    if (scenarios.includes('update-user')) {
        console.log(`- update-user: hookline ${show(ratio('update-user', 'hookline', 'raw'))} of raw Bun.serve (goal >= 105 %)`);
        for (const other of ['elysia', 'hono'].filter((n) => names.includes(n)))
            console.log(`- update-user: hookline / ${other} ${show(ratio('update-user', 'hookline', other))} (goal > 100 %)`);
    }
}
if (run.invalid) console.log('\nINVALID RUN: some requests failed (see errors column).');
process.exitCode = run.invalid ? 1 : 0;
