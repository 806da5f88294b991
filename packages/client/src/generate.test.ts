// The generator: `hookline-client generate` run for real on the example API and the test router;
// the files it writes type-check on their own (tsc, strict, as a front end would compile them),
// and call a real server on 127.0.0.1 with the metadata they embed.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import ts from 'typescript';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ApiMetadata} from '@hookline/core';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, hook, Routes} from '@hookline/router';
import {createExampleApi, ExampleApi} from '../../../examples/node-server/src/api.js';
import {Store} from '../../../examples/node-server/src/store.js';
import {Client, ClientOptions} from './index.js';
import {generateClientSource, metadataFromApiSpec} from './generate.js';
import {recordingFetch} from './test-support/fetch.js';
import {createTestApi, TestApi} from './test-support/test-api.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const entries = fileURLToPath(new URL('./test-support/', import.meta.url));

/** Runs `hookline-client` (from source, as `node --import @hookline/compiler/register cli.ts`). */
function hooklineClient(args: string[]): Promise<{stdout: string; stderr: string}> {
    return run(process.execPath, ['--import', '@hookline/compiler/register', cli, ...args], {cwd: root, timeout: 60_000});
}

/** Type-checks files with tsc as a front end would: strict, DOM, no node types. */
function typeCheck(files: string[], moduleResolution: 'bundler' | 'nodenext'): string[] {
    const options: ts.CompilerOptions = {
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: false,
        ...(moduleResolution === 'bundler'
            ? {module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler}
            : {module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext}),
    };
    const program = ts.createProgram(files, options);
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const where =
            d.file === undefined
                ? ''
                : `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: `;
        return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
}

