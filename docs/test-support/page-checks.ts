// The checks every docs page gets from its markers, and what they need: the example modules, a Node
// server per example router, and the curl exchanges a page shows.
import {STATUS_CODES} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {getRouter, Router} from '@hookline/router';
import {exampleText, markedBlocks} from './markdown.js';

/**
 * Every example module, by the path the docs' markers use, loaded on first use: a page's test file
 * loads only the examples it calls.
 */
export const exampleModules: Record<string, () => Promise<Record<string, unknown>>> = {
    'examples/async-context.ts': () => import('../examples/async-context.js'),
    'examples/batch.ts': () => import('../examples/batch.js'),
    'examples/call-context.ts': () => import('../examples/call-context.js'),
    'examples/compiled-api.ts': () => import('../examples/compiled-api.js'),
    'examples/compiled-server.ts': () => import('../examples/compiled-server.js'),
    'examples/context-logger.ts': () => import('../examples/context-logger.js'),
    'examples/context-of.ts': () => import('../examples/context-of.js'),
    'examples/errors.ts': () => import('../examples/errors.js'),
    'examples/execution-path.ts': () => import('../examples/execution-path.js'),
    'examples/fetch-progress.ts': () => import('../examples/fetch-progress.js'),
    'examples/fetch-worker.ts': () => import('../examples/fetch-worker.js'),
    'examples/header-values.ts': () => import('../examples/header-values.js'),
    'examples/hooks-header.ts': () => import('../examples/hooks-header.js'),
    'examples/hooks-logger.ts': () => import('../examples/hooks-logger.js'),
    'examples/hooks-order.ts': () => import('../examples/hooks-order.js'),
    'examples/hooks-raw.ts': () => import('../examples/hooks-raw.js'),
    'examples/import-type-mistake.ts': () => import('../examples/import-type-mistake.js'),
    'examples/node-handler.ts': () => import('../examples/node-handler.js'),
    'examples/node-https.ts': () => import('../examples/node-https.js'),
    'examples/node-raw-response.ts': () => import('../examples/node-raw-response.js'),
    'examples/node-server.ts': () => import('../examples/node-server.js'),
    'examples/node-shutdown.ts': () => import('../examples/node-shutdown.js'),
    'examples/openapi.ts': () => import('../examples/openapi.js'),
    'examples/pet.ts': () => import('../examples/pet.js'),
    'examples/protocol.ts': () => import('../examples/protocol.js'),
    'examples/request-id.ts': () => import('../examples/request-id.js'),
    'examples/return-values.ts': () => import('../examples/return-values.js'),
    'examples/route-meta.ts': () => import('../examples/route-meta.js'),
    'examples/route-options.ts': () => import('../examples/route-options.js'),
    'examples/routes.ts': () => import('../examples/routes.js'),
    'examples/runtime-types.ts': () => import('../examples/runtime-types.js'),
    'examples/seed-style.ts': () => import('../examples/seed-style.js'),
    'examples/typed-errors.ts': () => import('../examples/typed-errors.js'),
    'examples/startup-errors.ts': () => import('../examples/startup-errors.js'),
    'examples/streaming.ts': () => import('../examples/streaming.js'),
};

/**
 * Registers what every docs test file needs: routers with the default logSink (jsonLinesSink() on
 * stdout) print a JSON line for each 5xx error (logInternalErrors); those lines are kept off the test
 * output (the tests of the context logger check them where they claim something about them), and
 * the servers started by {@link serverOf} are closed after the file.
 */
