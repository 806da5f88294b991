// The hono app of the Bun and workerd benchmarks, with the hand-written checks, as ../servers/hono.ts on Node.
import {Hono} from 'hono';
import {parseGreet, parseOrder, parseUpdateUser} from '../checks.js';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';

/** The hono app: served by Bun.serve in ./hono.ts, the Worker of ../workerd/hono.ts. */
export const app = new Hono();
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
