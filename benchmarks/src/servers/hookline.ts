// Hookline on @hookline/node: the scenarios' routes, validated and serialized from their types.
import {startNodeServer} from '@hookline/node';
import {createRouter} from '@hookline/router';
import {routes} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

/** Starts the Hookline server. */
export async function start(port: number): Promise<BenchServer> {
    const router = createRouter();
    router.registerRoutes(routes);
    const server = await startNodeServer(router, {port, host: '127.0.0.1'});
    return {port: server.port, close: () => server.close()};
}

await runIfMain(import.meta.url, start);