export function setUpDocsTests(): void {
    const writeStdout = process.stdout.write;
    const isLogLines = (chunk: unknown): boolean =>
        typeof chunk === 'string' &&
        chunk.endsWith('\n') &&
        chunk
            .slice(0, -1)
            .split('\n')
            .every((l) => /^\{"time":\d+,"level":"(debug|info|warn|error)","msg":.*,"requestId":.*,"route":.*\}$/.test(l));
    beforeAll(() => {
        process.stdout.write = ((chunk: unknown, ...rest: unknown[]): boolean =>
            isLogLines(chunk) ||
            (writeStdout as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
    });
    afterAll(() => void (process.stdout.write = writeStdout));
    afterAll(async () => {
        for (const server of servers.values()) await (await server).close();
    });
}

/** A `$ curl ...` command and the response a doc shows for it. */
export interface Exchange {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string | undefined;
    status: number;
    reason: string;
    expectedHeaders: Record<string, string>;
    expectedBody: string;
}

/** Splits a shell command line into words: single quotes, double quotes (with `\"`), backslash escapes. */
function shellWords(command: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < command.length; i++) {
        const c = command[i] as string;
        if (c === "'") {
            const end = command.indexOf("'", i + 1);
            word = (word ?? '') + command.slice(i + 1, end);
            i = end;
        } else if (c === '"') {
            let text = '';
            for (i++; command[i] !== '"'; i++) text += command[i] === '\\' ? command[++i] : command[i];
            word = (word ?? '') + text;
        } else if (c === '\\') {
            word = (word ?? '') + command[++i];
        } else if (/\s/.test(c)) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else word = (word ?? '') + c;
    }
    if (word !== undefined) words.push(word);
    return words;
}

/** Parses `$ curl ...` (the subset the docs use) and the HTTP response shown after it. */
export function parseExchange(text: string): Exchange {
    const lines = text.split('\n');
    let command = (lines.shift() as string).replace(/^\$ /, '');
    while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${(lines.shift() as string).trim()}`;
    const words = shellWords(command);
    expect(words[0]).toBe('curl');
    let method: string | undefined;
    let url: string | undefined;
    let body: string | undefined;
    const headers: Record<string, string> = {};
    for (let i = 1; i < words.length; i++) {
        const w = words[i] as string;
        if (w === '-i' || w === '-s' || w === '-N') continue;
        else if (w === '-X') method = words[++i];
        else if (w === '-H') {
            const h = words[++i] as string;
            const colon = h.indexOf(':');
            headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
        } else if (w === '-d' || w === '--data' || w === '--data-raw') body = words[++i];
        else if (w.startsWith('-')) throw new Error(`curl option ${w} is not supported by this test`);
        else url = w;
    }
    if (url === undefined) throw new Error('no URL');
    // curl -d defaults to a form content type, and to POST.
    if (body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const path = url.replace(/^https?:\/\//, '').replace(/^[^/]*/, '');
    const statusLine = /^HTTP\/1\.1 (\d{3}) (.+)$/.exec(lines.shift() as string);
    if (statusLine === null) throw new Error('no status line');
    const expectedHeaders: Record<string, string> = {};
    while (lines.length > 0 && lines[0] !== '') {
        const h = lines.shift() as string;
        const colon = h.indexOf(':');
        expectedHeaders[h.slice(0, colon).toLowerCase()] = h.slice(colon + 1).trim();
    }
    return {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        path,
        headers,
        body,
        status: Number(statusLine[1]),
        reason: statusLine[2] as string,
        expectedHeaders,
        expectedBody: lines.join('\n').trim(),
    };
}

/** Replaces strings ending in `...` in `expected` by the actual value when it starts with the rest. */
export function withEllipses(expected: unknown, actual: unknown): unknown {
    if (typeof expected === 'string' && expected.endsWith('...') && typeof actual === 'string') {
        return actual.startsWith(expected.slice(0, -3)) ? actual : expected;
    }
    if (Array.isArray(expected) && Array.isArray(actual)) return expected.map((e, i) => withEllipses(e, actual[i]));
    if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
        return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, withEllipses(v, (actual as Record<string, unknown>)[k])]));
    }
    return expected;
}

/** The router a marker names: `examples/x.ts` (its `router` export), `examples/x.ts#name`, or `#defaultRouter`. */
export async function routerOf(ref: string): Promise<Router> {
    const [path, name = 'router'] = ref.split('#') as [string, string | undefined];
    const load = exampleModules[path];
    if (load === undefined) throw new Error(`no example module ${path}`);
    const mod = await load();
    const value = name === 'defaultRouter' && !(name in mod) ? getRouter() : mod[name];
    if (!(value instanceof Router)) throw new Error(`${ref} is not a router`);
    return value;
}

const servers = new Map<Router, Promise<NodeServerHandle>>();
/** A Node server (on 127.0.0.1) for `router`, started once per test file and closed after it. */
export function serverOf(router: Router): Promise<NodeServerHandle> {
    let server = servers.get(router);
    if (server === undefined) {
        server = startNodeServer(router);
        servers.set(router, server);
    }
    return server;
}
/** What a response came back as, through inject() or over HTTP. */
export interface Result {
    statusCode: number;
    headers: Record<string, string>;
    text: string;
}

/** Checks a response against the one the doc shows. */
export function checkExchange(x: Exchange, res: Result): void {
    expect(res.statusCode).toBe(x.status);
    expect(STATUS_CODES[x.status]).toBe(x.reason);
    for (const [name, value] of Object.entries(x.expectedHeaders)) expect(res.headers[name], name).toBe(value);
    // A streamed response (server-sent events): the events as shown, keep-alive pings left out.
    if (res.headers['content-type']?.startsWith('text/event-stream') === true)
        return void expect(res.text.split(': ping\n\n').join('').trim()).toBe(x.expectedBody);
    const actual: unknown = JSON.parse(res.text);
    expect(actual).toEqual(withEllipses(JSON.parse(x.expectedBody), actual));
}

/** Producers of the values a page's `<!-- output: name -->` blocks show, by name. */
export type OutputProducers = Record<string, () => Promise<string | object | undefined>>;

/**
 * The checks a page's markers ask for: every `example` block is identical to its file, every
 * `exchange` is replayed in-process (router.inject) and over HTTP (@hookline/node), and every
 * `output` block equals what its producer returns.
 */
export function checkPageBlocks(page: string, producers: OutputProducers = {}): void {
    const examples = markedBlocks('example').filter((b) => b.doc === page);
    const exchanges = markedBlocks('exchange')
        .filter((b) => b.doc === page)
        .map((b) => [`${b.doc}:${b.line}`, b] as const);
    const outputs = markedBlocks('output').filter((b) => b.doc === page);

    if (examples.length > 0)
        describe(`${page}: examples`, () => {
            it.each(examples.map((b) => [`${b.doc}:${b.line} ${b.arg}`, b] as const))(
                '%s is identical to the example file',
                (_name, block) => {
                    expect(block.lang).toBe('ts');
                    expect(block.text).toBe(exampleText(block.arg));
                },
            );
        });

    if (exchanges.length > 0)
        describe(`${page}: curl exchanges`, () => {
            it.each(exchanges)('%s, in-process (router.inject)', async (_name, block) => {
                const x = parseExchange(block.text);
                const res = await (await routerOf(block.arg)).inject({method: x.method, path: x.path, headers: x.headers, body: x.body});
                checkExchange(x, {statusCode: res.statusCode, headers: res.headers, text: res.body});
            });

            it.each(exchanges)('%s, over HTTP (@hookline/node)', async (_name, block) => {
                const x = parseExchange(block.text);
                const server = await serverOf(await routerOf(block.arg));
                const res = await fetch(server.url + x.path, {method: x.method, headers: x.headers, body: x.body});
                checkExchange(x, {statusCode: res.status, headers: Object.fromEntries(res.headers), text: await res.text()});
            });
        });

    if (outputs.length > 0)
        describe(`${page}: output blocks`, () => {
            it.each(outputs.map((b) => [b.arg, b] as const))('%s', async (name, block) => {
                const produce = producers[name];
                if (produce === undefined) throw new Error(`no producer for output ${name}`);
                const value = await produce();
                if (block.lang === 'json') expect(value).toEqual(withEllipses(JSON.parse(block.text), value));
                else expect(value).toBe(block.text.split('\n').slice(1).join('\n'));
            });
        });
}
