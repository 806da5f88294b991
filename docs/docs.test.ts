// Runs the documentation: every example under docs/examples, every curl exchange, output block and
// checked table of docs/*.md, and every claim the pages make about behaviour. A doc that stops
// being true fails here.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {STATUS_CODES} from 'node:http';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {isRpcError, RouterErrorCode, routerErrorCodes, RouterErrorStatus} from '@hookline/core';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {
    CallContext,
    createCallContext,
    createRouter,
    defaultRouterOptions,
    getRouter,
    headersHook,
    hook,
    initRouter,
    InjectResponse,
    rawHook,
    registerRoutes,
    resetRouter,
    route,
    Router,
    Routes,
    RpcError,
    StartupError,
    StartupErrorCode,
    StartupErrorCodes,
} from '@hookline/router';
import * as callContextExample from './examples/call-context.js';
import * as errorsExample from './examples/errors.js';
import * as executionPathExample from './examples/execution-path.js';
import * as headerValuesExample from './examples/header-values.js';
import * as hooksHeaderExample from './examples/hooks-header.js';
import * as hooksLoggerExample from './examples/hooks-logger.js';
import * as hooksOrderExample from './examples/hooks-order.js';
import * as hooksRawExample from './examples/hooks-raw.js';
import * as importTypeMistakeExample from './examples/import-type-mistake.js';
import * as petExample from './examples/pet.js';
import * as protocolExample from './examples/protocol.js';
import * as returnValuesExample from './examples/return-values.js';
import * as routeOptionsExample from './examples/route-options.js';
import * as routesExample from './examples/routes.js';
import * as runtimeTypesExample from './examples/runtime-types.js';
import * as seedStyleExample from './examples/seed-style.js';
import * as startupErrorsExample from './examples/startup-errors.js';

const docsDir = dirname(fileURLToPath(import.meta.url));

/** Every example module, by the path the docs' markers use. */
const modules: Record<string, Record<string, unknown>> = {
    'examples/call-context.ts': callContextExample,
    'examples/errors.ts': errorsExample,
    'examples/execution-path.ts': executionPathExample,
    'examples/header-values.ts': headerValuesExample,
    'examples/hooks-header.ts': hooksHeaderExample,
    'examples/hooks-logger.ts': hooksLoggerExample,
    'examples/hooks-order.ts': hooksOrderExample,
    'examples/hooks-raw.ts': hooksRawExample,
    'examples/import-type-mistake.ts': importTypeMistakeExample,
    'examples/pet.ts': petExample,
    'examples/protocol.ts': protocolExample,
    'examples/return-values.ts': returnValuesExample,
    'examples/route-options.ts': routeOptionsExample,
    'examples/routes.ts': routesExample,
    'examples/runtime-types.ts': runtimeTypesExample,
    'examples/seed-style.ts': seedStyleExample,
    'examples/startup-errors.ts': startupErrorsExample,
};

// ---------------------------------------------------------------------------------------------
// Reading the markdown

interface Doc {
    name: string;
    lines: string[];
}

interface MarkedBlock {
    doc: string;
    line: number;
    kind: string;
    arg: string;
    lang: string;
    text: string;
}

const docs: Doc[] = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({name, lines: readFileSync(join(docsDir, name), 'utf8').split('\n')}));

const markerPattern = /^<!-- ([a-z-]+): (\S+) -->$/;

/** Fenced blocks preceded by `<!-- kind: arg -->`. */
function markedBlocks(kind: string): MarkedBlock[] {
    const out: MarkedBlock[] = [];
    for (const doc of docs) {
        doc.lines.forEach((line, i) => {
            const m = markerPattern.exec(line);
            if (m === null || m[1] !== kind) return;
            const fence = doc.lines[i + 1] ?? '';
            if (!fence.startsWith('```')) throw new Error(`${doc.name}:${i + 1}: marker not followed by a fenced block`);
            const end = doc.lines.indexOf('```', i + 2);
            if (end === -1) throw new Error(`${doc.name}:${i + 1}: unclosed block`);
            out.push({
                doc: doc.name,
                line: i + 1,
                kind,
                arg: m[2] as string,
                lang: fence.slice(3),
                text: doc.lines.slice(i + 2, end).join('\n'),
            });
        });
    }
    return out;
}

