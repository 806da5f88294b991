import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, Routes} from '@hookline/router';

const routes = {
    text: {
        upperCase: (ctx: CallContext, text: string): string => text.toUpperCase(),
        wordCount: (ctx: CallContext, text: string): number => text.split(/\s+/).filter((w) => w !== '').length,
    },
} satisfies Routes;

// maxBodySize is a router option: the adapter enforces it while it reads the body.
export const router = createRouter({maxBodySize: 1024});
router.registerRoutes(routes);

export async function main(port: number, log: (line: string) => void = console.log): Promise<NodeServerHandle> {
    const server = await startNodeServer(router, {
        host: '127.0.0.1', // '0.0.0.0' or '::' to accept connections from other hosts
        port,
        handleSignals: true, // close gracefully on SIGTERM and Ctrl+C
    });
    log(`listening on ${server.url}`);
    return server;
}
