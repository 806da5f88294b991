// Real HTTP: a Node server on 127.0.0.1, called with fetch (undici), curl and node:http.
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {Agent, request as httpRequest, ServerResponse} from 'node:http';
import {request as httpsRequest} from 'node:https';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CallContext, createRouter, rawHook, Routes} from '@hookline/router';
import {checkCase, createCaseRouter, protocolCases} from '../../../test/shared/protocol-cases.js';
import {NodeServerHandle, startNodeServer} from './index.js';

const run = promisify(execFile);

function headersOf(h: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    h.forEach((v, k) => (out[k] = v));
    return out;
}

/** Parses `curl -s -i` output (one response, no redirects). */
function parseCurl(out: string): {status: number; headers: Record<string, string>; body: string} {
    const end = out.indexOf('\r\n\r\n');
    const head = out.slice(0, end).split('\r\n');
    const status = Number(head[0]?.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    return {status, headers, body: out.slice(end + 4)};
}

/** One call with node:http: a header given as an array goes out as one line per value. */
function nodeHttpCall(
    url: string,
    c: {method: string; headers?: Record<string, string | string[]>; body?: string},
): Promise<{status: number; headers: Record<string, string>; body: string}> {
    return new Promise((resolve, reject) => {
        const req = httpRequest(url, {method: c.method, headers: c.headers}, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => {
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = [v].flat().join(', ');
                resolve({status: res.statusCode as number, headers, body});
            });
        });
        req.on('error', reject);
        req.end(c.body);
    });
}

describe('the shared protocol case table over real HTTP', () => {
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(createCaseRouter());
    });
    afterAll(() => server.close());

    it.each(protocolCases.map((c) => [c.name, c] as const))('fetch: %s', async (_name, c) => {
        // fetch joins a repeated header into one line ("a, b"): a case that repeats one is sent with
        // node:http, which writes a line per value.
        if (Object.values(c.headers ?? {}).some((v) => Array.isArray(v))) {
            expect(checkCase(c, await nodeHttpCall(server.url + c.path, c))).toEqual([]);
            return;
        }
        const res = await fetch(server.url + c.path, {method: c.method, headers: c.headers as Record<string, string>, body: c.body});
        expect(checkCase(c, {status: res.status, headers: headersOf(res.headers), body: await res.text()})).toEqual([]);
    });

    it.each(protocolCases.map((c) => [c.name, c] as const))('curl: %s', async (_name, c) => {
        const args = ['-s', '-i', '-X', c.method, '--max-time', '10', '-H', 'expect:'];
        // curl sends a line per -H, so a repeated header goes out as sent.
        for (const [k, v] of Object.entries(c.headers ?? {})) for (const one of [v].flat()) args.push('-H', `${k}: ${one}`);
        if (c.body !== undefined) args.push('--data-binary', c.body);
        const {stdout} = await run('curl', [...args, server.url + c.path], {encoding: 'utf8'});
        const res = parseCurl(stdout);
        expect(checkCase(c, res)).toEqual([]);
        // A streamed response has no length: it is chunked.
        if (c.status !== 413 && c.events === undefined) expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    });
});

