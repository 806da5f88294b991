// Multi-core: one primary forks N workers (default: one per core); each runs the same router on
// the same port, and the primary spreads connections over them. Stop with SIGTERM or Ctrl+C:
// every worker closes gracefully (in-flight calls finish).
//   node --import @hookline/compiler/register src/cluster.ts          (PORT=3000, WORKERS=cores)
import cluster from 'node:cluster';
import {availableParallelism} from 'node:os';
import {startNodeServer} from '@hookline/node';
import {createExampleApi} from './api.js';
import {Store} from './store.js';

const workers = Number(process.env.WORKERS ?? availableParallelism());
const port = Number(process.env.PORT ?? 3000);

if (cluster.isPrimary) {
    for (let i = 0; i < workers; i++) cluster.fork();
    let stopping = false;
    const stop = (): void => {
        if (stopping) return;
        stopping = true;
        for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // A worker that exits before it ever listened (port taken, bad config) would fail the same way
    // again: stop instead of restarting in a loop. Others are replaced, at most 5 times a minute.
    const listened = new Set<number>();
    const restarts: number[] = [];
    cluster.on('listening', (worker) => listened.add(worker.id));
    cluster.on('exit', (worker, code) => {
        const now = Date.now();
        while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
        if (!stopping && listened.has(worker.id) && restarts.length < 5) {
            restarts.push(now);
            console.log(`worker ${worker.process.pid} exited (${code}), starting another`);
            cluster.fork();
            return;
        }
        if (!stopping) {
            console.error(
                `worker ${worker.process.pid} exited (${code}) ${listened.has(worker.id) ? 'too often' : 'before listening'}: stopping`,
            );
            process.exitCode = 1;
            stop();
        }
        if (Object.keys(cluster.workers ?? {}).length === 0) console.log('all workers stopped');
    });
} else {
    // Each worker has its own store here; a real deployment keeps state in a database.
    const {router} = createExampleApi(new Store(), () => undefined);
    const server = await startNodeServer(router, {host: '127.0.0.1', port});
    console.log(`worker ${process.pid} listening on ${server.url}`);
    // The IPC channel to the primary keeps a worker alive: close the server, then disconnect.
    const stop = (): void => void server.close().then(() => cluster.worker?.disconnect());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}