/** Splits a table row into cells, honouring `\|` escapes. */
function cells(row: string): string[] {
    return row
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The body rows of the table preceded by `<!-- table: name -->` (exactly one in all docs). */
function markedTable(name: string): string[][] {
    const found: string[][][] = [];
    for (const doc of docs) {
        doc.lines.forEach((line, i) => {
            if (line !== `<!-- table: ${name} -->`) return;
            const rows: string[] = [];
            for (let j = i + 1; j < doc.lines.length && (doc.lines[j] as string).startsWith('|'); j++) rows.push(doc.lines[j] as string);
            found.push(rows.slice(2).map(cells));
        });
    }
    expect(found, `table ${name}`).toHaveLength(1);
    return found[0] as string[][];
}

/** The contents of the code spans of a table cell. */
function codeSpans(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

function firstCode(cell: string): string {
    const code = codeSpans(cell)[0];
    if (code === undefined) throw new Error(`no code span in "${cell}"`);
    return code;
}

const regionLine = /^\s*\/\/ #(end)?region\b/;

/** What a doc shows of an example: the whole file, or one `// #region name` of it, region marker lines removed. */
function exampleText(ref: string): string {
    const [path, region] = ref.split('#') as [string, string | undefined];
    const lines = readFileSync(join(docsDir, path), 'utf8').split('\n');
    let shown = lines;
    if (region !== undefined) {
        const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
        expect(start, `region ${ref}`).toBeGreaterThanOrEqual(0);
        const indent = (lines[start] as string).length - (lines[start] as string).trimStart().length;
        const end = lines.findIndex((l, i) => i > start && (l.trim() === '// #endregion' || l.trim() === `// #endregion ${region}`));
        expect(end, `end of region ${ref}`).toBeGreaterThan(start);
        shown = lines.slice(start + 1, end).map((l) => l.slice(indent));
    }
    return shown
        .filter((l) => !regionLine.test(l))
        .join('\n')
        .replace(/^\n+|\n+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// curl exchanges

interface Exchange {
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
function parseExchange(text: string): Exchange {
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
        if (w === '-i' || w === '-s') continue;
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
function withEllipses(expected: unknown, actual: unknown): unknown {
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
function routerOf(ref: string): Router {
    const [path, name = 'router'] = ref.split('#') as [string, string | undefined];
    const mod = modules[path];
    if (mod === undefined) throw new Error(`no example module ${path}`);
    const value = name === 'defaultRouter' && !(name in mod) ? getRouter() : mod[name];
    if (!(value instanceof Router)) throw new Error(`${ref} is not a router`);
    return value;
}

const servers = new Map<Router, Promise<NodeServerHandle>>();
function serverOf(router: Router): Promise<NodeServerHandle> {
    let server = servers.get(router);
    if (server === undefined) {
        server = startNodeServer(router);
        servers.set(router, server);
    }
    return server;
}
afterAll(async () => {
    for (const server of servers.values()) await (await server).close();
});

interface Result {
    statusCode: number;
    headers: Record<string, string>;
    text: string;
}

function checkExchange(x: Exchange, res: Result): void {
    expect(res.statusCode).toBe(x.status);
    expect(STATUS_CODES[x.status]).toBe(x.reason);
    for (const [name, value] of Object.entries(x.expectedHeaders)) expect(res.headers[name], name).toBe(value);
    const actual: unknown = JSON.parse(res.text);
    expect(actual).toEqual(withEllipses(JSON.parse(x.expectedBody), actual));
}

// ---------------------------------------------------------------------------------------------
// The docs and the examples

describe('docs and examples', () => {
    const examples = markedBlocks('example');

    it('has docs with examples', () => {
        expect(docs.map((d) => d.name)).toEqual(
            expect.arrayContaining([
                'call-context.md',
                'errors.md',
                'execution-path.md',
                'hooks.md',
                'protocol.md',
                'routes.md',
                'runtime-types.md',
            ]),
        );
        expect(examples.length).toBeGreaterThan(20);
    });

    it.each(examples.map((b) => [`${b.doc}:${b.line} ${b.arg}`, b] as const))('%s is identical to the example file', (_name, block) => {
        expect(block.lang).toBe('ts');
        expect(block.text).toBe(exampleText(block.arg));
    });

    it('shows every example file and imports every example module here', () => {
        const files = readdirSync(join(docsDir, 'examples'))
            .filter((f) => f.endsWith('.ts'))
            .map((f) => `examples/${f}`);
        const shown = new Set(examples.map((b) => b.arg.split('#')[0]));
        for (const file of files) expect(shown.has(file), `${file} shown in a doc`).toBe(true);
        const runHere = files.filter((f) => !f.endsWith('.test.ts'));
        expect(Object.keys(modules).sort()).toEqual(runHere.sort());
    });

    it('has no broken links between docs, headings and example files', () => {
        const slug = (heading: string): string =>
            heading
                .toLowerCase()
                .replace(/[^\w\- ]/g, '')
                .replace(/ /g, '-');
        const anchors = new Map(
            docs.map((d) => [d.name, new Set(d.lines.filter((l) => /^#+ /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))))]),
        );
        for (const doc of docs) {
            for (const [, target] of doc.lines.join('\n').matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^https?:/.test(target as string)) continue;
                const [file, hash] = (target as string).split('#') as [string, string | undefined];
                const name = file === '' ? doc.name : file;
                if (name.endsWith('.md')) {
                    expect(anchors.has(name), `${doc.name} -> ${target}`).toBe(true);
                    if (hash !== undefined) expect(anchors.get(name)?.has(hash), `${doc.name} -> ${target}`).toBe(true);
                } else expect(existsSync(join(docsDir, name)), `${doc.name} -> ${target}`).toBe(true);
            }
        }
    });

    it('has no unknown markers', () => {
        for (const doc of docs) {
            for (const line of doc.lines) {
                const m = markerPattern.exec(line);
                if (m !== null) expect(['example', 'exchange', 'output', 'table']).toContain(m[1]);
            }
        }
    });
});

describe('curl exchanges', () => {
    const exchanges = markedBlocks('exchange').map((b) => [`${b.doc}:${b.line}`, b] as const);

    it.each(exchanges)('%s, in-process (router.inject)', async (_name, block) => {
        const x = parseExchange(block.text);
        const res = await routerOf(block.arg).inject({method: x.method, path: x.path, headers: x.headers, body: x.body});
        checkExchange(x, {statusCode: res.statusCode, headers: res.headers, text: res.body});
    });

    it.each(exchanges)('%s, over HTTP (@hookline/node)', async (_name, block) => {
        const x = parseExchange(block.text);
        const server = await serverOf(routerOf(block.arg));
        const res = await fetch(server.url + x.path, {method: x.method, headers: x.headers, body: x.body});
        checkExchange(x, {statusCode: res.status, headers: Object.fromEntries(res.headers), text: await res.text()});
    });
});

describe('output blocks', () => {
    const producers: Record<string, () => Promise<string | object | undefined>> = {
        'describe-users-getUser': async () => executionPathExample.router.describe('users/getUser'),
        'raw-hook-over-http': async () => {
            const server = await serverOf(hooksRawExample.router);
            const res = await fetch(`${server.url}/longTask`, {method: 'POST'});
            return res.text();
        },
    };

    it.each(markedBlocks('output').map((b) => [b.arg, b] as const))('%s', async (name, block) => {
        const produce = producers[name];
        if (produce === undefined) throw new Error(`no producer for output ${name}`);
        const value = await produce();
        if (block.lang === 'json') expect(value).toEqual(JSON.parse(block.text));
        else expect(value).toBe(block.text.split('\n').slice(1).join('\n'));
    });
});

// ---------------------------------------------------------------------------------------------
// routes.md

const startupCode = (fn: () => unknown): string | undefined => {
    try {
        fn();
    } catch (error) {
        if (error instanceof StartupError) return error.code;
        throw error;
    }
    return undefined;
};

const noop = (ctx: CallContext): void => undefined;

describe('routes.md', () => {
    it('lists every route of the example with its URL path and methods', () => {
        const router = routesExample.router;
        const rows = markedTable('route-paths');
        expect(rows.map((r) => firstCode(r[0] as string))).toEqual(router.routeIds());
        for (const [id, path, methods] of rows as [string, string, string][]) {
            const ep = router.getExecutionPath(firstCode(id));
            expect(ep?.path).toBe(firstCode(path));
            expect(ep?.allow).toBe(firstCode(methods));
        }
        expect(routesExample.apiSpec.users.getUser.path).toBe('/api/users/getUser');
    });

    it('builds URL paths from prefix (slashes stripped), id and suffix', () => {
        expect(createRouter({prefix: '/api/v1/'}).urlPathOf('users/getUser')).toBe('/api/v1/users/getUser');
        expect(createRouter({suffix: '.json'}).urlPathOf('users/getUser')).toBe('/users/getUser.json');
        expect(createRouter().urlPathOf('sayHello')).toBe('/sayHello');
    });

    it('refuses the keys the key rules name', () => {
        for (const key of ['', '1', '01', 'a/b', 'a b', 'a?b', 'a#b', 'a%b', 'a\\b', '@a', '@metadata']) {
            expect(
                startupCode(() => createRouter().registerRoutes({[key]: noop})),
                JSON.stringify(key),
            ).toBe(StartupErrorCodes.INVALID_ROUTE_KEY);
        }
        expect(startupCode(() => createRouter().registerRoutes({'a-b.c~d_e': noop}))).toBeUndefined();
        expect(startupCode(() => createRouter().registerRoutes({users: {route: noop, getUser: noop}}))).toBe(
            StartupErrorCodes.INVALID_DEFINITION,
        );
        expect(startupCode(() => createRouter().registerRoutes({users: {hook: noop, getUser: noop}}))).toBe(
            StartupErrorCodes.INVALID_DEFINITION,
        );
    });

    it('reflects an inferred return type as any: not checked, JSON.stringify', () => {
        const steps = returnValuesExample.router.describe('getUserInferred')?.steps;
        const step = steps?.find((s) => s.id === 'getUserInferred');
        expect(step?.returns).toBe('any');
        expect(step?.returnSchema).toBeUndefined();
        const declared = returnValuesExample.router.describe('getUser')?.steps.find((s) => s.id === 'getUser');
        expect(declared?.returnSchema).toMatchObject({additionalProperties: false});
    });

    it('sends nothing for void routes and awaits promises', async () => {
        const router = createRouter();
        router.registerRoutes({
            nothing: (ctx: CallContext): void => undefined,
            later: async (ctx: CallContext): Promise<number> => 7,
            laterVoid: async (ctx: CallContext): Promise<void> => undefined,
        });
        expect((await router.call('nothing')).json()).toEqual({});
        expect((await router.call('later')).json()).toEqual({later: 7});
        expect((await router.call('laterVoid')).json()).toEqual({});
    });

    it('documents route-options behaviour', async () => {
        const router = routeOptionsExample.router;
        expect(router.describe('addEntry')?.steps.find((s) => s.id === 'addEntry')?.description).toBe('Adds a journal entry');
        expect(router.getMetadata().routes['addEntry']?.description).toBe('Adds a journal entry');
        const last = await router.call('lastEntry');
        expect(last.json()).toEqual({lastEntry: {at: '1970-01-01T00:00:00.000Z', text: 'first'}});
    });

    it('useSerialization: false writes undeclared fields; validateReturn: false still needs a writable value', async () => {
        const router = createRouter();
        router.registerRoutes({
            raw: route((ctx: CallContext): {id: number} => ({id: 1, secret: 's'}) as {id: number}, {useSerialization: false}),
            unchecked: route((ctx: CallContext): {id: number} => ({id: 1, secret: 's'}) as {id: number}, {validateReturn: false}),
            wrongType: route((ctx: CallContext): {n: number} => ({n: 'abc'}) as unknown as {n: number}, {validateReturn: false}),
            missing: route((ctx: CallContext): {n: number} => ({}) as {n: number}, {validateReturn: false}),
        });
        expect((await router.call('raw')).json()).toEqual({raw: {id: 1, secret: 's'}});
        expect((await router.call('unchecked')).json()).toEqual({unchecked: {id: 1}});
        for (const id of ['wrongType', 'missing']) {
            const res = await router.call(id);
            expect(res.statusCode).toBe(500);
            expect(res.json()[id].name).toBe('invalid-return');
        }
    });

    it('turns input that breaks an unvalidated handler into a 500', async () => {
        const router = createRouter();
        router.registerRoutes({
            add: route((ctx: CallContext, entry: {at: Date}): string => entry.at.toISOString(), {useValidation: false}),
        });
        const res = await router.call('add', [null]);
        expect(res.statusCode).toBe(500);
        expect(res.json().add.name).toBe('unexpected-error');
    });

    it('compiles each registerRoutes call on its own, all or nothing', async () => {
        const router = createRouter();
        const trail: string[] = [];
        router.registerRoutes({first: hook((ctx: CallContext): void => void trail.push('hook')), a: (ctx: CallContext): string => 'a'});
        router.registerRoutes({b: (ctx: CallContext): string => 'b'});
        await router.call('b');
        expect(trail).toEqual([]);
        await router.call('a');
        expect(trail).toEqual(['hook']);
        expect(startupCode(() => router.registerRoutes({c: noop, d: {}}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
        expect(router.routeIds()).toEqual(['a', 'b']);
        expect(startupCode(() => router.registerRoutes({a: noop}))).toBe(StartupErrorCodes.DUPLICATE_ROUTE_ID);
    });

    it('lists every router option with its default', () => {
        const rows = markedTable('router-options');
        const names = rows.map((r) => firstCode(r[0] as string));
        expect([...names].sort()).toEqual(Object.keys(defaultRouterOptions).sort());
        const parse = (text: string): unknown => (text === 'undefined' ? undefined : text === "''" ? '' : JSON.parse(text));
        for (const row of rows) {
            const name = firstCode(row[0] as string) as keyof typeof defaultRouterOptions;
            expect(defaultRouterOptions[name], name).toEqual(parse(firstCode(row[2] as string)));
        }
        expect(createRouter().options).toEqual(defaultRouterOptions);
    });

    it('passes undefined raw objects to raw hooks in router.call', async () => {
        const seen: unknown[] = [];
        const router = createRouter();
        router.registerRoutes({
            raw: rawHook((ctx: CallContext, req: unknown, res: unknown): void => void seen.push(req, res)),
            r: noop,
        });
        await router.call('r');
        expect(seen).toEqual([undefined, undefined]);
    });

    it('lets several routers live side by side', async () => {
        const a = createRouter();
        const b = createRouter();
        a.registerRoutes({x: (ctx: CallContext): string => 'a'});
        b.registerRoutes({x: (ctx: CallContext): string => 'b'});
        expect((await a.call('x')).json()).toEqual({x: 'a'});
        expect((await b.call('x')).json()).toEqual({x: 'b'});
    });
});

// ---------------------------------------------------------------------------------------------
// hooks.md

describe('hooks.md', () => {
    it('logs errors with private messages from a runOnError hook', async () => {
        const {router, cloudLogs} = hooksLoggerExample;
        cloudLogs.lines.length = 0;
        const ok = await router.call('sayHello', [], {hooks: {me: ['Ada']}});
        expect(ok.json()).toEqual({sayHello: 'hello Ada'});
        const failed = await router.call('failing', [], {hooks: {me: ['Ada']}});
        expect(failed.statusCode).toBe(500);
        expect(failed.body).not.toContain('database');
        expect(cloudLogs.lines).toEqual(['OK /sayHello by Ada', 'ERROR /failing: database is down']);
    });

    it('runs runOnError hooks after a body error, and no hook when the request is refused before the path', async () => {
        const {router, cloudLogs} = hooksLoggerExample;
        cloudLogs.lines.length = 0;
        const bad = await router.inject({path: '/sayHello', headers: {'content-type': 'application/json'}, body: '{"me": ['});
        expect(bad.json()['@router'].name).toBe('invalid-json');
        expect(cloudLogs.lines).toHaveLength(1);
        expect(cloudLogs.lines[0]).toMatch(/^ERROR \/sayHello: invalid JSON body/);
        for (const req of [
            {path: '/nope'},
            {path: '/sayHello', method: 'PUT'},
            {path: '/sayHello', headers: {'content-type': 'text/plain'}, body: '{}'},
        ]) {
            const res = await router.inject(req);
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
        }
        expect(cloudLogs.lines).toHaveLength(1);
    });

    it('records a failure of a runOnError hook; the first failure sets the status', async () => {
        const router = createRouter();
        router.registerRoutes({
            r: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 403, publicMessage: 'no'});
            },
            after: hook(
                (ctx: CallContext): void => {
                    throw new RpcError({statusCode: 409, publicMessage: 'also no'});
                },
                {runOnError: true},
            ),
        });
        const res = await router.call('r');
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
            r: {name: 'RpcError', statusCode: 403, message: 'no'},
            after: {name: 'RpcError', statusCode: 409, message: 'also no'},
        });
    });

    it('runs hooks in the documented order and scope', async () => {
        const router = hooksOrderExample.router;
        for (const [routeCell, pathCell] of markedTable('hook-order') as [string, string][]) {
            const id = firstCode(routeCell);
            const expected = codeSpans(pathCell);
            const steps = router.describe(id)?.steps.map((s) => s.id);
            expect(steps).toEqual(['@parseBody', ...expected, '@serializeBody']);
            const res = await router.call(id);
            expect(res.json().trail).toEqual(expected.filter((s) => s !== 'trail'));
        }
    });

    it('refuses an object of hooks only', () => {
        expect(startupCode(() => createRouter().registerRoutes({a: {h: hook(noop)}, b: noop}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
    });

    it('converts header values exactly as the table says', async () => {
        const router = headerValuesExample.router;
        const headerOfType = new Map<string, string>();
        for (const step of router.describe('received')?.steps ?? []) {
            if (step.kind === 'headerHook') headerOfType.set(step.params[0]?.type as string, step.headerName as string);
        }
        const rows = markedTable('header-conversions');
        expect(rows.length).toBeGreaterThan(20);
        for (const [typeCell, valueCell, resultCell] of rows as [string, string, string][]) {
            const type = firstCode(typeCell).replace(/'/g, '"');
            const header = headerOfType.get(type);
            expect(header, `a hook for ${type}`).toBeDefined();
            const value = JSON.parse(firstCode(valueCell)) as string;
            const res = await router.call('received', [], {headers: {[header as string]: value}});
            const label = `${type} ${JSON.stringify(value)}`;
            if (resultCell.startsWith('400')) {
                expect(res.statusCode, label).toBe(400);
                expect(
                    Object.values(res.json()).map((e) => (e as {name: string}).name),
                    label,
                ).toEqual(['invalid-header']);
            } else {
                expect(res.statusCode, label).toBe(200);
                expect(res.json().received, label).toEqual({[header as string]: JSON.parse(firstCode(resultCell))});
            }
        }
    });

    it('checks header hooks at startup', () => {
        const r = (h: Routes): string | undefined => startupCode(() => createRouter().registerRoutes({...h, r: noop}));
        expect(r({h: headersHook('x a', (ctx: CallContext, _v: string): void => undefined)})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(r({h: headersHook('x', (ctx: CallContext, _v: {a: number}): void => undefined)})).toBe(
            StartupErrorCodes.INVALID_HEADER_HOOK,
        );
        expect(r({h: {headerName: 'x', hook: (ctx: CallContext, _a: string, _b: string): void => undefined}})).toBe(
            StartupErrorCodes.INVALID_HEADER_HOOK,
        );
        expect(r({h: headersHook('x', (ctx: CallContext): void => undefined)})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(r({h: headersHook('x', (ctx: CallContext, _v: string): {a: 1} => ({a: 1}))})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(
            r({h: headersHook('X-Ok', (ctx: CallContext, v: 'a' | 1 | true | undefined): string | number => String(v))}),
        ).toBeUndefined();
    });

    it('reads and writes header hook values per request as documented', async () => {
        const router = createRouter();
        router.registerRoutes({
            echo: headersHook('X-Echo', (ctx: CallContext, v: string): string => v),
            count: headersHook('x-count', (ctx: CallContext, v?: number): number | undefined => v),
            r: noop,
        });
        const ok = await router.call('r', [], {headers: {'X-ECHO': 'abc', 'x-count': '5'}});
        expect(ok.headers['x-echo']).toBe('abc');
        expect(ok.headers['x-count']).toBe('5');
        const missingOptional = await router.call('r', [], {headers: {'x-echo': 'abc'}});
        expect(missingOptional.statusCode).toBe(200);
        expect(missingOptional.headers['x-count']).toBeUndefined();
        const several = await router.call('r', [], {headers: {'x-echo': ['a', 'b']}});
        expect(several.json().echo).toEqual({
            name: 'invalid-header',
            statusCode: 400,
            message: 'header "x-echo" must be sent once',
            errorData: {header: 'x-echo'},
        });
        for (const bad of ['a\r\nset-cookie: x=1', 'a\nb', 'a\0b']) {
            const injected = await router.call('r', [], {headers: {'x-echo': bad}});
            expect(injected.statusCode).toBe(500);
            expect(injected.json().echo.name).toBe('invalid-return');
            expect(injected.headers['x-echo']).toBeUndefined();
        }
        const inBody = await router.call('r', [], {headers: {'x-echo': 'a'}, hooks: {echo: ['a']}});
        expect(inBody.json()['@router']).toMatchObject({name: 'invalid-body', errorData: {id: 'echo'}});
        const hdr = await hooksHeaderExample.router.call('whoAmI', [], {headers: {authorization: 'Bearer ada'}});
        expect(hdr.headers['x-request-id']).toMatch(/^req-\d+$/);
    });

    it('raw hooks: no metadata needed, RpcError returned or thrown, other values ignored, never in the body', async () => {
        const router = createRouter();
        const untyped = new Function('ctx', 'ctx.shared.untyped = true') as (ctx: CallContext) => void;
        router.registerRoutes({
            untyped: rawHook(untyped),
            ignored: {rawHook: (ctx: CallContext): void => 42 as unknown as void},
            r: (ctx: CallContext): boolean => ctx.shared.untyped === true,
        });
        expect((await router.call('r')).json()).toEqual({r: true});
        expect((await router.call('r', [], {hooks: {untyped: []}})).json()['@router'].name).toBe('invalid-body');
        const failing = createRouter();
        failing.registerRoutes({
            deny: rawHook((ctx: CallContext): RpcError => new RpcError({statusCode: 429, publicMessage: 'slow down'})),
            r: noop,
        });
        const res = await failing.call('r');
        expect(res.statusCode).toBe(429);
        expect(res.json()).toEqual({deny: {name: 'RpcError', statusCode: 429, message: 'slow down'}});
    });

    it('raw hooks get the options of the router', async () => {
        const router = createRouter({prefix: 'p'});
        let prefix: string | undefined;
        router.registerRoutes({raw: rawHook((ctx, req, res, options): void => void (prefix = options.prefix)), r: noop});
        await router.call('r');
        expect(prefix).toBe('p');
    });
});

// ---------------------------------------------------------------------------------------------
// call-context.md

describe('call-context.md', () => {
    it('fills the context as the fields table says', async () => {
        const seen: Record<string, unknown> = {};
        const router = createRouter();
        router.registerRoutes({
            r: (ctx: CallContext): string => {
                Object.assign(seen, {
                    rawBody: ctx.request.rawBody,
                    body: ctx.request.body,
                    shared: ctx.shared,
                    status: ctx.response.statusCode,
                    headers: {...ctx.response.headers},
                    hasErrors: ctx.response.hasErrors,
                });
                return 'ok';
            },
            after: hook((ctx: CallContext): void => void (seen.rawBodyInHook = ctx.response.rawBody)),
        });
        await router.inject({method: 'GET', path: '/r', body: '{"r": []}', headers: {'content-type': 'application/json'}});
        expect(seen).toEqual({
            rawBody: '',
            body: {},
            shared: {},
            status: 200,
            headers: {'content-type': 'application/json; charset=utf-8'},
            hasErrors: false,
            rawBodyInHook: '',
        });
    });

    it('shares data through sharedDataFactory and fails the call under @router when it throws', async () => {
        const res = await getRouter().call('sayMyName', [], {headers: {authorization: 'token-ada'}});
        expect(res.json()).toEqual({sayMyName: 'hello Ada'});
        const denied = await getRouter().call('sayMyName', [], {headers: {authorization: 'nope'}});
        expect(denied.statusCode).toBe(401);
        const router = createRouter({
            sharedDataFactory: () => {
                throw new Error('no db');
            },
        });
        router.registerRoutes({r: noop});
        const failed = await router.call('r');
        expect(failed.statusCode).toBe(500);
        expect(failed.json()).toEqual({'@router': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
    });

    it('creates contexts of the fixed shape with createCallContext', () => {
        const ctx = createCallContext('/x', {a: 'b'}, '{"x": []}', {n: 1});
        expect(ctx.path).toBe('/x');
        expect(ctx.request.headers).toEqual({a: 'b'});
        expect(ctx.request.rawBody).toBe('{"x": []}');
        expect(ctx.request.body).toEqual({});
        expect(ctx.request.internalErrors).toEqual([]);
        expect(ctx.response).toMatchObject({statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}, body: {}});
        expect(ctx.response.rawBody).toBe('');
        expect(ctx.response.hasErrors).toBe(false);
        expect(ctx.shared).toEqual({n: 1});
        expect(seedStyleExample.sayMyName(createCallContext('/sayMyName', {}, '', {myUser: {id: 1, name: 'Ada'}}))).toBe('hello Ada');
    });
});

// ---------------------------------------------------------------------------------------------
// execution-path.md

describe('execution-path.md', () => {
    it('returns synchronously when every step is synchronous', async () => {
        const router = createRouter();
        router.registerRoutes({sync: (ctx: CallContext): number => 1, async: async (ctx: CallContext): Promise<number> => 2});
        const sync = router.dispatch({method: 'POST', path: '/sync', headers: {}});
        expect(sync).not.toBeInstanceOf(Promise);
        expect((sync as {body: string}).body).toBe('{"sync":1}');
        const pending = router.dispatch({method: 'POST', path: '/async', headers: {}});
        expect(pending).toBeInstanceOf(Promise);
        expect((await pending).body).toBe('{"async":2}');
    });

    it('exposes the compiled path and runs the audit hook after errors', async () => {
        const {router, auditLog} = executionPathExample;
        const ep = router.getExecutionPath('users/getUser');
        expect(ep).toMatchObject({id: 'users/getUser', path: '/api/users/getUser', allowsGet: false, allow: 'POST'});
        expect(ep?.procedures.map((p) => p.id)).toEqual(['@parseBody', 'auth', 'users/getUser', 'audit', '@serializeBody']);
        auditLog.length = 0;
        await router.call('users/getUser', [1], {headers: {authorization: 'Bearer secret'}});
        await router.call('users/getUser', [1], {headers: {authorization: 'Bearer nope'}});
        expect(auditLog).toEqual(['/api/users/getUser 200', '/api/users/getUser 401']);
    });

    it('keeps values returned before a failure in the body', async () => {
        const router = createRouter();
        router.registerRoutes({
            version: hook((ctx: CallContext): string => 'v1'),
            r: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 400, publicMessage: 'bad'});
            },
        });
        expect((await router.call('r')).json()).toEqual({version: 'v1', r: {name: 'RpcError', statusCode: 400, message: 'bad'}});
    });
});

// ---------------------------------------------------------------------------------------------
// errors.md

describe('errors.md', () => {
    it('fills RpcError defaults and never serializes private fields', () => {
        const e = new RpcError({statusCode: 404});
        expect([e.name, e.statusCode, e.publicMessage, e.message]).toEqual(['RpcError', 404, 'Not found', 'Not found']);
        expect(new RpcError({statusCode: 401}).publicMessage).toBe('Unauthorized');
        expect(new RpcError({statusCode: 418}).publicMessage).toBe('Error');
        expect(new RpcError({statusCode: 200}).statusCode).toBe(500);
        expect(new RpcError({statusCode: 600}).statusCode).toBe(500);
        const full = new RpcError({
            statusCode: 409,
            name: 'conflict',
            publicMessage: 'taken',
            message: 'row 7 locked by tx 99',
            errorData: {field: 'name'},
            originalError: new Error('deadlock'),
            id: 'req-1',
        });
        const pub = {name: 'conflict', statusCode: 409, message: 'taken', errorData: {field: 'name'}, id: 'req-1'};
        expect(full.toPublic()).toEqual(pub);
        expect(JSON.parse(JSON.stringify(full))).toEqual(pub);
        expect(JSON.stringify(full)).not.toMatch(/row 7|deadlock|stack/);
        expect(full.message).toBe('row 7 locked by tx 99');
        const foreign = Object.assign(new Error('x'), {statusCode: 400, toPublic: () => ({})});
        expect(isRpcError(foreign)).toBe(true);
    });

    it('logs private messages while the client gets public ones', async () => {
        const {router, serverLog} = errorsExample;
        serverLog.length = 0;
        await router.call('orders/getOrder', [7]);
        await router.call('orders/exportOrders');
        expect(serverLog).toEqual([
            '/orders/getOrder order-not-found: order 7 not in shard eu-3',
            '/orders/exportOrders unexpected-error: S3 bucket acme-exports: AccessDenied',
        ]);
        expect((await router.call('orders/getOrder', [1])).json()).toEqual({'orders/getOrder': {id: 1, total: 42}});
    });

    it('converts thrown values as the table says', async () => {
        const thrown: Record<string, unknown> = {
            codeForm: {code: 401, message: 'no'},
            statusForm: {statusCode: 422, code: 404, message: 'unprocessable'},
            fiveHundred: {code: 503, message: 'later'},
            noMessage: {code: 401},
            errorWithCode: Object.assign(new Error('boom'), {code: 401}),
            text: 'plain string',
            number: 42,
        };
        const router = createRouter();
        const internal: RpcError[] = [];
        const routes: Routes = {};
        for (const [name, value] of Object.entries(thrown)) {
            routes[name] = (ctx: CallContext): void => {
                throw value;
            };
        }
        // After the routes: hooks run by position.
        routes.log = hook((ctx: CallContext): void => void internal.push(...ctx.request.internalErrors), {runOnError: true});
        router.registerRoutes(routes);
        const result = async (id: string): Promise<[number, string, string]> => {
            const res = await router.call(id);
            const e = res.json()[id];
            return [res.statusCode, e.name, e.message];
        };
        expect(await result('codeForm')).toEqual([401, 'RpcError', 'no']);
        expect(await result('statusForm')).toEqual([422, 'RpcError', 'unprocessable']);
        for (const id of ['fiveHundred', 'noMessage', 'errorWithCode', 'text', 'number']) {
            expect(await result(id)).toEqual([500, 'unexpected-error', 'Unexpected error']);
        }
        const byOriginal = new Map(internal.map((e) => [e.originalError, e]));
        expect(byOriginal.get(thrown.codeForm)?.statusCode).toBe(401);
        expect(byOriginal.get(thrown.errorWithCode)?.message).toBe('boom');
        expect(byOriginal.get('plain string')?.message).toBe('plain string');
        expect(byOriginal.get(42)?.message).toBe('non-error value thrown');
        const rejects = createRouter();
        rejects.registerRoutes({r: async (ctx: CallContext): Promise<string> => Promise.reject(new TypeError('x is undefined'))});
        expect((await rejects.call('r')).json().r.name).toBe('unexpected-error');
    });

    it('lists every router error code with its status, and each happens as described', async () => {
        const rows = markedTable('router-errors');
        expect(rows.map((r) => firstCode(r[0] as string))).toEqual(routerErrorCodes);
        for (const [name, status] of rows as [string, string][])
            expect(Number(status)).toBe(RouterErrorStatus[firstCode(name) as RouterErrorCode]);

        const p = protocolExample.router;
        const auth = {authorization: 'Bearer secret'};
        const json = {'content-type': 'application/json'};
        const small = createRouter({maxBodySize: 10, sharedDataFactory: () => ({})});
        small.registerRoutes({r: noop});
        const failingFactory = createRouter({
            sharedDataFactory: () => {
                throw new Error('x');
            },
        });
        failingFactory.registerRoutes({r: noop});
        const bad = createRouter();
        bad.registerRoutes({r: (ctx: CallContext): number => 'x' as unknown as number});
        const triggers: Record<RouterErrorCode, () => Promise<[InjectResponse, string]>> = {
            'route-not-found': async () => [await p.inject({path: '/api/nope'}), '@router'],
            'method-not-allowed': async () => [await p.inject({method: 'DELETE', path: '/api/health'}), '@router'],
            'unsupported-media-type': async () => [
                await p.inject({path: '/api/health', headers: {'content-type': 'text/json'}, body: '{}'}),
                '@router',
            ],
            'body-too-large': async () => [await small.inject({path: '/r', body: {r: ['0123456789']}}), '@router'],
            'invalid-json': async () => [await p.inject({path: '/api/health', headers: json, body: '{'}), '@router'],
            'invalid-body': async () => [await p.inject({path: '/api/health', body: [1]}), '@router'],
            'invalid-params': async () => [await p.call('users/getUser', [], {headers: auth}), 'users/getUser'],
            'validation-failed': async () => [await p.call('users/getUser', [1, 2], {headers: auth}), 'users/getUser'],
            'invalid-header': async () => [await p.call('users/me', [], {headers: {authorization: ['a', 'b']}}), 'users/auth'],
            'unexpected-error': async () => [await failingFactory.call('r'), '@router'],
            'invalid-return': async () => [await bad.call('r'), 'r'],
        };
        for (const code of routerErrorCodes) {
            const [res, under] = await triggers[code]();
            expect(res.statusCode, code).toBe(RouterErrorStatus[code]);
            expect(res.json()[under]?.name, code).toBe(code);
        }
        const tooLarge = await small.inject({path: '/r', body: {r: ['0123456789']}});
        expect(tooLarge.headers['connection']).toBe('close');
        const more = await p.call('users/getUser', [1, 2], {headers: auth});
        expect(more.json()['users/getUser'].errorData.errors[0].message).toBe('expected at most 1 items, got 2');
    });

    it('lists every startup error code, and each is thrown as described', () => {
        const rows = markedTable('startup-errors');
        const codes = rows.map((r) => firstCode(r[0] as string));
        expect([...codes].sort()).toEqual(Object.values(StartupErrorCodes).sort());
        const register = (routes: unknown) => () => createRouter().registerRoutes(routes as Routes);
        const deep: Routes = {r: noop};
        let level = deep;
        for (let i = 0; i < 10; i++) level = level[`l${i}`] = {r: noop} as Routes;
        const triggers: Record<StartupErrorCode, (() => unknown) | null> = {
            HL_MISSING_TYPE_METADATA: register({r: ((ctx: CallContext): number => 1).bind(null)}),
            HL_NEVER_PARAM: () => importTypeMistakeExample.registerSavePet(),
            HL_UNSUPPORTED_TYPE: () => runtimeTypesExample.registerTagSet(),
            HL_INVALID_ROUTE_KEY: register({'a/b': noop}),
            HL_DUPLICATE_ROUTE_ID: () => {
                const router = createRouter();
                router.registerRoutes({a: noop});
                router.registerRoutes({a: noop});
            },
            HL_EMPTY_ROUTES: register({}),
            HL_ROUTES_TOO_DEEP: register(deep),
            HL_INVALID_DEFINITION: register({a: null}),
            HL_INVALID_HEADER_HOOK: register({h: headersHook('x', (ctx: CallContext, _v: string[]): void => undefined), r: noop}),
            HL_INVALID_OPTION: () => createRouter({maxBodySize: 0}),
            HL_ALREADY_REGISTERED: null,
            HL_ROUTER_NOT_INITIALIZED: null,
        };
        for (const row of rows) {
            const code = firstCode(row[0] as string) as StartupErrorCode;
            const trigger = triggers[code];
            if (trigger === null) {
                expect(row[1], code).toMatch(/^Not thrown/);
                continue;
            }
            let error: unknown;
            try {
                trigger();
            } catch (e) {
                error = e;
            }
            expect(error, code).toBeInstanceOf(StartupError);
            expect((error as StartupError).code).toBe(code);
            expect((error as StartupError).message.startsWith(`${code}: `)).toBe(true);
        }
        for (const bad of [{prefix: 1}, {suffix: 2}, {maxRouteDepth: 1.5}, {sharedDataFactory: 3}]) {
            expect(startupCode(() => createRouter(bad as never))).toBe(StartupErrorCodes.INVALID_OPTION);
        }
        for (const bad of [{a: []}, {a: 3}, {a: {route: noop, other: 1}}]) {
            expect(startupCode(register(bad))).toBe(StartupErrorCodes.INVALID_DEFINITION);
        }
        expect(startupCode(register([noop]))).toBe(StartupErrorCodes.INVALID_DEFINITION);
        expect(startupCode(register({a: {}, r: noop}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
        expect(startupCode(register({r: new Function('ctx', 'return 1')}))).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
    });

    it('registerOrExplain explains missing type metadata', () => {
        const lines: string[] = [];
        const untyped = new Function('ctx', 'return 1') as (ctx: CallContext) => number;
        expect(() => startupErrorsExample.registerOrExplain(createRouter(), {r: untyped}, (l) => lines.push(l))).toThrow(StartupError);
        expect(lines).toEqual(['Handlers have no runtime types: see docs/runtime-types.md']);
        startupErrorsExample.registerOrExplain(createRouter(), {r: noop}, (l) => lines.push(l));
        expect(lines).toHaveLength(1);
    });
});

// ---------------------------------------------------------------------------------------------
// protocol.md

describe('protocol.md', () => {
    const p = protocolExample.router;

    it('accepts the documented content types and refuses others', async () => {
        const call = (contentType: string | undefined) =>
            p.inject({path: '/api/health', headers: contentType === undefined ? {} : {'content-type': contentType}, body: '{}'});
        for (const ok of [
            'application/json',
            'application/json; charset=utf-8',
            'Application/JSON; charset=UTF-8',
            'application/json;charset="utf-8"',
        ]) {
            expect((await call(ok)).statusCode, ok).toBe(200);
        }
        for (const bad of ['text/plain', 'application/json; charset=latin1', 'application/jsonx']) {
            expect((await call(bad)).statusCode, bad).toBe(415);
        }
        const noType = await p.inject({path: '/api/health', body: '{}'});
        expect(noType.statusCode).toBe(415);
        expect((await p.inject({path: '/api/health'})).statusCode).toBe(200);
    });

    it('answers the documented statuses for methods, size, UTF-8 and query strings', async () => {
        const put = await p.inject({method: 'PUT', path: '/api/health'});
        expect([put.statusCode, put.headers['allow']]).toEqual([405, 'GET, POST']);
        expect((await p.inject({method: 'HEAD', path: '/api/health'})).statusCode).toBe(405);
        expect((await p.inject({method: 'GET', path: '/api/nope'})).statusCode).toBe(404);
        const big = await p.inject({path: '/api/health', body: {health: ['x'.repeat(70_000)]}});
        expect([big.statusCode, big.headers['connection']]).toEqual([413, 'close']);
        const bytes = await p.dispatch({
            method: 'POST',
            path: '/api/health',
            headers: {'content-type': 'application/json'},
            body: new Uint8Array([0x7b, 0xff, 0x7d]),
        });
        expect(JSON.parse(bytes.body)['@router'].name).toBe('invalid-json');
        expect((await p.inject({method: 'GET', path: '/api/health?x=1'})).json()).toEqual({health: {ok: true}});
        const optional = createRouter();
        optional.registerRoutes({r: (ctx: CallContext, n?: number): number => n ?? 0});
        expect((await optional.call('r')).json()).toEqual({r: 0});
        expect((await optional.inject({path: '/r', body: {r: []}})).json()).toEqual({r: 0});
    });

    it('serves metadata unless exposeMetadata is false', async () => {
        expect((await protocolExample.helloRouter.inject({path: '/@metadata'})).json()['@metadata']).toEqual(
            protocolExample.helloRouter.getMetadata(),
        );
        const hidden = createRouter({exposeMetadata: false});
        hidden.registerRoutes({r: noop});
        expect((await hidden.inject({method: 'GET', path: '/@metadata'})).statusCode).toBe(404);
        const meta = p.getMetadata();
        expect(meta.routes['users/me']?.hooks).toEqual(['users/auth']);
        expect(meta.routes['reports/monthly']?.hooks).toEqual(['reports/tenant']);
        expect(meta.routes['health']?.allowsGet).toBe(true);
        expect(p.routeIds()).not.toContain('@metadata');
    });
});

// ---------------------------------------------------------------------------------------------
// runtime-types.md

describe('runtime-types.md', () => {
    const typed = createRouter();
    class Point {
        x = 0;
        y = 0;
        length(): number {
            return Math.hypot(this.x, this.y);
        }
    }
    interface A {
        a: number;
        b: string;
    }
    typed.registerRoutes({
        date: (ctx: CallContext, d: Date): string => d.toISOString(),
        num: (ctx: CallContext, n: number): number => n,
        opt: (ctx: CallContext, o: {x?: number}): number => o.x ?? -1,
        dflt: (ctx: CallContext, a: number, b: string = 'default'): string => `${a} ${b}`,
        point: (ctx: CallContext, p: Point): string => `${p instanceof Point} ${p.x}`,
        partial: (ctx: CallContext, p: Partial<A>): number => Object.keys(p).length,
        pick: (ctx: CallContext, p: Pick<A, 'a'>): number => p.a,
        both: (ctx: CallContext, p: {a: number} & {b: string}): string => `${p.a}${p.b}`,
        template: (ctx: CallContext, t: `user-${number}`): string => t,
        dateOrString: (ctx: CallContext, v: Date | string): boolean => v instanceof Date,
        tuple: (ctx: CallContext, t: [number, number?, ...string[]]): number => t.length,
        anything: (ctx: CallContext, v: unknown): string => typeof v,
        returnsDateString: (ctx: CallContext): Date => '2024-01-01T00:00:00.000Z' as unknown as Date,
        returnsInvalidDate: (ctx: CallContext): Date => new Date('nope'),
        returnsAny: (ctx: CallContext): any => ({when: new Date(0)}),
    });
    const ok = async (id: string, params: unknown[]): Promise<unknown> => {
        const res = await typed.call(id, params);
        expect(res.statusCode, `${id} ${JSON.stringify(params)}`).toBe(200);
        return res.json()[id];
    };
    const refused = async (id: string, params: unknown[]): Promise<void> => {
        const res = await typed.call(id, params);
        expect(res.statusCode, `${id} ${JSON.stringify(params)}`).toBe(400);
        expect(res.json()[id].name).toBe('validation-failed');
    };

    it('accepts and refuses the documented date strings', async () => {
        expect(await ok('date', ['2024-01-15'])).toBe('2024-01-15T00:00:00.000Z');
        for (const d of ['2024-01-15T10:00', '2024-01-15T10:00:30', '2024-01-15T10:00:30.123456789Z', '2024-01-15T10:00+02:00'])
            await ok('date', [d]);
        expect(await ok('date', ['2024-01-15T10:00:00+02:00'])).toBe('2024-01-15T08:00:00.000Z');
        for (const d of [
            '2024-13-01',
            '15/01/2024',
            '2024-01-15T10',
            '2024-01-15 10:00',
            `2024-01-15T10:00:00.${'1'.repeat(30)}Z`,
            1705312800000,
        ]) {
            await refused('date', [d]);
        }
    });

    it('validates params as documented', async () => {
        await refused('num', ['1']);
        const inf = await typed.inject({path: '/num', headers: {'content-type': 'application/json'}, body: '{"num": [1e400]}'});
        expect(inf.json().num.errorData.errors[0].message).toBe('expected number, got Infinity');
        expect(await ok('opt', [{}])).toBe(-1);
        await refused('opt', [{x: null}]);
        await refused('opt', [{y: 1}]);
        expect(await ok('dflt', [1])).toBe('1 default');
        expect(await ok('point', [{x: 3, y: 4}])).toBe('false 3');
        await refused('point', [{x: 3, y: 4, length: 5}]);
        expect(await ok('partial', [{a: 1}])).toBe(1);
        expect(await ok('pick', [{a: 2}])).toBe(2);
        await refused('pick', [{a: 2, b: 'x'}]);
        expect(await ok('both', [{a: 1, b: 'x'}])).toBe('1x');
        expect(await ok('template', ['anything at all'])).toBe('anything at all');
        expect(await ok('dateOrString', ['2024-01-15'])).toBe(true);
        expect(await ok('dateOrString', ['hello'])).toBe(false);
        expect(await ok('tuple', [[1]])).toBe(1);
        expect(await ok('tuple', [[1, 2, 'a', 'b']])).toBe(4);
        await refused('tuple', [[]]);
        await refused('tuple', [[1, 'x']]);
        expect(await ok('anything', [{deep: [1]}])).toBe('object');
        await refused('num', [1, 2]);
        const missing = await typed.inject({path: '/num', body: {num: []}});
        expect(missing.json().num.errorData.errors[0].message).toBe('expected number, got undefined');
        expect((await typed.inject({path: '/num', body: {}})).json().num.name).toBe('invalid-params');
    });

    it('checks return values as documented', async () => {
        for (const id of ['returnsDateString', 'returnsInvalidDate']) {
            const res = await typed.call(id);
            expect([res.statusCode, res.json()[id].name]).toEqual([500, 'invalid-return']);
        }
        expect(await ok('returnsAny', [])).toEqual({when: '1970-01-01T00:00:00.000Z'});
    });

    it('round-trips the supported types of the example', async () => {
        const post = {
            id: 1,
            title: 'Hi',
            draft: false,
            kind: 'article',
            author: {name: 'Ada', role: 'member'},
            tags: ['a'],
            position: [1, 2],
            meta: {lang: 'en'},
            publishedAt: null,
            subtitle: 'sub',
            comments: [{text: 'x', replies: [{text: 'y', replies: []}]}],
        };
        expect((await runtimeTypesExample.router.call('savePost', [post])).json()).toEqual({savePost: post});
        const wrong = {
            ...post,
            kind: 'memo',
            author: {name: 'Ada', role: 'root'},
            position: [1],
            meta: {lang: 1},
            comments: [{text: 'x', replies: [{}]}],
        };
        const res = await runtimeTypesExample.router.call('savePost', [wrong]);
        expect(res.json().savePost.errorData.errors.map((e: {path: string}) => e.path)).toEqual([
            'savePost[0].kind',
            'savePost[0].author.role',
            'savePost[0].position[1]',
            'savePost[0].meta.lang',
            'savePost[0].comments[0].replies[0].text',
            'savePost[0].comments[0].replies[0].replies',
        ]);
    });

    it('refuses the documented unsupported types and erased types', () => {
        const unsupported: Routes = {
            map: (ctx: CallContext, _v: Map<string, number>): void => undefined,
            set: (ctx: CallContext, _v: Set<string>): void => undefined,
            regexp: (ctx: CallContext, _v: RegExp): void => undefined,
            arrayBuffer: (ctx: CallContext, _v: ArrayBuffer): void => undefined,
            uint8Array: (ctx: CallContext, _v: Uint8Array): void => undefined,
            bigint: (ctx: CallContext, _v: bigint): void => undefined,
            symbol: (ctx: CallContext, _v: symbol): void => undefined,
            object: (ctx: CallContext, _v: object): void => undefined,
            fn: (ctx: CallContext, _v: () => void): void => undefined,
            nestedPromise: (ctx: CallContext): Promise<Promise<string>> => Promise.resolve('x') as unknown as Promise<Promise<string>>,
            numericKey: (ctx: CallContext, _v: {1: string}): void => undefined,
            rest: (ctx: CallContext, ..._v: number[]): void => undefined,
            returnsMap: (ctx: CallContext): Map<string, number> => new Map(),
        };
        for (const [name, handler] of Object.entries(unsupported)) {
            expect(
                startupCode(() => createRouter().registerRoutes({[name]: handler})),
                name,
            ).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        }
        expect(startupCode(() => createRouter().registerRoutes({b: (ctx: CallContext, _v: Buffer): void => undefined}))).toBe(
            StartupErrorCodes.NEVER_PARAM,
        );
        expect(startupCode(() => importTypeMistakeExample.registerSavePet())).toBe(StartupErrorCodes.NEVER_PARAM);
        expect(startupCode(() => runtimeTypesExample.registerTagSet())).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        const pet: petExample.Pet = {name: 'Tom', age: 3};
        expect(pet.name).toBe('Tom');
    });
    // BUG (packages/router/src/runtime-types/reflect-handler.ts): WeakMap and WeakSet are in the
    // refused builtins, but deepkit reflects them as interfaces, so they compile as objects without
    // properties. runtime-types.md documents today's behaviour; when this test starts passing,
    // make it a plain `it` and move WeakMap/WeakSet into the refused list of the docs.
    it.fails('refuses WeakMap and WeakSet (known bug: they are accepted)', () => {
        expect(
            startupCode(() => createRouter().registerRoutes({w: (ctx: CallContext, _v: WeakMap<object, string>): void => undefined})),
        ).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        expect(startupCode(() => createRouter().registerRoutes({w: (ctx: CallContext, _v: WeakSet<object>): void => undefined}))).toBe(
            StartupErrorCodes.UNSUPPORTED_TYPE,
        );
    });

    // BUG (packages/router/src/runtime-types/validator.ts, isIsoDateString): Date.parse rolls
    // 2024-02-30 over to March 1st instead of refusing it. runtime-types.md documents the gap.
    it.fails('refuses a day past the end of its month (known bug: it rolls over)', async () => {
        await refused('date', ['2024-02-30']);
    });

    it('rolls a day past the end of its month over, as documented', async () => {
        expect(await ok('date', ['2024-02-30'])).toBe('2024-03-01T00:00:00.000Z');
    });

    // BUG (packages/router/src/runtime-types/json-schema.ts + fast-json-stringify): in an anyOf,
    // an object with undeclared fields matches no member, so the serializer throws. The docs
    // document the gap; the correct behaviour is to drop the fields, as outside unions.
    it.fails('drops undeclared fields inside a union (known bug: 500 invalid-return)', async () => {
        const router = createRouter();
        router.registerRoutes({u: (ctx: CallContext): {id: number} | null => ({id: 1, secret: 's'}) as {id: number}});
        expect((await router.call('u')).json()).toEqual({u: {id: 1}});
    });

    it('fails a union return value with undeclared fields, as documented', async () => {
        const router = createRouter();
        router.registerRoutes({u: (ctx: CallContext): {id: number} | null => ({id: 1, secret: 's'}) as {id: number}});
        const res = await router.call('u');
        expect([res.statusCode, res.json().u.name]).toEqual([500, 'invalid-return']);
        expect(res.body).not.toContain('secret');
    });

    it('checks WeakMap params as objects without properties, as documented', async () => {
        const router = createRouter();
        router.registerRoutes({w: (ctx: CallContext, v: WeakMap<object, string>): string => typeof v});
        expect((await router.call('w', [{}])).json()).toEqual({w: 'object'});
        expect((await router.call('w', [{a: 1}])).statusCode).toBe(400);
    });
});

// ---------------------------------------------------------------------------------------------
// The default router, last: it replaces the seed-style example's router.

describe('default router (seed style)', () => {
    it('initRouter replaces the default router; registerRoutes and getRouter create one when needed', async () => {
        const seeded = getRouter();
        expect(seeded.routeIds()).toEqual(['sayMyName', 'getMyPet']);
        const fresh = initRouter({prefix: 'v2'});
        expect(getRouter()).toBe(fresh);
        expect(fresh.routeIds()).toEqual([]);
        resetRouter();
        const spec = registerRoutes({ping: (ctx: CallContext): string => 'pong'});
        expect(spec.ping.path).toBe('/ping');
        expect((await getRouter().call('ping')).json()).toEqual({ping: 'pong'});
        resetRouter();
        expect(getRouter().routeIds()).toEqual([]);
    });
});
