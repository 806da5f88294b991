// HTTP benchmark on workerd: Hookline (@hookline/fetch on the compiled module) against hono, each
// bundled by esbuild as a Worker is deployed and served by `workerd serve` on 127.0.0.1 (config
// written by bun/harness.ts). Same method as run.ts: workerd on CPU 0, wrk on CPU 1, rounds
// interleaved with a fresh workerd per Worker and round, medians, Hookline as a ratio to hono
// measured in the same run (and per round). A run with any error or non-2xx response exits 1.
//   npm run bench:workerd [-- --seconds 5 --warmup 2 --rounds 5 --connections 50 --scenarios hello,update-user]
import {cpus} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {
    benchmarksRoot,
    bundleWorkers,
    median,
    perRoundRatios,
    printTables,
    runRounds,
    runtimeVersion,
    startWorkerd,
    verify,
    workerNames,
} from './bun/harness.js';
import {ScenarioName} from './scenarios.js';

const {values} = parseArgs({
    options: {
        seconds: {type: 'string', default: '5'},
        warmup: {type: 'string', default: '2'},
        rounds: {type: 'string', default: '5'},
        connections: {type: 'string', default: '50'},
        scenarios: {type: 'string', default: 'hello,update-user'},
    },
});
const scenarios = (values.scenarios as string).split(',') as ScenarioName[];
const names = workerNames;

const bundles = await bundleWorkers(join(benchmarksRoot(), 'dist', 'workerd-bundles'), names);
const start = (name: string, cpu?: string): ReturnType<typeof startWorkerd> => startWorkerd(name, bundles.get(name) as string, cpu);
for (const name of names) {
    const server = await start(name);
    try {
        for (const scenario of scenarios) await verify(server, scenario);
    } finally {
        await server.stop();
    }
}
console.log(`${await runtimeVersion('workerd')}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; workerd on CPU 0, wrk on CPU 1`);
console.log(
    `wrk -t1 -c${values.connections}; ${values.rounds} rounds interleaved, a fresh workerd per Worker and round; per scenario a ${values.warmup} s warm-up, then ${values.seconds} s measured; medians`,
);
const run = await runRounds({
    names,
    scenarios,
    start,
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
});
printTables(run, names, scenarios, 'hono', 'hono');
console.log('\nHookline / hono (median of per-round ratios):');
for (const scenario of scenarios) {
    const ratios = perRoundRatios(run, scenario, 'hookline', 'hono');
    console.log(`- ${scenario}: ${median(ratios).toFixed(3)}x (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
}
if (run.invalid) console.log('\nINVALID RUN: some requests failed (see errors column).');
process.exitCode = run.invalid ? 1 : 0;
