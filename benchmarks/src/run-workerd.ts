// HTTP benchmark on workerd: Hookline (@hookline/fetch on the compiled module) against hono, each
// bundled by esbuild as a Worker is deployed and served by `workerd serve` on 127.0.0.1 (config
// written by bun/harness.ts). Same method as run.ts: workerd on CPU 0, wrk on CPU 1, rounds
// interleaved with a fresh workerd per Worker and round, medians, Hookline as a ratio to hono
// measured in the same run (and per round). A run with any error or non-2xx response exits 1.
//   npm run bench:workerd [-- --seconds 5 --warmup 2 --rounds 5 --connections 50 --scenarios hello,update-user]
import {cpus} from 'node:os';
import {join} from 'node:path';
import {
    benchmarksRoot,
    bundleWorkers,
    median,
    perRoundRatios,
    printTables,
    runRounds,
    runtimeVersion,
    startWorkerd,
    parseLoadArgs,
    verifyAll,
    workerNames,
} from './bun/harness.js';

// Hookline and hono only: the Workers the harness bundles.
const args = parseLoadArgs({scenarios: ['hello', 'update-user'], servers: workerNames});
const {scenarios, names} = args;

const bundles = await bundleWorkers(join(benchmarksRoot(), 'dist', 'workerd-bundles'), names);
const start = (name: string, cpu?: string): ReturnType<typeof startWorkerd> => startWorkerd(name, bundles.get(name) as string, cpu);
await verifyAll(args, start);
console.log(`${await runtimeVersion('workerd')}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; workerd on CPU 0, wrk on CPU 1`);
console.log(
    `wrk -t1 -c${args.connections}; ${args.rounds} rounds interleaved, a fresh workerd per Worker and round; per scenario a ${args.warmup} s warm-up, then ${args.seconds} s measured; medians`,
);
const run = await runRounds({...args, start});
printTables(run, names, scenarios, 'hono', 'hono');
console.log('\nHookline / hono (median of per-round ratios):');
for (const scenario of scenarios) {
    const ratios = perRoundRatios(run, scenario, 'hookline', 'hono');
    console.log(`- ${scenario}: ${median(ratios).toFixed(3)}x (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
}
if (run.invalid) console.log('\nINVALID RUN: some requests failed (see errors column).');
process.exitCode = run.invalid ? 1 : 0;
