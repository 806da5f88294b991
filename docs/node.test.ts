// Runs docs/node.md: its examples, curl exchanges and output blocks, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {Agent, createServer, IncomingMessage, Server, ServerResponse, STATUS_CODES} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import ts from 'typescript';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createNodeHandler, defaultNodeServerOptions, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, hook, rawHook, RpcError} from '@hookline/router';
import * as hooksRawExample from './examples/hooks-raw.js';
import * as nodeHandlerExample from './examples/node-handler.js';
import * as nodeHttpsExample from './examples/node-https.js';
import * as nodeRawResponseExample from './examples/node-raw-response.js';
import * as nodeServerExample from './examples/node-server.js';
import * as nodeShutdownExample from './examples/node-shutdown.js';
import {closeServer, listenLocal, nodeRequest, nodeSrc, rawExchange, run, tick} from './test-support/helpers.js';
import {firstCode, markedTable} from './test-support/markdown.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('node.md', {
    'node-body-too-large': async () => {
        const server = await serverOf(nodeServerExample.router);
        const res = await fetch(`${server.url}/text/upperCase`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({'text/upperCase': ['x'.repeat(2000)]}),
        });
        return `HTTP/1.1 ${res.status} ${STATUS_CODES[res.status]}\nconnection: ${res.headers.get('connection')}\n\n${await res.text()}`;
    },
    'node-csv': async () => {
        const server = await serverOf(nodeRawResponseExample.router);
        const res = await fetch(`${server.url}/orders/list`, {headers: {accept: 'text/csv'}});
        const text = await res.text();
        return `HTTP/1.1 ${res.status} ${STATUS_CODES[res.status]}\ncontent-type: ${res.headers.get('content-type')}\n\n${text.trimEnd()}`;
    },
});

