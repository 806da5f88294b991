// Hand-written node:http server: the baseline every other server is a percentage of.
import {createServer, IncomingMessage, ServerResponse} from 'node:http';
import {AddressInfo} from 'node:net';
import {parseGreet, parseOrder, parseUpdateUser} from '../checks.js';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

function send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body)});
    res.end(body);
}

function readJson(req: IncomingMessage, done: (body: unknown) => void): void {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
        try {
            done(JSON.parse(text));
        } catch {
            done(undefined);
        }
    });
}

/** Starts the raw node:http server. */
export async function start(port: number): Promise<BenchServer> {
    const server = createServer((req, res) => {
        // Serialized per request, as every framework here does (no precomputed bodies).
        if (req.url === '/hello') return send(res, 200, JSON.stringify({hello: helloValue}));
        if (req.method === 'POST' && req.url === '/greet') {
            return readJson(req, (body) => {
                const person = parseGreet(body);
                if (person === undefined) return send(res, 400, '{"error":"invalid person"}');
                send(res, 200, JSON.stringify({greet: greet(person)}));
            });
        }
        if (req.method === 'POST' && req.url === '/updateUser') {
            return readJson(req, (body) => {
                const user = parseUpdateUser(body);
                if (user === undefined) return send(res, 400, '{"error":"invalid user"}');
                send(res, 200, JSON.stringify({updateUser: addMonth(user)}));
            });
        }
        if (req.method === 'POST' && req.url === '/placeOrder') {
            return readJson(req, (body) => {
                const order = parseOrder(body);
                if (order === undefined) return send(res, 400, '{"error":"invalid order"}');
                send(res, 200, JSON.stringify({placeOrder: summarize(order)}));
            });
        }
        send(res, 404, '{"error":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return {port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

await runIfMain(import.meta.url, start);
