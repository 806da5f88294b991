// express 5 with express.json() and the hand-written checks.
import express from 'express';
import {AddressInfo} from 'node:net';
import {parseGreet, parseOrder, parseUpdateUser} from '../checks.js';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

/** Starts the express server. */
export async function start(port: number): Promise<BenchServer> {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.use(express.json());
    app.get('/hello', (req, res) => void res.json({hello: helloValue}));
    app.post('/greet', (req, res) => {
        const person = parseGreet(req.body);
        if (person === undefined) return void res.status(400).json({error: 'invalid person'});
        res.json({greet: greet(person)});
    });
    app.post('/updateUser', (req, res) => {
        const user = parseUpdateUser(req.body);
        if (user === undefined) return void res.status(400).json({error: 'invalid user'});
        res.json({updateUser: addMonth(user)});
    });
    app.post('/placeOrder', (req, res) => {
        const order = parseOrder(req.body);
        if (order === undefined) return void res.status(400).json({error: 'invalid order'});
        res.json({placeOrder: summarize(order)});
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
        const s = app.listen(port, '127.0.0.1', () => resolve(s));
    });
    return {port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

await runIfMain(import.meta.url, start);
