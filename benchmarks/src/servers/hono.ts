// hono on @hono/node-server, with the hand-written checks (hono has no built-in validation).
import {serve} from '@hono/node-server';
import {Hono} from 'hono';
import {AddressInfo} from 'node:net';
import {parseGreet, parseOrder, parseUpdateUser} from '../checks.js';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

/** Starts the hono server. */
export async function start(port: number): Promise<BenchServer> {
    const app = new Hono();
    app.get('/hello', (c) => c.json({hello: helloValue}));
    app.post('/greet', async (c) => {
        const person = parseGreet(await c.req.json().catch(() => undefined));
        if (person === undefined) return c.json({error: 'invalid person'}, 400);
        return c.json({greet: greet(person)});
    });
    app.post('/updateUser', async (c) => {
        const user = parseUpdateUser(await c.req.json().catch(() => undefined));
        if (user === undefined) return c.json({error: 'invalid user'}, 400);
        return c.json({updateUser: addMonth(user)});
    });
    app.post('/placeOrder', async (c) => {
        const order = parseOrder(await c.req.json().catch(() => undefined));
        if (order === undefined) return c.json({error: 'invalid order'}, 400);
        return c.json({placeOrder: summarize(order)});
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({fetch: app.fetch, port, hostname: '127.0.0.1'}, () => resolve(s));
    });
    return {port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

await runIfMain(import.meta.url, start);
