import {createServer, Server} from 'node:http';
import {createServer as createHttpsServer, Server as HttpsServer, ServerOptions} from 'node:https';
import {createNodeHandler} from '@hookline/node';
import {CallContext, createRouter, Routes} from '@hookline/router';

const routes = {
    time: (ctx: CallContext): Date => new Date(),
} satisfies Routes;

export const router = createRouter({prefix: 'api'});
router.registerRoutes(routes);

// A Node request listener: (req, res) => void.
const api = createNodeHandler(router, {onError: (error) => console.error('hookline adapter:', error)});

// The router answers under /api; the rest of the server is yours.
export function createAppServer(): Server {
    const server = createServer((req, res) => {
        if (req.url?.startsWith('/api/')) return api(req, res);
        res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end('home page\n');
    });
    // Node's defaults are generous (5 min per request, 1 min for the headers): set your own.
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    return server;
}

// The same listener on HTTPS.
export function createTlsServer(tls: ServerOptions): HttpsServer {
    return createHttpsServer(tls, api);
}
