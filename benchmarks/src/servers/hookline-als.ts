// Hookline with the AsyncLocalStorage context on (`asyncContext: true`): the cost of getCallContext().
import {startNodeServer} from '@hookline/node';
import {createRouter} from '@hookline/router';
import {routes} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

/** Starts the Hookline server with asyncContext on. */
export async function start(port: number): Promise<BenchServer> {
    const router = createRouter({asyncContext: true});
    router.registerRoutes(routes);
    const server = await startNodeServer(router, {port, host: '127.0.0.1'});
    return {port: server.port, close: () => server.close()};
}

await runIfMain(import.meta.url, start);