describe('node.md', () => {
    const tls = {dir: '', key: '', cert: ''};
    beforeAll(async () => {
        tls.dir = mkdtempSync(join(tmpdir(), 'hookline-docs-tls-'));
        tls.key = join(tls.dir, 'key.pem');
        tls.cert = join(tls.dir, 'cert.pem');
        const args = [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-keyout',
            tls.key,
            '-out',
            tls.cert,
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
        ];
        await run('openssl', args);
    });
    afterAll(() => rmSync(tls.dir, {recursive: true, force: true}));

    it('lists every option of NodeServerOptions with its type and default', () => {
        const source = ts.createSourceFile('server.ts', nodeSrc('server.ts'), ts.ScriptTarget.Latest, true);
        const declared = new Map<string, string>();
        source.forEachChild((node) => {
            if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'NodeServerOptions') return;
            for (const m of node.members)
                if (ts.isPropertySignature(m)) declared.set(m.name.getText(source), m.type?.getText(source) ?? '');
        });
        expect(declared.size).toBeGreaterThan(5);
        const rows = markedTable('node-server-options');
        expect(rows.map((r) => firstCode(r[0] as string)).sort()).toEqual([...declared.keys()].sort());
        const parse = (text: string): unknown =>
            text === 'undefined' ? undefined : /^'.*'$/.test(text) ? text.slice(1, -1) : JSON.parse(text);
        const defaults: Record<string, unknown> = defaultNodeServerOptions;
        for (const [nameCell, typeCell, defaultCell] of rows as [string, string, string][]) {
            const name = firstCode(nameCell);
            expect(firstCode(typeCell), name).toBe((declared.get(name) as string).replace('HttpsServerOptions', 'https.ServerOptions'));
            expect(defaults[name], name).toEqual(parse(firstCode(defaultCell)));
        }
    });

    it('applies the defaults of the table to the Node server', async () => {
        const sigterm = process.listenerCount('SIGTERM');
        const server = await startNodeServer(nodeServerExample.router);
        try {
            expect(process.listenerCount('SIGTERM')).toBe(sigterm);
            expect(server.host).toBe('127.0.0.1');
            expect(server.port).toBeGreaterThan(0);
            expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
            const s = server.server;
            expect([s.requestTimeout, s.headersTimeout, s.keepAliveTimeout, s.maxRequestsPerSocket]).toEqual([30000, 10000, 5000, 0]);
            expect((s as Server & {maxHeaderSize?: number}).maxHeaderSize).toBe(16384);
        } finally {
            await server.close();
        }
    });

    it('lists every field of the server handle', async () => {
        const server = await startNodeServer(nodeServerExample.router);
        await server.close();
        const fields = markedTable('node-server-handle').map((r) => firstCode(r[0] as string).replace('()', ''));
        expect(fields.sort()).toEqual(Object.keys(server).sort());
    });

    it('starts the example server, serves over HTTP and handles signals only when asked', async () => {
        const lines: string[] = [];
        const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
        const server = await nodeServerExample.main(0, (line) => lines.push(line));
        try {
            expect(lines).toEqual([`listening on http://127.0.0.1:${server.port}`]);
            expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before[0]! + 1, before[1]! + 1]);
            const res = await fetch(`${server.url}/text/upperCase`, {
                method: 'POST',
                headers: {'content-type': 'application/json'},
                body: JSON.stringify({'text/upperCase': ['héllo']}),
            });
            const text = await res.text();
            expect(JSON.parse(text)).toEqual({'text/upperCase': 'HÉLLO'});
            expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
            const closed = new Promise<void>((resolve) => server.server.once('close', () => resolve()));
            process.emit('SIGINT');
            await closed;
            expect(server.server.listening).toBe(false);
            expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
        } finally {
            await server.close();
        }
    });

    it('passes method, path without query, headers and body to the router', async () => {
        const seen: unknown[] = [];
        const router = createRouter();
        router.registerRoutes({
            r: (ctx: CallContext, note?: string): string => {
                seen.push([ctx.path, ctx.request.headers['x-lower'], ctx.request.rawBody, note]);
                return 'ok';
            },
        });
        const server = await startNodeServer(router);
        try {
            expect((await fetch(`${server.url}/r?page=2`, {method: 'POST', headers: {'X-Lower': 'yes'}})).status).toBe(200);
            await fetch(`${server.url}/r`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"r": ["hi"]}'});
            expect((await fetch(`${server.url}/r`, {method: 'POST'})).status).toBe(200);
            expect(seen).toEqual([
                ['/r', 'yes', '', undefined],
                ['/r', undefined, '{"r": ["hi"]}', 'hi'],
                ['/r', undefined, '', undefined],
            ]);
            const bytes = await fetch(`${server.url}/r`, {
                method: 'POST',
                headers: {'content-type': 'application/json'},
                body: new Uint8Array([0x7b, 0xff, 0x7d]),
            });
            expect([bytes.status, ((await bytes.json()) as any)['@router'].name]).toEqual([400, 'invalid-json']);
        } finally {
            await server.close();
        }
    });

    it('refuses bodies over maxBodySize by content-length and by counting bytes, before any hook runs', async () => {
        const hookRuns: string[] = [];
        const router = createRouter({maxBodySize: 100});
        router.registerRoutes({
            echo: (ctx: CallContext, text: string): string => text,
            log: hook((ctx: CallContext): void => void hookRuns.push(ctx.path), {runOnError: true}),
        });
        const server = await startNodeServer(router);
        const json = {'content-type': 'application/json'};
        try {
            const exact = `{"echo":["${'x'.repeat(87)}"]}`;
            expect(Buffer.byteLength(exact)).toBe(100);
            expect((await nodeRequest(`${server.url}/echo`, {method: 'POST', headers: json}, (req) => req.end(exact))).status).toBe(200);
            // Declared too large: refused from the content-length.
            const declared = await nodeRequest(`${server.url}/echo`, {method: 'POST', headers: json}, (req) => req.end(`${exact} `));
            expect([declared.status, declared.headers.connection]).toEqual([413, 'close']);
            expect(JSON.parse(declared.body)['@router'].name).toBe('body-too-large');
            // Chunked, no content-length: counted as the bytes arrive.
            const chunked = await nodeRequest(`${server.url}/echo`, {method: 'POST', headers: json}, (req) => {
                req.write('{"echo":["');
                req.write('x'.repeat(80));
                req.end('x'.repeat(80) + '"]}');
            });
            expect(chunked.headers['transfer-encoding']).toBeUndefined();
            expect([chunked.status, chunked.headers.connection]).toEqual([413, 'close']);
            expect(hookRuns).toEqual(['/echo']);
        } finally {
            await server.close();
        }
    });

    it('answers 431 to a head over maxHeaderSize, 400 to a malformed request, and reports both to onError', async () => {
        const errors: string[] = [];
        const server = await startNodeServer(nodeServerExample.router, {
            maxHeaderSize: 1024,
            onError: (e) => errors.push((e as NodeJS.ErrnoException).code ?? ''),
        });
        try {
            const big = await rawExchange(server.port, `GET /text/wordCount HTTP/1.1\r\nhost: x\r\nx-big: ${'x'.repeat(2048)}\r\n\r\n`);
            expect(big.received).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\nconnection: close\r\n/);
            const bad = await rawExchange(server.port, 'HELLO\r\n\r\n');
            expect(bad.received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nconnection: close\r\n/);
            expect(errors).toEqual(['HPE_HEADER_OVERFLOW', 'HPE_INVALID_METHOD']);
        } finally {
            await server.close();
        }
    });

    it('answers 408 and closes the connection after headersTimeout or requestTimeout, for slow and silent clients', async () => {
        const server = await startNodeServer(nodeServerExample.router, {headersTimeout: 300, requestTimeout: 600});
        try {
            const head = 'POST /text/wordCount HTTP/1.1\r\nhost: x\r\n';
            const withBody = `${head}content-type: application/json\r\ncontent-length: 100\r\n\r\n{"text/wordCount": ["`;
            for (const [text, trickle, limit] of [
                [head, 'x-slow: 1\r\n', 300],
                [head, undefined, 300],
                [withBody, 'a', 600],
                [withBody, undefined, 600],
            ] as const) {
                const {received, closedAfter} = await rawExchange(server.port, text, trickle);
                expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
                // The claim is the lower bound (not before the timeout) and a close within the
                // check interval (here 75 ms); the upper bound leaves room for a busy machine.
                expect(closedAfter).toBeGreaterThanOrEqual(limit - 20);
                expect(closedAfter).toBeLessThan(limit + 3000);
            }
        } finally {
            await server.close();
        }
    });

    it('announces keepAliveTimeout and closes an idle keep-alive connection about a second after it', async () => {
        const server = await startNodeServer(nodeServerExample.router, {keepAliveTimeout: 1000});
        try {
            const {received, closedAfter} = await rawExchange(server.port, 'GET /text/wordCount HTTP/1.1\r\nhost: x\r\n\r\n');
            expect(received).toMatch(/\r\nKeep-Alive: timeout=1\r\n/);
            expect(closedAfter).toBeGreaterThanOrEqual(1000);
            // Node closes about a second after keepAliveTimeout; the rest is room for a busy machine.
            expect(closedAfter).toBeLessThan(5000);
        } finally {
            await server.close();
        }
    });

    it('sends connection: close with the last response of maxRequestsPerSocket', async () => {
        const server = await startNodeServer(nodeRawResponseExample.router, {maxRequestsPerSocket: 2});
        const agent = new Agent({keepAlive: true, maxSockets: 1});
        try {
            const first = await nodeRequest(`${server.url}/orders/list`, {agent});
            const second = await nodeRequest(`${server.url}/orders/list`, {agent});
            expect([first.status, first.headers.connection, second.status, second.headers.connection]).toEqual([
                200,
                'keep-alive',
                200,
                'close',
            ]);
        } finally {
            agent.destroy();
            await server.close();
        }
    });

    it('lets a raw hook write before the body: status 200 and its headers go out with the first write', async () => {
        const server = await serverOf(hooksRawExample.router);
        const res = await fetch(`${server.url}/longTask`, {method: 'POST'});
        expect([res.status, res.headers.get('transfer-encoding'), res.headers.get('content-type')]).toEqual([200, 'chunked', null]);
        expect(await res.text()).toBe('25%\n50%\n75%\n100%\n{"longTask":"done for 127.0.0.1"}');
        const router = createRouter();
        router.registerRoutes({
            progress: rawHook((ctx: CallContext, req: IncomingMessage, res: ServerResponse): void => void res.write('working\n')),
            find: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 404, publicMessage: 'not found'});
            },
        });
        const local = await startNodeServer(router);
        try {
            const failed = await fetch(`${local.url}/find`, {method: 'POST'});
            expect(failed.status).toBe(200);
            expect(await failed.text()).toBe('working\n{"find":{"name":"RpcError","statusCode":404,"message":"not found"}}');
        } finally {
            await local.close();
        }
    });

    it('lets a raw hook end the response: the steps after it run, the adapter writes nothing more', async () => {
        const after: string[] = [];
        const router = createRouter();
        router.registerRoutes({
            end: rawHook((ctx: CallContext, req: IncomingMessage, res: ServerResponse): void => void res.writeHead(204).end()),
            r: (ctx: CallContext): string => 'not sent',
            later: hook((ctx: CallContext): void => void after.push('later')),
        });
        const server = await startNodeServer(router);
        try {
            const res = await fetch(`${server.url}/r`);
            expect([res.status, await res.text()]).toEqual([204, '']);
            expect(after).toEqual(['later']);
            const csv = await fetch(`${(await serverOf(nodeRawResponseExample.router)).url}/orders/list`, {headers: {accept: 'text/csv'}});
            expect(csv.headers.get('content-length')).toBeNull();
        } finally {
            await server.close();
        }
    });

    it('runs the createNodeHandler example on plain http and https servers', async () => {
        const app = nodeHandlerExample.createAppServer();
        expect([app.requestTimeout, app.headersTimeout]).toEqual([30000, 10000]);
        const plain = createServer();
        expect([plain.requestTimeout, plain.headersTimeout, (plain as Server & {maxHeaderSize?: number}).maxHeaderSize ?? 16384]).toEqual([
            300000, 60000, 16384,
        ]);
        const port = await listenLocal(app);
        const tlsServer = nodeHandlerExample.createTlsServer({key: readFileSync(tls.key), cert: readFileSync(tls.cert)});
        const tlsPort = await listenLocal(tlsServer);
        try {
            const home = await fetch(`http://127.0.0.1:${port}/`);
            expect(await home.text()).toBe('home page\n');
            const time = await fetch(`http://127.0.0.1:${port}/api/time`, {method: 'POST'});
            expect(((await time.json()) as {time: string}).time).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
            const meta = await fetch(`http://127.0.0.1:${port}/api/@metadata`);
            expect(Object.keys(((await meta.json()) as any)['@metadata'].routes)).toEqual(['time']);
            const secure = await nodeRequest(`https://127.0.0.1:${tlsPort}/api/time`, {
                method: 'POST',
                ca: readFileSync(tls.cert),
                checkServerIdentity: () => undefined,
            });
            expect(JSON.parse(secure.body).time).toMatch(/Z$/);
        } finally {
            await closeServer(app);
            await closeServer(tlsServer);
        }
    });

    it("leaves closing to Node's server.close(), which waits for calls in flight without a deadline", async () => {
        let release: (() => void) | undefined;
        const router = createRouter();
        router.registerRoutes({
            slow: async (ctx: CallContext): Promise<string> => {
                await new Promise<void>((resolve) => (release = resolve));
                return 'finished';
            },
        });
        const server = createServer(createNodeHandler(router));
        const port = await listenLocal(server);
        try {
            const inFlight = nodeRequest(`http://127.0.0.1:${port}/slow`, {method: 'POST'});
            while (release === undefined) await tick();
            let closed = false;
            server.close(() => (closed = true));
            await tick(300);
            expect(closed).toBe(false);
            release();
            expect((await inFlight).body).toBe('{"slow":"finished"}');
        } finally {
            server.closeAllConnections();
        }
    });

    it('enforces maxBodySize in createNodeHandler too', async () => {
        const router = createRouter({maxBodySize: 10});
        router.registerRoutes({r: (ctx: CallContext, s: string): string => s});
        const server = createServer(createNodeHandler(router));
        const port = await listenLocal(server);
        try {
            const res = await nodeRequest(
                `http://127.0.0.1:${port}/r`,
                {method: 'POST', headers: {'content-type': 'application/json'}},
                (req) => req.end('{"r": ["0123456789"]}'),
            );
            expect([res.status, res.headers.connection]).toEqual([413, 'close']);
        } finally {
            await closeServer(server);
        }
    });

    it('serves HTTPS with the https option', async () => {
        const server = await nodeHttpsExample.serveHttps(0, tls.key, tls.cert);
        try {
            expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
            const res = await nodeRequest(`${server.url}/ping`, {ca: readFileSync(tls.cert), checkServerIdentity: () => undefined});
            expect([res.status, JSON.parse(res.body)]).toEqual([200, {ping: 'pong'}]);
        } finally {
            await server.close();
        }
    });

    describe('graceful shutdown', () => {
        const release: (() => void)[] = [];
        const router = createRouter();
        router.registerRoutes({
            slow: async (ctx: CallContext): Promise<string> => {
                await new Promise<void>((resolve) => release.push(resolve));
                return 'finished';
            },
            fast: (ctx: CallContext): string => 'fast',
        });

        it('stops accepting, closes idle keep-alive connections at once, lets calls in flight finish', async () => {
            const server = await startNodeServer(router);
            const idleAgent = new Agent({keepAlive: true, maxSockets: 1});
            const slowAgent = new Agent({keepAlive: true, maxSockets: 1});
            try {
                await nodeRequest(`${server.url}/fast`, {agent: idleAgent});
                const idleSocketClosed = new Promise<void>((resolve) => {
                    const sockets = Object.values(idleAgent.freeSockets).flat();
                    expect(sockets).toHaveLength(1);
                    sockets[0]?.once('close', () => resolve());
                });
                const inFlight = nodeRequest(`${server.url}/slow`, {agent: slowAgent});
                while (server.inFlight() === 0) await tick();
                const closed = server.close();
                expect(server.close()).toBe(closed);
                await idleSocketClosed;
                await expect(fetch(`${server.url}/fast`)).rejects.toThrow();
                expect(server.inFlight()).toBe(1);
                const slowSocket = Object.values(slowAgent.sockets).flat()[0];
                const slowSocketClosed = new Promise<void>((resolve) => slowSocket?.once('close', () => resolve()));
                release.splice(0).forEach((r) => r());
                expect((await inFlight).body).toBe('{"slow":"finished"}');
                const answeredAt = Date.now();
                await slowSocketClosed;
                expect(Date.now() - answeredAt).toBeLessThan(500);
                await closed;
                expect(server.server.listening).toBe(false);
            } finally {
                idleAgent.destroy();
                slowAgent.destroy();
                await server.close();
            }
        });

        it('cuts the calls still in flight after shutdownTimeout', async () => {
            const server = await startNodeServer(router, {shutdownTimeout: 100});
            const inFlight = fetch(`${server.url}/slow`).then(
                (res) => res.status,
                () => 'cut',
            );
            while (server.inFlight() === 0) await tick();
            const started = Date.now();
            await server.close();
            expect(Date.now() - started).toBeGreaterThanOrEqual(90);
            expect(await inFlight).toBe('cut');
            release.splice(0).forEach((r) => r());
        });

        it('runs the example: on SIGTERM the call in flight finishes, then the server closes, then the database', async () => {
            const {db} = nodeShutdownExample;
            const server = await nodeShutdownExample.serve(0);
            const call = fetch(`${server.url}/countUsers`, {method: 'POST'});
            while (server.inFlight() === 0) await tick();
            process.emit('SIGTERM');
            const res = await call;
            expect([res.status, await res.json()]).toEqual([200, {countUsers: 42}]);
            while (db.open) await tick();
            expect(server.server.listening).toBe(false);
        });
    });
});
