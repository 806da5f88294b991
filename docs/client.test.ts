// Runs docs/client.md and the CORS section of docs/node.md: every example under docs/client-examples
// against the example API (and the CORS example's own server) on 127.0.0.1, the results the pages
// state, the option and error tables against the code, the generator excerpt against the
// generator's output, and the bundle sizes against a fresh measurement.
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClient, localStorageStore, StorageLike} from '@hookline/client';
import {generateClientSource, metadataFromApiSpec} from '@hookline/client/generate';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {StartupErrorCodes} from '@hookline/router';
import {createExampleApi, ExampleApi} from '../examples/node-server/src/api.js';
import {Store} from '../examples/node-server/src/store.js';
import {formatSizes, measureBundles} from '../packages/client/src/bundle-size.js';
import {importSetups, Outcome} from '../packages/client/src/test-support/import-setups.js';
import * as browserExample from './client-examples/browser.js';
import * as errorsExample from './client-examples/errors.js';
import * as hooksExample from './client-examples/hooks.js';
import * as monorepoExample from './client-examples/monorepo.js';
import * as nodeCorsExample from './client-examples/node-cors.js';
import * as timeoutsExample from './client-examples/timeouts.js';
import * as typedErrorsExample from './client-examples/typed-errors.js';
import {checkPageBlocks, setUpDocsTests} from './test-support/page-checks.js';

