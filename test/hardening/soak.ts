// Soak: a bounded, loopback-only load of mixed valid and invalid calls against a Node server in this
// process, sampling heap and RSS after forced GC. Used by soak.test.ts (short) and on its own:
//   node --import @hookline/compiler/register test/hardening/soak.ts [seconds]
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {fileURLToPath} from 'node:url';
import {startNodeServer} from '@hookline/node';
import {CallContext, createRouter, hook, RpcError} from '@hookline/router';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** What a soak run measured. */
export interface SoakResult {
    seconds: number;
    calls: number;
    serverErrors: number;
    heapStartMb: number;
    heapEndMb: number;
    rssStartMb: number;
    rssEndMb: number;
}

interface Item {
    id: number;
    name: string;
    at: Date;
    tags: string[];
}

async function settle(): Promise<{heap: number; rss: number}> {
    for (let i = 0; i < 4; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 20));
    }
    const m = process.memoryUsage();
    return {heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20};
}

/** Runs `seconds` of load with `concurrency` clients; returns the counts and memory before/after. */
export async function runSoak(seconds: number, concurrency = 20): Promise<SoakResult> {
    const router = createRouter({logSink: () => undefined, echoRequestId: true, sharedDataFactory: () => ({user: ''})});
    router.registerRoutes({
        auth: hook((ctx: CallContext<{user: string}>, user: string): void => {
            if (user === 'banned') throw new RpcError({statusCode: 403, publicMessage: 'banned'});
            ctx.shared.user = user;
        }),
        save: async (ctx: CallContext<{user: string}>, item: Item): Promise<Item & {by: string}> => {
            ctx.logger.info('saving', {id: item.id});
            await Promise.resolve();
            return {...item, by: ctx.shared.user};
        },
    });
    const server = await startNodeServer(router as unknown as Parameters<typeof startNodeServer>[0]);
    const bodies = [
        (i: number) => JSON.stringify({auth: ['ada'], save: [{id: i, name: `n${i}`, at: '2024-01-31T10:00:00.000Z', tags: ['a', 'b']}]}),
        (i: number) => JSON.stringify({auth: ['banned'], save: [{id: i, name: 'x', at: '2024-01-31', tags: []}]}),
        (i: number) => JSON.stringify({auth: ['ada'], save: [{id: `${i}`, name: 1}]}),
        (i: number) => `{"auth":["ada"],"save":[{"id":${i},`,
    ];
    // Warm up so JIT and pools are in their steady state before the first sample.
    for (let i = 0; i < 500; i++) await call(server.url, bodies[i % bodies.length]?.(i) as string);
    const start = await settle();
    let calls = 0;
    let serverErrors = 0;
    const end = Date.now() + seconds * 1000;
    const client = async (): Promise<void> => {
        while (Date.now() < end) {
            const status = await call(server.url, bodies[calls % bodies.length]?.(calls) as string);
            calls++;
            if (status >= 500) serverErrors++;
        }
    };
    await Promise.all(Array.from({length: concurrency}, client));
    await new Promise((r) => setTimeout(r, 100));
    const finish = await settle();
    await server.close();
    return {seconds, calls, serverErrors, heapStartMb: start.heap, heapEndMb: finish.heap, rssStartMb: start.rss, rssEndMb: finish.rss};
}

async function call(url: string, body: string): Promise<number> {
    const res = await fetch(`${url}/save`, {method: 'POST', headers: {'content-type': 'application/json'}, body});
    await res.arrayBuffer();
    return res.status;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const result = await runSoak(Number(process.argv[2] ?? 60));
    console.log(JSON.stringify(result, null, 2));
    const grew = result.heapEndMb - result.heapStartMb;
    console.log(
        `heap ${result.heapStartMb.toFixed(1)} -> ${result.heapEndMb.toFixed(1)} MB (${grew >= 0 ? '+' : ''}${grew.toFixed(1)}), rss ${result.rssStartMb.toFixed(0)} -> ${result.rssEndMb.toFixed(0)} MB`,
    );
    process.exitCode = result.serverErrors > 0 || grew > 10 ? 1 : 0;
}
