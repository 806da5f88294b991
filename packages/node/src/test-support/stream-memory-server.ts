// The child server of stream-memory.test.ts: a streaming route that can produce 100 MB (64 KiB
// items), and a route that reports this process's memory after a full GC (run with --expose-gc),
// with how many items the stream produced so far. Prints `listening <port>` once it listens on 127.0.0.1.
import {CallContext, createRouter} from '@hookline/router';
import {startNodeServer} from '../index.js';

const item = 'x'.repeat(64 * 1024);
let produced = 0;
const gc = (globalThis as {gc?: () => void}).gc;

const router = createRouter({logInternalErrors: false});
router.registerRoutes({
    big: async function* (ctx: CallContext, count: number): AsyncGenerator<string> {
        for (let i = 0; i < count; i++) {
            produced++;
            yield item;
        }
    },
    memory: (ctx: CallContext): {heapUsed: number; rss: number; produced: number} => {
        gc?.();
        const {heapUsed, rss} = process.memoryUsage();
        return {heapUsed, rss, produced};
    },
});
const server = await startNodeServer(router, {host: '127.0.0.1', port: 0});
console.log(`listening ${server.port}`);