const docsDir = dirname(fileURLToPath(import.meta.url));
const root = join(docsDir, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

setUpDocsTests();
checkPageBlocks('client.md');

interface Block {
    doc: string;
    arg: string;
    text: string;
}

/** The fenced blocks after `<!-- kind: arg -->` markers in a doc. */
function marked(doc: string, kind: string): Block[] {
    const lines = read(`docs/${doc}`).split('\n');
    const out: Block[] = [];
    lines.forEach((line, i) => {
        const m = /^<!-- ([a-z-]+): (\S+) -->$/.exec(line);
        if (m === null || m[1] !== kind) return;
        const end = lines.indexOf('```', i + 2);
        out.push({doc, arg: m[2] as string, text: lines.slice(i + 2, end).join('\n')});
    });
    return out;
}

/** The rows (cells) of the table after `<!-- table: name -->`. */
function table(doc: string, name: string): string[][] {
    const lines = read(`docs/${doc}`).split('\n');
    const start = lines.indexOf(`<!-- table: ${name} -->`);
    expect(start, `table ${name}`).toBeGreaterThanOrEqual(0);
    const rows: string[][] = [];
    for (let i = start + 3; i < lines.length && (lines[i] as string).startsWith('|'); i++) {
        rows.push(
            (lines[i] as string)
                .replace(/^\||\|$/g, '')
                .split(/(?<!\\)\|/)
                .map((c) => c.trim().replace(/\\\|/g, '|')),
        );
    }
    return rows;
}

const code = (cell: string): string => /`([^`]+)`/.exec(cell)?.[1] ?? cell;

/** The property names and type texts of an interface (or type literal alias) in a source file. */
function members(file: string, name: string): Map<string, string> {
    const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
    const out = new Map<string, string>();
    const collect = (elements: ts.NodeArray<ts.TypeElement>): void => {
        for (const m of elements) if (ts.isPropertySignature(m)) out.set(m.name.getText(source), m.type?.getText(source) ?? '');
    };
    source.forEachChild((node) => {
        if (ts.isInterfaceDeclaration(node) && node.name.text === name) collect(node.members);
        if (ts.isTypeAliasDeclaration(node) && node.name.text === name) {
            const visit = (n: ts.Node): void => {
                if (ts.isTypeLiteralNode(n) && n.members.some((m) => m.name?.getText(source) === 'kind')) collect(n.members);
                else n.forEachChild(visit);
            };
            visit(node.type);
        }
    });
    expect(out.size, `${name} in ${file}`).toBeGreaterThan(0);
    return out;
}

let server: NodeServerHandle;
beforeAll(async () => {
    server = await startNodeServer(createExampleApi(new Store(), () => undefined).router);
});
afterAll(() => server.close());

describe('client.md and its examples', () => {
    const blocks = [...marked('client.md', 'example'), ...marked('node.md', 'example').filter((b) => b.arg.startsWith('client-examples/'))];

    it('shows every file of docs/client-examples, each identical to its file', () => {
        const files = readdirSync(join(docsDir, 'client-examples')).map((f) => `client-examples/${f}`);
        expect(blocks.map((b) => b.arg).sort()).toEqual(files.sort());
        for (const b of blocks) expect(b.text, b.arg).toBe(read(`docs/${b.arg}`).replace(/\n+$/, ''));
    });

    it('monorepo: the client typed from ExampleApi lists the pets with Dates', async () => {
        expect(await monorepoExample.petsOfAda(server.url)).toEqual(['Babbage, born 2020']);
        expect((await monorepoExample.createExampleClient(server.url).health()).value?.time).toBeInstanceOf(Date);
    });

    it('typed errors: userLabel narrows the declared errors of the route and of the hook on its path', async () => {
        expect(await typedErrorsExample.userLabel(server.url, 99, 'token-ada')).toBe('no user 99');
        expect(await typedErrorsExample.userLabel(server.url, 1, 'nope')).toBe('please sign in');
        expect(await typedErrorsExample.userLabel(server.url, 1, 'token-ada')).toBe('Ada');
    });

    it('errors: every kind has its line, and findUser gives the lines the page shows', async () => {
        expect(await errorsExample.findUser(server.url, 99, 'token-ada')).toBe('404 User 99 not found');
        expect(await errorsExample.findUser(server.url, 1, 'nope')).toBe('please sign in');
        expect(await errorsExample.findUser(server.url, 1, 'token-ada')).toMatchObject({
            name: 'Ada',
            createdAt: new Date('2024-01-15T09:30:00.000Z'),
        });
        const stopped = await startNodeServer(createExampleApi(new Store(), () => undefined).router);
        await stopped.close();
        expect(await errorsExample.findUser(stopped.url, 1, 'token-ada')).toBe('offline?');
        const invalid = await createClient<ExampleApi>({baseURL: server.url}).api.users.getUser.$with({
            hooks: {'api/auth': ['Bearer token-ada']},
        })(
            // @ts-expect-error sent anyway, to get the server's validation error
            'one',
        );
        expect(invalid.ok ? '' : errorsExample.explain(invalid.error)).toBe('invalid: api/users/getUser[0]');
        const noToken = await createClient<ExampleApi>({baseURL: server.url}).api.users.me();
        expect(noToken.ok ? '' : errorsExample.explain(noToken.error)).toBe('missing or bad header authorization');
    });

    it('hooks: set, per call, cleared', async () => {
        expect(await hooksExample.hooks(server.url)).toEqual([
            'Ada',
            'Grace',
            'Bearer token-ada',
            'router: header "authorization" is required',
        ]);
    });

    it('timeouts: an aborted call', async () => {
        expect(await timeoutsExample.cancellable(server.url)).toEqual(['aborted']);
    });

    it('browser: the client with a localStorage store, validation and credentials works (here with a stand-in storage)', async () => {
        const items = new Map<string, string>();
        const storage: StorageLike = {
            getItem: (k) => items.get(k) ?? null,
            setItem: (k, v) => void items.set(k, v),
            removeItem: (k) => void items.delete(k),
        };
        const global = globalThis as {localStorage?: StorageLike};
        global.localStorage = storage;
        try {
            const client = browserExample.createBrowserClient(server.url);
            client.api.auth.$set('Bearer token-ada');
            expect([...items.keys()]).toEqual(['hookline:api/auth']);
            expect((await client.api.users.getUser(2)).value?.name).toBe('Grace');
            // @ts-expect-error refused before sending
            const invalid = await client.api.users.getUser('2');
            expect(invalid.error).toMatchObject({kind: 'router', name: 'validation-failed'});
            expect(localStorageStore().get('api/auth')).toEqual(['Bearer token-ada']);
        } finally {
            delete global.localStorage;
        }
    });

    it('says, per setup, what no-server-code.test.ts finds in the bundle for each form of import', () => {
        const outcome = (cell: string): Outcome | string =>
            /^(no server code|nothing is imported from the server)/.test(cell)
                ? 'no server code'
                : /^loads and bundles the server/.test(cell)
                  ? 'server'
                  : cell;
        const rows = table('client.md', 'client-import-setups');
        expect(rows.map((r) => [outcome(r[1] as string), outcome(r[2] as string)])).toEqual(
            importSetups.map((s) => [s.typeOnlyImport, s.plainImport]),
        );
    });

    it('shows the client examples taking the server types by import types only (no import of the server module)', () => {
        for (const b of marked('client.md', 'example').filter((b) => b.text.includes('@hookline/client'))) {
            expect(b.text, b.arg).not.toMatch(/^import [^;]*from '[^']*examples\//m);
            expect(b.text, b.arg).toMatch(/^type \w+ = import\('[^']*examples\/node-server\/src\/\w+\.js'\)\.\w+;$/m);
        }
    });

    it('lists every client option with its type, and the call options', () => {
        const declared = members('packages/client/src/client.ts', 'ClientOptions');
        const rows = table('client.md', 'client-options');
        expect(rows.map((r) => code(r[0] as string))).toEqual([...declared.keys()]);
        for (const [name, type] of rows as [string, string][]) expect(code(type), code(name)).toBe(declared.get(code(name)));
        const callOptions = members('packages/client/src/types.ts', 'CallOptions');
        expect(table('client.md', 'client-call-options').map((r) => code(r[0] as string))).toEqual([...callOptions.keys()]);
    });

    it('lists every error kind with its fields', () => {
        const kinds: Record<string, string> = {
            rpc: 'RpcCallError',
            router: 'RouterCallError',
            network: 'NetworkCallError',
            timeout: 'TimeoutCallError',
            aborted: 'AbortedCallError',
            'invalid-response': 'InvalidResponseCallError',
        };
        const rows = table('client.md', 'client-error-kinds');
        expect(rows.map((r) => code(r[0] as string))).toEqual(Object.keys(kinds));
        const union = read('packages/client/src/result.ts').match(/export type CallError = ([^;]+);/)?.[1] ?? '';
        expect(
            union
                .split('|')
                .map((t) => t.trim())
                .sort(),
        ).toEqual(Object.values(kinds).sort());
        for (const [kind, , fields] of rows as [string, string, string][]) {
            const declared = members('packages/client/src/result.ts', kinds[code(kind)] as string);
            const shown = [...fields.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
            expect(shown.map((f) => (declared.has(f.replace(/\?$/, '')) ? f : `missing ${f}`))).toEqual(shown);
            expect(shown.length, kind).toBe(declared.size - 1); // every field but kind
        }
    });

    it("shows an excerpt of the generator's output for the example API, and the counts it prints", () => {
        const {apiSpec} = createExampleApi(new Store(), () => undefined);
        const metadata = metadataFromApiSpec(apiSpec);
        const generated = generateClientSource(metadata).split('\n');
        const doc = read('docs/client.md');
        const excerpt = /```ts\n\/\/ client\/api\.ts \(excerpt\)\n([\s\S]*?)\n```/.exec(doc)?.[1]?.split('\n') ?? [];
        expect(excerpt.length).toBeGreaterThan(10);
        // Every line of the excerpt is in the file, in order.
        let at = 0;
        for (const line of excerpt) {
            const found = generated.indexOf(line, at);
            expect(found, `excerpt line not in the generated file (in order): ${line}`).toBeGreaterThanOrEqual(0);
            at = line === '' ? at : found + 1;
        }
        const counts = `(${Object.keys(metadata.routes).length} routes, ${Object.keys(metadata.hooks).length} hooks)`;
        expect(doc).toContain(`hookline-client: wrote ../web/src/api-client.ts ${counts}`);
    });

    it('states the bundle sizes measured now', async () => {
        const sizes = await measureBundles();
        const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
        const rows = table('client.md', 'client-bundle-size');
        expect(rows.map((r) => [r[1], r[2]])).toEqual(sizes.map((s) => [kb(s.minified), kb(s.gzipped)]));
        expect(formatSizes(sizes)).toContain('min+gz');
    });
});

describe('node.md: CORS', () => {
    let cors: NodeServerHandle;
    beforeAll(async () => {
        cors = await nodeCorsExample.serve(0);
    });
    afterAll(() => cors.close());

    it('answers the preflight of a listed origin, with the header hook among the allowed headers', async () => {
        const res = await fetch(`${cors.url}/greet`, {
            method: 'OPTIONS',
            headers: {
                origin: 'http://localhost:5173',
                'access-control-request-method': 'POST',
                'access-control-request-headers': 'authorization',
            },
        });
        expect(res.status).toBe(204);
        expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'))).toEqual({
            'access-control-allow-origin': 'http://localhost:5173',
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'content-type, authorization, x-request-id',
            'access-control-max-age': '600',
            'access-control-allow-credentials': 'true',
            vary: 'origin',
        });
    });

    it('adds the CORS headers to calls from a listed origin, errors included, and none for others', async () => {
        const call = (origin: string, token: string): Promise<Response> =>
            fetch(`${cors.url}/greet`, {
                method: 'POST',
                headers: {origin, authorization: token, 'content-type': 'application/json'},
                body: JSON.stringify({greet: ['Ada']}),
            });
        const ok = await call('https://app.example.com', 'Bearer secret');
        expect(await ok.json()).toEqual({greet: 'hello Ada'});
        expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
        expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
        expect(ok.headers.get('access-control-expose-headers')).toBe('authorization, x-request-id');
        const denied = await call('https://app.example.com', 'Bearer nope');
        expect(denied.status).toBe(401);
        expect(denied.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
        const other = await call('https://evil.example.com', 'Bearer secret');
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
        expect(other.headers.get('vary')).toBe('origin');
    });

    it('lists every CORS option, and refuses wrong ones at startup', async () => {
        const declared = members('packages/node/src/cors.ts', 'CorsOptions');
        const rows = table('node.md', 'cors-options');
        expect(rows.map((r) => code(r[0] as string))).toEqual([...declared.keys()]);
        for (const [name, type] of rows as [string, string][]) expect(code(type), code(name)).toBe(declared.get(code(name)));
        const refused = await startNodeServer(nodeCorsExample.router, {cors: {origin: '*', credentials: true}}).then(
            () => 'started',
            (e: {code?: string}) => e.code,
        );
        expect(refused).toBe(StartupErrorCodes.INVALID_OPTION);
        expect(read('docs/node.md')).toContain(`code \`${StartupErrorCodes.INVALID_OPTION}\``);
    });
});
