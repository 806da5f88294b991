import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, Routes} from '@hookline/router';

// Stand-in for a database pool.
export const db = {
    open: true,
    async query(sql: string): Promise<number> {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 42;
    },
    async end(): Promise<void> {
        this.open = false;
    },
};

const routes = {
    countUsers: (ctx: CallContext): Promise<number> => db.query('select count(*) from users'),
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);

export async function shutdown(server: NodeServerHandle): Promise<void> {
    await server.close(); // in-flight calls finish (shutdownTimeout at most), then connections close
    await db.end(); // then release what the calls were using
}

export async function serve(port: number): Promise<NodeServerHandle> {
    const server = await startNodeServer(router, {port, shutdownTimeout: 5_000});
    process.once('SIGTERM', () => void shutdown(server));
    return server;
}