let dir: string;
beforeAll(() => {
    // Inside the repository, so that `@hookline/client` resolves as from a front end's node_modules.
    mkdirSync(join(root, '.tmp'), {recursive: true});
    dir = mkdtempSync(join(root, '.tmp', 'client-gen-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({type: 'module', private: true}));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

// These run the CLI (node with the type compiler's loader) and tsc: seconds on an idle machine,
// many times that with every core busy, so they get room beyond the suite's 20 s default.
const SPAWNS_AND_TYPE_CHECKS = {timeout: 120_000};

describe('hookline-client generate, on the example API', SPAWNS_AND_TYPE_CHECKS, () => {
    let server: NodeServerHandle;
    let file: string;
    beforeAll(async () => {
        server = await startNodeServer(createExampleApi(new Store(), () => undefined).router);
        file = join(dir, 'example', 'api.ts');
        const {stdout} = await hooklineClient([
            'generate',
            '--entry',
            join(entries, 'example-entry.ts'),
            '--export',
            'apiSpec',
            '--out',
            file,
        ]);
        expect(stdout).toBe(`hookline-client: wrote ${file} (8 routes, 1 hooks)\n`);
    });
    afterAll(() => server.close());

    it('writes types for every route and hook, and no import but @hookline/client', () => {
        const source = readFileSync(file, 'utf8');
        expect(source.match(/^import .*$/gm)).toEqual([
            "import {createClient, type ApiMetadata, type Client, type ClientOptions, type ErrorType, type HeaderHookType, type HookType, type RouteType, type StreamRouteType} from '@hookline/client';",
        ]);
        expect(source).toContain(
            'activity: StreamRouteType<[petId: number, count: number], PetEvent, ActivitySummary, ErrorType<"invalid-token", undefined, 401> | ErrorType<"pet-not-found", {petId: number}, 404>>;',
        );
        expect(source).toContain(
            'export interface User {\n    id: number;\n    name: string;\n    email: string;\n    createdAt: Date;\n}',
        );
        expect(source).toContain("species: 'cat' | 'dog' | 'other';".replace(/'/g, '"'));
        expect(source).toContain(
            'getUser: RouteType<[id: number], User, ErrorType<"invalid-token", undefined, 401> | ErrorType<"user-not-found", {id: number}, 404>>;',
        );
        expect(source).toContain(
            'ageInDays: RouteType<[petId: number, at: Date], number, ErrorType<"invalid-token", undefined, 401> | ErrorType<"pet-not-found", {petId: number}, 404> | ErrorType<"birth-date-unknown", {petId: number}, 409>>;',
        );
        expect(source).toContain('auth: HeaderHookType<[token: string]>;');
        expect(source).toContain('health: RouteType<[], {ok: boolean; time: Date; pid: number}>;');
        expect(source).not.toContain('logger');
    });

    it('type-checks on its own, and types calls like the monorepo client does', () => {
        const consumer = join(dir, 'example', 'use.ts');
        writeFileSync(
            consumer,
            [
                "import {createApiClient, type User} from './api.js';",
                "const client = createApiClient({baseURL: 'http://127.0.0.1:3000'});",
                "client.api.auth.$set('Bearer token-ada');",
                'export async function use(): Promise<Date | undefined> {',
                '    const res = await client.api.users.getUser(1);',
                '    const user: User | undefined = res.value;',
                "    if (!res.ok && res.error.kind === 'router' && res.error.name === 'validation-failed') return undefined;",
                '    // @ts-expect-error a string is not a number',
                "    await client.api.users.getUser('1');",
                '    // @ts-expect-error no such route',
                '    await client.api.users.deleteUser(1);',
                '    // @ts-expect-error the Date param takes a Date',
                "    await client.api.pets.ageInDays(1, '2024-01-01');",
                "    const pet = await client.api.pets.add({name: 'Rex', species: 'dog', birthDate: new Date()});",
                '    const activity = client.api.pets.activity(1, 2);',
                '    for await (const event of activity) if (event.at > new Date()) return event.at;',
                '    const end = await activity.result;',
                "    if (!end.ok && end.error.name === 'pet-not-found') return undefined;",
                '    return pet.value?.birthDate ?? user?.createdAt ?? end.value?.until;',
                '}',
                '',
            ].join('\n'),
        );
        expect(typeCheck([file, consumer], 'bundler')).toEqual([]);
        expect(typeCheck([file, consumer], 'nodenext')).toEqual([]);
    });

    it('calls the server with the embedded metadata: one request per call, Dates as Dates', async () => {
        const generated = (await import(pathToFileURL(file).href)) as {
            createApiClient: (o: Omit<ClientOptions, 'metadata'>) => Client<ExampleApi>;
        };
        const {fetch, sent} = recordingFetch();
        const client = generated.createApiClient({baseURL: server.url, fetch});
        client.api.auth.$set('Bearer token-ada');
        const me = await client.api.users.me();
        expect(me.value?.createdAt).toEqual(new Date('2024-01-15T09:30:00.000Z'));
        const pets = await client.api.pets.list();
        expect(pets.value?.[0]?.birthDate).toEqual(new Date('2020-05-01T00:00:00.000Z'));
        const age = await client.api.pets.ageInDays(1, new Date('2025-05-01T00:00:00.000Z'));
        expect(age).toEqual({ok: true, value: 1826});
        expect((await client.api.users.getUser(99)).error).toMatchObject({kind: 'rpc', statusCode: 404});
        // The streaming route, known to stream from the embedded metadata: its first call is already a stream.
        const kinds: string[] = [];
        for await (const event of client.api.pets.activity(1, 2)) kinds.push(`${event.kind} ${event.at.getUTCHours()}`);
        expect(kinds).toEqual(['walk 8', 'meal 9']);
        expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
            '/api/users/me',
            '/api/pets/list',
            '/api/pets/ageInDays',
            '/api/users/getUser',
            '/api/pets/activity',
        ]);
    });

    it('writes the same types from the router export as from the api spec', async () => {
        const fromRouter = join(dir, 'example', 'from-router.ts');
        await hooklineClient(['generate', '--entry', join(entries, 'example-entry.ts'), '--export', 'router', '--out', fromRouter]);
        const body = (f: string): string => readFileSync(f, 'utf8').split('\n').slice(1).join('\n');
        expect(body(fromRouter)).toBe(body(file));
    });
});

describe(
    'hookline-client generate, on the test router (hooks with params, optional params, Dates everywhere)',
    SPAWNS_AND_TYPE_CHECKS,
    () => {
        let server: NodeServerHandle;
        let file: string;
        const {router} = createTestApi();
        beforeAll(async () => {
            server = await startNodeServer(router);
            file = join(dir, 'test-api', 'api.ts');
            await hooklineClient(['generate', '--entry', join(entries, 'test-api-entry.ts'), '--export', 'router', '--out', file]);
        });
        afterAll(() => server.close());

        it('declares hooks with their params, optional ones included, and recursive types', () => {
            const source = readFileSync(file, 'utf8');
            expect(source).toContain(
                'monthly: RouteType<[month: number, from?: Date], {tenant: string; month: number; from: Date | null}>;',
            );
            expect(source).toContain('audit: HookType<[reason: string, level?: number]>;');
            expect(source).toContain('locale: HeaderHookType<[locale?: string]>;');
            expect(source).toContain('export interface Folder {\n    name: string;\n    created: Date;\n    children: Folder[];\n}');
            expect(source).toContain('shapes: RouteType<[], ({kind: "point"; x: number} | {kind: "stamp"; x: number; at: Date})[]>;');
            expect(source).toContain('returnsError: RouteType<[], number>;');
            expect(source).toContain('nothing: RouteType<[note: string], void>;');
        });

        it('type-checks, with per-call hook values typed by the path', () => {
            const consumer = join(dir, 'test-api', 'use.ts');
            writeFileSync(
                consumer,
                [
                    "import {createApiClient, type Folder} from './api.js';",
                    "const client = createApiClient({baseURL: 'http://127.0.0.1:3000/v1'});",
                    "client.tenant.$set('acme');",
                    "client.reports.audit.$set('why');",
                    'export async function use(): Promise<Folder | undefined> {',
                    "    await client.reports.monthly.$with({hooks: {'reports/audit': ['why', 2], tenant: ['x']}})(1);",
                    "    // @ts-expect-error reports/audit is not on whoami's path",
                    "    await client.whoami.$with({hooks: {'reports/audit': ['why']}})();",
                    '    // @ts-expect-error level is a number',
                    "    client.reports.audit.$set('why', 'high');",
                    '    return (await client.dates.folder()).value;',
                    '}',
                    '',
                ].join('\n'),
            );
            expect(typeCheck([file, consumer], 'bundler')).toEqual([]);
        });

        it('calls the server: hooks batched, Dates revived', async () => {
            const generated = (await import(pathToFileURL(file).href)) as {
                createApiClient: (o: Omit<ClientOptions, 'metadata'>) => Client<TestApi>;
            };
            const {fetch, sent} = recordingFetch();
            const client = generated.createApiClient({baseURL: `${server.url}/v1`, fetch});
            client.tenant.$set('acme');
            client.reports.audit.$set('generated');
            client.reports.version.$set(2);
            const report = await client.reports.monthly(3, new Date('2024-03-01T00:00:00.000Z'));
            expect(report).toEqual({ok: true, value: {tenant: 'acme', month: 3, from: new Date('2024-03-01T00:00:00.000Z')}});
            expect(sent).toHaveLength(1);
            expect(sent[0]?.body).toEqual({
                tenant: ['acme'],
                'reports/audit': ['generated'],
                'reports/monthly': [3, '2024-03-01T00:00:00.000Z'],
            });
            const folder = await client.dates.folder();
            expect(folder.value?.children[0]?.created).toEqual(new Date('2024-02-01T00:00:00.000Z'));
        });
    },
);

describe('generateClientSource', () => {
    it('names types once, writes lib-named and anonymous types inline, quotes odd keys, keeps prefix and suffix', () => {
        interface Item {
            id: number;
        }
        const router = createRouter({prefix: 'api/v2', suffix: '.json'});
        const routes = {
            'odd-key.x': (ctx: CallContext): Item => ({id: 1}),
            list: (ctx: CallContext): Item[] => [],
            patch: (ctx: CallContext, changes: Partial<{name: string; at: Date}>): number => 1,
            track: hook((ctx: CallContext, visitor: string, campaign: string | undefined): void => undefined),
        } satisfies Routes;
        const apiSpec = router.registerRoutes(routes);
        const metadata = metadataFromApiSpec(apiSpec);
        expect(metadata).toEqual(router.getMetadata());
        expect([metadata.prefix, metadata.suffix]).toEqual(['api/v2', '.json']);
        const source = generateClientSource(metadata, {source: 'test', clientModule: '../client/index.js'});
        expect(source.match(/export interface \w+/g)).toEqual(['export interface Item', 'export interface Api']);
        expect(source).toContain('"odd-key.x": RouteType<[], Item>;');
        expect(source).toContain('list: RouteType<[], Item[]>;');
        expect(source).toContain('patch: RouteType<[changes: {name?: string; at?: Date}], number>;');
        expect(source).toContain('track: HookType<[visitor: string, campaign?: string | undefined]>;');
        expect(source).toContain("from '../client/index.js';");
        expect(source.split('\n')[0]).toBe('// Generated by `hookline-client generate` from test. Do not edit: generate it again.');
    });

    it('gives different types of one name different names, and anonymous recursive types a name', () => {
        const metadata: ApiMetadata = {
            version: 1,
            prefix: '',
            suffix: '',
            hooks: {},
            routes: {
                a: route('a', {kind: 'object', name: 'User', props: [{name: 'id', optional: false, type: {kind: 'number'}}]}),
                b: route('b', {kind: 'object', name: 'User', props: [{name: 'id', optional: false, type: {kind: 'string'}}]}),
                c: route('c', {
                    kind: 'object',
                    refId: 'x#1',
                    props: [{name: 'next', optional: true, type: {kind: 'ref', ref: 'x#1'}}],
                }),
                d: route('d', {kind: 'object', props: []}),
            },
        };
        const source = generateClientSource(metadata);
        expect(source).toContain('a: RouteType<[], User>;');
        expect(source).toContain('b: RouteType<[], User2>;');
        expect(source).toContain('c: RouteType<[], Recursive1>;');
        expect(source).toContain('export interface Recursive1 {\n    next?: Recursive1;\n}');
        expect(source).toContain('d: RouteType<[], {[key: string]: never}>;');
    });
});

function route(id: string, returns: ApiMetadata['routes'][string]['returns']): ApiMetadata['routes'][string] {
    return {id, kind: 'route', paramNames: [], params: [], returns, returnsData: true, path: `/${id}`, allowsGet: true, hooks: []};
}

describe('hookline-client, its usage errors', SPAWNS_AND_TYPE_CHECKS, () => {
    it('prints usage, and refuses a missing option or export', async () => {
        expect((await hooklineClient(['--help'])).stdout).toContain('Usage: hookline-client generate --entry <module> --out <file>');
        const failure = (args: string[]): Promise<string> =>
            hooklineClient(args).then(
                () => 'exit 0',
                (e: {code: number; stderr: string}) => `exit ${e.code}: ${e.stderr.split('\n')[0]}`,
            );
        expect(await failure(['generate', '--out', join(dir, 'x.ts')])).toBe('exit 1: hookline-client: --entry and --out are required.');
        expect(
            await failure(['generate', '--entry', join(entries, 'example-entry.ts'), '--export', 'nope', '--out', join(dir, 'x.ts')]),
        ).toMatch(/^exit 1: hookline-client: .*example-entry\.ts has no export "nope" \(exports: apiSpec, router\)\.$/);
        expect(await failure(['frobnicate'])).toBe('exit 1: hookline-client: unknown command "frobnicate".');
    });
});