describe('Node adapter behaviour', () => {
    const release: (() => void)[] = [];
    const progress: string[] = [];
    const routes = {
        echo: (ctx: CallContext, text: string): string => text,
        slow: async (ctx: CallContext): Promise<string> => {
            await new Promise<void>((resolve) => release.push(resolve));
            return 'finished';
        },
        streaming: {
            // The seed's progress hook (seeds/003): writes to the raw response before the body.
            progress: rawHook(async (ctx: CallContext, rawRequest: unknown, rawResponse: ServerResponse): Promise<void> => {
                return new Promise((resolve) => {
                    const maxTime = 50;
                    const increment = 10;
                    let total = 0;
                    const intervale = setInterval(() => {
                        if (total >= maxTime) {
                            clearInterval(intervale);
                            resolve();
                        }
                        total += increment;
                        rawResponse.write(`\n${total}%`);
                        progress.push(`${total}%`);
                    }, increment);
                });
            }),
            withProgress: (ctx: CallContext): string => 'done',
        },
        ending: {
            endsItself: rawHook((ctx: CallContext, req: unknown, res: ServerResponse): void => {
                res.writeHead(204).end();
            }),
            ended: (ctx: CallContext): string => 'never sent',
        },
        mine: {
            setMine: {
                hook: async (ctx: CallContext<{mine: number}>, n: number): Promise<void> => void (await tick(), (ctx.shared.mine = n)),
            },
            getMine: async (ctx: CallContext<{mine: number}>): Promise<number> => {
                await tick();
                return ctx.shared.mine;
            },
        },
    } satisfies Routes;
    const router = createRouter({maxBodySize: 1000, sharedDataFactory: () => ({mine: -1})});
    router.registerRoutes(routes);
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(router);
    });
    afterAll(() => server.close());

    const post = (path: string, body: string): Promise<Response> =>
        fetch(server.url + path, {method: 'POST', headers: {'content-type': 'application/json'}, body});

    it('takes a body of exactly maxBodySize bytes and refuses one byte more with 413 and connection: close', async () => {
        const at = `{"echo":["${'é'.repeat(493)}a"]}`;
        expect(Buffer.byteLength(at)).toBe(1000);
        const ok = await post('/echo', at);
        expect(ok.status).toBe(200);
        expect(((await ok.json()) as any).echo).toHaveLength(494);
        const over = `{"echo":["${'é'.repeat(493)}ab"]}`;
        expect(Buffer.byteLength(over)).toBe(1001);
        const res = await post('/echo', over);
        expect(res.status).toBe(413);
        expect(res.headers.get('connection')).toBe('close');
        expect(((await res.json()) as any)['@router'].name).toBe('body-too-large');
    });

    it('the 413 of a body refused while reading carries the request id when echoRequestId is on', async () => {
        const echoing = createRouter({maxBodySize: 100, echoRequestId: true});
        echoing.registerRoutes({echo: (ctx: CallContext, text: string): string => text});
        const local = await startNodeServer(echoing);
        try {
            const res = await fetch(`${local.url}/echo`, {
                method: 'POST',
                body: `{"echo":["${'x'.repeat(200)}"]}`,
                headers: {'content-type': 'application/json', 'x-request-id': 'node-413-id'},
            });
            expect(res.status).toBe(413);
            expect(res.headers.get('x-request-id')).toBe('node-413-id');
            expect(((await res.json()) as any)['@router']).toMatchObject({name: 'body-too-large', id: 'node-413-id'});
        } finally {
            await local.close();
        }
    });

    it('refuses a huge body (5 MB, content-length declared) with a 413 that curl reads', async () => {
        const {stdout} = await run('curl', [
            '-s',
            '-o',
            '/dev/null',
            '-w',
            '%{http_code}',
            '-H',
            'content-type: application/json',
            '-H',
            'expect:',
            '--data-binary',
            `@${bigFile()}`,
            `${server.url}/echo`,
        ]);
        expect(stdout).toBe('413');
    });

    // A client still sending when the 413 goes out must read it, not a reset: the adapter drains
    // the rest of the body (within bounds) before it closes. These uploads outlast the drain's
    // byte bound (16 MiB), so they also show the client stops once it has read the answer.
    it('the 413 reaches curl streaming a 200 MB chunked upload, every time', async () => {
        for (let i = 0; i < 3; i++) {
            const {stdout} = await run('sh', [
                '-c',
                `head -c 200000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X POST -T - -H 'content-type: application/json' -H 'expect:' ${server.url}/echo`,
            ]);
            expect(stdout).toBe('413');
        }
    });

    it('the 413 reaches fetch streaming a 64 MB body', async () => {
        for (let i = 0; i < 3; i++) {
            let left = 1024;
            const chunk = new Uint8Array(64 * 1024).fill(120);
            const body = new ReadableStream<Uint8Array>({
                pull(controller) {
                    if (left-- > 0) controller.enqueue(chunk);
                    else controller.close();
                },
            });
            const res = await fetch(`${server.url}/echo`, {
                method: 'POST',
                headers: {'content-type': 'application/json'},
                body,
                duplex: 'half',
            } as RequestInit);
            expect(res.status).toBe(413);
            expect(((await res.json()) as any)['@router'].name).toBe('body-too-large');
        }
    });

    it('streams the raw hook progress lines, then the body', async () => {
        progress.length = 0;
        const res = await fetch(`${server.url}/streaming/withProgress`);
        expect(res.status).toBe(200);
        expect(res.headers.get('transfer-encoding')).toBe('chunked');
        const text = await res.text();
        expect(text).toBe('\n10%\n20%\n30%\n40%\n50%\n60%{"streaming/withProgress":"done"}');
        expect(progress).toEqual(['10%', '20%', '30%', '40%', '50%', '60%']);
    });

    it('respects a raw hook that ended the response itself, and keeps serving', async () => {
        const res = await fetch(`${server.url}/ending/ended`);
        expect(res.status).toBe(204);
        expect(await res.text()).toBe('');
        expect(((await (await post('/echo', '{"echo":["still up"]}')).json()) as any).echo).toBe('still up');
    });

    it('reuses a keep-alive connection', async () => {
        const agent = new Agent({keepAlive: true, maxSockets: 1});
        const ports: number[] = [];
        for (let i = 0; i < 3; i++) {
            await new Promise<void>((resolve, reject) => {
                const req = httpRequest(
                    `${server.url}/echo`,
                    {method: 'POST', agent, headers: {'content-type': 'application/json'}},
                    (res) => {
                        ports.push(res.socket.localPort as number);
                        res.resume();
                        res.on('end', resolve);
                    },
                );
                req.on('error', reject);
                req.end(`{"echo":["${i}"]}`);
            });
        }
        agent.destroy();
        expect(new Set(ports).size).toBe(1);
    });

    it('200 concurrent calls with interleaved awaits each see only their own shared data', async () => {
        const results = await Promise.all(
            Array.from({length: 200}, async (_, i) => {
                const res = await post('/mine/getMine', JSON.stringify({'mine/setMine': [i]}));
                return ((await res.json()) as any)['mine/getMine'];
            }),
        );
        expect(results).toEqual(Array.from({length: 200}, (_, i) => i));
    });

    it('counts each call in flight until its response is written, whatever ends it', async () => {
        const local = await startNodeServer(router);
        try {
            const slow = Array.from({length: 3}, () => fetch(`${local.url}/slow`));
            while (local.inFlight() < 3) await tick();
            expect(local.inFlight()).toBe(3);
            release.splice(0).forEach((r) => r());
            expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200]);
            // A raw hook that ends the response itself, a 404, a 413 refused mid-body, a sync route.
            expect((await fetch(`${local.url}/ending/ended`, {method: 'POST'})).status).toBe(204);
            expect((await fetch(`${local.url}/nowhere`)).status).toBe(404);
            const big = await fetch(`${local.url}/echo`, {
                method: 'POST',
                body: 'x'.repeat(2000),
                headers: {'content-type': 'application/json'},
            });
            expect(big.status).toBe(413);
            const echo = await fetch(`${local.url}/echo`, {
                method: 'POST',
                body: '{"echo":["x"]}',
                headers: {'content-type': 'application/json'},
            });
            expect(echo.status).toBe(200);
            expect(local.inFlight()).toBe(0);
        } finally {
            await local.close();
        }
    });

    it('closes gracefully: a call in flight completes, new connections are refused', async () => {
        const local = await startNodeServer(router);
        const inFlight = fetch(`${local.url}/slow`);
        while (local.inFlight() === 0) await tick();
        const closed = local.close();
        await tick();
        await expect(
            fetch(`${local.url}/echo`, {method: 'POST', body: '{"echo":["x"]}', headers: {'content-type': 'application/json'}}),
        ).rejects.toThrow();
        release.splice(0).forEach((r) => r());
        const res = await inFlight;
        expect(res.status).toBe(200);
        expect(res.headers.get('connection')).toBe('close');
        expect(await res.json()).toEqual({slow: 'finished'});
        await closed;
        expect(local.server.listening).toBe(false);
    });

    it('cuts calls that outlive shutdownTimeout', async () => {
        const local = await startNodeServer(router, {shutdownTimeout: 50});
        const inFlight = fetch(`${local.url}/slow`).then(
            (r) => r.status,
            () => 'cut',
        );
        while (local.inFlight() === 0) await tick();
        await local.close();
        expect(await inFlight).toBe('cut');
        release.splice(0).forEach((r) => r());
    });

    it('serves HTTPS with the given TLS options', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'hookline-tls-'));
        await run('openssl', [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
        ]);
        const cert = readFileSync(join(dir, 'cert.pem'));
        const tls = await startNodeServer(router, {https: {key: readFileSync(join(dir, 'key.pem')), cert}});
        expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const body = await new Promise<string>((resolve, reject) => {
            const req = httpsRequest(
                `${tls.url}/echo`,
                {method: 'POST', ca: cert, checkServerIdentity: () => undefined, headers: {'content-type': 'application/json'}},
                (res) => {
                    let text = '';
                    res.on('data', (c: Buffer) => (text += c.toString()));
                    res.on('end', () => resolve(text));
                },
            );
            req.on('error', reject);
            req.end('{"echo":["tls"]}');
        });
        expect(JSON.parse(body)).toEqual({echo: 'tls'});
        await tls.close();
    });
});

