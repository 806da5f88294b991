// Client benchmark: 10 small calls from one typed client over HTTP (keep-alive), as one batch
// request (client.$batch) vs 10 separate requests, one after the other and all at once. The
// server (the Hookline benchmark server, batching on by default) runs in its own process on CPU 0,
// this client on CPU 1. Medians of several rounds, each a bounded number of iterations.
// Run: npm run bench:batch [-- rounds iterations]   (a script, not a test: timings never go in tests)
import {cpus} from 'node:os';
import {createClient} from '@hookline/client';
import {ApiSpec} from '@hookline/router';
import {routes} from './scenarios.js';
import {startServer} from './server-process.js';

const rounds = Number(process.argv[2] ?? 7);
const iterations = Number(process.argv[3] ?? 200);
const CALLS = 10;

type Api = ApiSpec<typeof routes>;

const user = (id: number) => ({id, name: 'Ada', surname: 'Lovelace', lastUpdate: new Date('2024-01-31T10:00:00.000Z')});

/** The three ways to make the 10 calls; each resolves to how many succeeded. */
function modes(url: string): Record<string, () => Promise<number>> {
    const client = createClient<Api>({baseURL: url});
    const ok = (results: {ok: boolean}[]): number => results.filter((r) => r.ok).length;
    return {
        'one batch request ($batch)': async () =>
            ok(await client.$batch(() => Array.from({length: CALLS}, (_, i) => client.updateUser(user(i))))),
        '10 requests, one after the other': async () => {
            let n = 0;
            for (let i = 0; i < CALLS; i++) if ((await client.updateUser(user(i))).ok) n++;
            return n;
        },
        '10 requests at once (Promise.all)': async () =>
            ok(await Promise.all(Array.from({length: CALLS}, (_, i) => client.updateUser(user(i))))),
    };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
    const server = await startServer('hookline');
    try {
        const ways = modes(`http://127.0.0.1:${server.port}`);
        // Warm-up: metadata, connections, JIT; and a check that every call succeeds.
        for (const [name, run] of Object.entries(ways)) {
            for (let i = 0; i < 50; i++) {
                const n = await run();
                if (n !== CALLS) throw new Error(`${name}: ${n} of ${CALLS} calls succeeded`);
            }
        }
        const times = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
        for (let r = 0; r < rounds; r++) {
            // Interleaved, so that a busy moment of the machine hits every way alike.
            for (const [name, run] of Object.entries(ways)) {
                const start = performance.now();
                for (let i = 0; i < iterations; i++) await run();
                times.get(name)?.push(((performance.now() - start) * 1000) / iterations);
            }
        }
        const batch = median(times.get('one batch request ($batch)') ?? []);
        console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}; server on CPU 0, client on CPU 1`);
        console.log(`${CALLS} update-user calls from one client, keep-alive; ${rounds} rounds of ${iterations}, medians\n`);
        console.log('| way | us per 10 calls | batch / this |');
        console.log('| --- | ---: | ---: |');
        for (const [name, xs] of times) {
            const us = median(xs);
            console.log(`| ${name} | ${Math.round(us)} | ${((batch / us) * 100).toFixed(0)} % |`);
        }
    } finally {
        server.child.kill('SIGTERM');
    }
}

await main();
