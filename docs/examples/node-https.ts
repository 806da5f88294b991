import {readFileSync} from 'node:fs';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, Routes} from '@hookline/router';

const routes = {
    ping: (ctx: CallContext): string => 'pong',
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);

export function serveHttps(port: number, keyFile: string, certFile: string): Promise<NodeServerHandle> {
    // Any option of https.createServer (key, cert, ca, passphrase, pfx, minVersion...).
    return startNodeServer(router, {port, https: {key: readFileSync(keyFile), cert: readFileSync(certFile)}});
}