function tick(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 1));
}

function bigFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'hookline-big-'));
    const file = join(dir, 'big.json');
    writeFileSync(file, `{"echo":["${'x'.repeat(5_000_000)}"]}`);
    return file;
}

describe('Node server limits and signals', () => {
    const router = createRouter();
    router.registerRoutes({ping: (ctx: CallContext): string => 'pong'});

    it('answers 431 to a request head over maxHeaderSize', async () => {
        const server = await startNodeServer(router, {maxHeaderSize: 1024});
        try {
            const res = await fetch(`${server.url}/ping`, {headers: {'x-big': 'x'.repeat(2048)}});
            expect(res.status).toBe(431);
            expect((await fetch(`${server.url}/ping`)).status).toBe(200);
        } finally {
            await server.close();
        }
    });

    it('cuts off a client that sends its headers too slowly (headersTimeout)', async () => {
        const server = await startNodeServer(router, {headersTimeout: 300, requestTimeout: 600});
        try {
            const {connect} = await import('node:net');
            const socket = connect(server.port, '127.0.0.1');
            let received = '';
            socket.on('data', (c: Buffer) => (received += c.toString()));
            socket.write('GET /ping HTTP/1.1\r\nhost: 127.0.0.1\r\n');
            const started = Date.now();
            const timer = setInterval(() => socket.writable && socket.write('x-slow: 1\r\n'), 100);
            await new Promise<void>((resolve) => socket.on('close', () => resolve()));
            clearInterval(timer);
            expect(Date.now() - started).toBeLessThan(5000);
            expect(received).toMatch(/^HTTP\/1.1 408/);
        } finally {
            await server.close();
        }
    });

    it('closes on SIGTERM only when handleSignals is on, and removes its listeners', async () => {
        const before = process.listenerCount('SIGTERM');
        const plain = await startNodeServer(router);
        expect(process.listenerCount('SIGTERM')).toBe(before);
        await plain.close();
        const handled = await startNodeServer(router, {handleSignals: true});
        expect(process.listenerCount('SIGTERM')).toBe(before + 1);
        const closed = new Promise<void>((resolve) => handled.server.once('close', () => resolve()));
        process.emit('SIGTERM');
        await closed;
        expect(handled.server.listening).toBe(false);
        expect(process.listenerCount('SIGTERM')).toBe(before);
    });
});
