// Serves a router over node:http on HOST:PORT (127.0.0.1:3000 by default).
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {Router} from '@hookline/router';

/** Starts the server; stops gracefully on SIGTERM and Ctrl+C. A taken port exits with a one-line message. */
export async function serve(router: Router): Promise<NodeServerHandle> {
    const port = Number(process.env.PORT ?? 3000);
    const host = process.env.HOST ?? '127.0.0.1';
    try {
        const server = await startNodeServer(router, {host, port, handleSignals: true});
        console.log(`listening on ${server.url}`);
        return server;
    } catch (e) {
        if ((e as {code?: string}).code === 'EADDRINUSE') {
            console.error(`port ${port} is already in use: set PORT to another one (PORT=3001 npm start)`);
            process.exit(1);
        }
        throw e;
    }
}
