// Hand-written Bun.serve server: the baseline of the Bun benchmark, the Bun twin of
// ../servers/raw.ts (the same hand-written checks from ../checks.ts, JSON.stringify per request,
// routing by comparing the path).
import {parseGreet, parseOrder, parseUpdateUser} from '../checks.js';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';
import {serveOnBun} from './bun-api.js';

const headers = {'content-type': 'application/json; charset=utf-8'};

function send(status: number, body: string): Response {
    return new Response(body, {status, headers});
}

// Bun's own body reader and JSON parser, as a careful Bun developer reads a JSON body (raw node:http's
// twin reads the text and JSON.parse-s it: the idiom of each runtime).
async function readJson(request: Request): Promise<unknown> {
    try {
        return await request.json();
    } catch {
        return undefined;
    }
}

serveOnBun(async (request) => {
    // request.url is absolute (http://host:port/path): the path starts at the first '/' after the scheme.
    const url = request.url;
    const query = url.indexOf('?', 8);
    const path = url.slice(url.indexOf('/', 8), query === -1 ? undefined : query);
    // Serialized per request, as every framework here does (no precomputed bodies).
    if (path === '/hello') return send(200, JSON.stringify({hello: helloValue}));
    if (request.method === 'POST' && path === '/greet') {
        const person = parseGreet(await readJson(request));
        if (person === undefined) return send(400, '{"error":"invalid person"}');
        return send(200, JSON.stringify({greet: greet(person)}));
    }
    if (request.method === 'POST' && path === '/updateUser') {
        const user = parseUpdateUser(await readJson(request));
        if (user === undefined) return send(400, '{"error":"invalid user"}');
        return send(200, JSON.stringify({updateUser: addMonth(user)}));
    }
    if (request.method === 'POST' && path === '/placeOrder') {
        const order = parseOrder(await readJson(request));
        if (order === undefined) return send(400, '{"error":"invalid order"}');
        return send(200, JSON.stringify({placeOrder: summarize(order)}));
    }
    return send(404, '{"error":"not found"}');
});
