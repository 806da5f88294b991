// No server code in the client's bundle, in every setup docs/client.md documents. A front-end
// module that takes the api's type from the server module is built the way each setup builds it
// (tsc with deepkit's `"reflection"`, `vite build` with the `hooklineTypes()` plugin, a generated
// client, a build without deepkit), bundled, and the bundle must hold no server module (esbuild's
// and rollup's lists of bundled modules) and none of its code (a marker string in a handler). The
// plain import that deepkit's type compiler turns into a runtime import of the server is built too:
// the check must catch it. The docs' own client examples are built with this repository's settings.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build as esbuild} from 'esbuild';
import {build as viteBuild, Rollup} from 'vite';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hooklineTypes} from '@hookline/compiler/vite';
import {importSetups, Outcome} from './test-support/import-setups.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** In a handler of the fixture server: a bundle that holds it holds server code. */
const MARKER = 'hookline-server-code-marker-3f9c';

const server = `import {CallContext, createRouter} from '@hookline/router';

export interface Greeting {
    text: string;
    at: Date;
}

export const router = createRouter();
export const apiSpec = router.registerRoutes({
    greet: (ctx: CallContext, name: string): Greeting => ({text: '${MARKER} ' + name, at: new Date()}),
});
export type Api = typeof apiSpec;
`;

/** A front-end module, typed from the server's `Api` and `Greeting` by the given import lines. */
const clientModule = (imports: string): string => `${imports}
import {Client, createClient} from '@hookline/client';

export interface Props {
    client: Client<Api>;
}

export function createApiClient(baseURL: string): Client<Api> {
    return createClient<Api>({baseURL});
}

export async function greet(props: Props, name: string): Promise<Greeting | string> {
    const res = await props.client.greet(name);
    return res.ok ? res.value : res.error.message;
}
`;

/** How the client module takes the types, as docs/client.md shows them, and the plain import. */
const clients: Record<string, string> = {
    // The documented forms: type-only imports, never emitted, with or without deepkit.
    'import-type-node': clientModule("type Api = import('../server/api.js').Api;\ntype Greeting = import('../server/api.js').Greeting;"),
    'import-type': clientModule("import type {Api, Greeting} from '../server/api.js';"),
    // A plain import used as a type only: erased, unless deepkit's type compiler transforms the file.
    plain: clientModule("import {Api, Greeting} from '../server/api.js';"),
    // The plain import in a file that opts out of deepkit's type compiler.
    'plain-reflection-never': clientModule("/** @reflection never */\nimport {Api, Greeting} from '../server/api.js';"),
    // The standalone client `hookline-client generate` writes imports nothing from the server.
    generated: `import {createApiClient} from './api-client.js';\n\nexport const client = createApiClient({baseURL: 'http://127.0.0.1:3000'});\n`,
};

const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ['ES2022', 'DOM'],
    rootDir: '.',
};

let work: string;

/** Writes a file under the work folder. */
function write(path: string, text: string): void {
    mkdirSync(dirname(join(work, path)), {recursive: true});
    writeFileSync(join(work, path), text);
}

/** Writes the fixture (server, client modules, tsconfig.json with `reflection`) into a folder. */
function writeFixture(dir: string, reflection: unknown): void {
    write(`${dir}/package.json`, JSON.stringify({type: 'module', private: true}));
    write(`${dir}/server/api.ts`, server);
    for (const [name, text] of Object.entries(clients)) if (name !== 'generated') write(`${dir}/client/${name}.ts`, text);
    const tsconfig = (outDir: string, extra: object): string =>
        JSON.stringify({...extra, compilerOptions: {...compilerOptions, outDir}, include: ['server', 'client']}, null, 4);
    write(`${dir}/tsconfig.json`, tsconfig('out', reflection === undefined ? {} : {reflection}));
}

interface Bundle {
    code: string;
    modules: string[];
}

/** What in a bundle is server code: a bundled server module, or the marker. */
function serverCode(bundle: Bundle): string[] {
    const found = bundle.modules
        .map((m) => relative(root, m.replace(/^\0/, '')))
        .filter((m) => /(^|\/)server\/|examples\/node-server\/|packages\/router\//.test(m));
    if (bundle.code.includes(MARKER)) found.push(`the marker ${MARKER}`);
    return found;
}

/** esbuild's bundle of an entry (JavaScript, or TypeScript whose types esbuild strips). */
async function bundle(entry: string, tsconfigRaw?: object): Promise<Bundle> {
    const out = await esbuild({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        // 'node', so that a bundle that takes in the server still builds and can be looked at.
        platform: 'node',
        write: false,
        metafile: true,
        logLevel: 'silent',
        ...(tsconfigRaw === undefined ? {} : {tsconfigRaw}),
    });
    return {code: out.outputFiles[0]?.text ?? '', modules: Object.keys(out.metafile.inputs).map((m) => join(root, m))};
}

/** `vite build` of an entry with the `hooklineTypes()` plugin, as a vite config shared with vitest would. */
async function viteBundle(entry: string): Promise<Bundle> {
    const out = (await viteBuild({
        root: dirname(entry),
        configFile: false,
        logLevel: 'silent',
        plugins: [hooklineTypes()],
        build: {
            write: false,
            minify: false,
            lib: {entry, formats: ['es'], fileName: 'client'},
            rollupOptions: {external: (id) => id.startsWith('node:') || id.includes('/node_modules/')},
        },
    })) as Rollup.RollupOutput[];
    const chunk = out[0]?.output[0] as Rollup.OutputChunk;
    return {code: chunk.code, modules: chunk.moduleIds};
}

/** Runs the patched `tsc` of this repository on a tsconfig, as `npx tsc -p` would. */
async function runTsc(project: string): Promise<void> {
    await run(process.execPath, [tsc, '-p', join(work, project)], {cwd: work, timeout: 120_000});
}

beforeAll(async () => {
    mkdirSync(join(root, '.tmp'), {recursive: true});
    work = mkdtempSync(join(root, '.tmp', 'client-no-server-code-'));
    // "reflection": true for every file, as docs/runtime-types.md sets it up.
    writeFixture('reflect', true);
    // Reflection limited to the server's files: a glob list.
    writeFixture('server-only', ['server/**']);
    // No deepkit in the build (the compiled-module way; TypeScript 7, tsx, esbuild...).
    writeFixture('no-deepkit', undefined);
    // The generated client, as `hookline-client generate` writes it from the server module.
    await run(
        process.execPath,
        ['--import', '@hookline/compiler/register', cli, 'generate', '--entry', 'server/api.ts', '--out', 'client/api-client.ts'],
        {cwd: join(work, 'reflect'), timeout: 60_000},
    );
    write('reflect/client/generated.ts', clients.generated as string);
    // The docs' client examples, compiled with this repository's settings ("reflection": true).
    const examples = ['monorepo', 'errors', 'hooks', 'timeouts', 'browser'].map((e) => join(root, `docs/client-examples/${e}.ts`));
    write(
        'docs/tsconfig.json',
        JSON.stringify({
            extends: join(root, 'tsconfig.base.json'),
            reflection: true,
            compilerOptions: {
                rootDir: root,
                outDir: join(work, 'docs/out'),
                composite: false,
                declaration: false,
                declarationMap: false,
                sourceMap: false,
            },
            files: examples,
        }),
    );
    await Promise.all(['reflect', 'server-only', 'no-deepkit', 'docs'].map((p) => runTsc(p)));
}, 180_000);

afterAll(() => {
    if (work !== undefined) rmSync(work, {recursive: true, force: true});
});

/** How each setup of {@link importSetups} builds a client module (by its name in the fixture), bundled. */
const builds: ((name: string) => Promise<Bundle>[])[] = [
    (name) => [bundle(join(work, `reflect/out/client/${name}.js`))],
    (name) => [viteBundle(join(work, `reflect/client/${name}.ts`))],
    (name) => [bundle(join(work, `server-only/out/client/${name}.js`)), viteBundle(join(work, `server-only/client/${name}.ts`))],
    (name) => [bundle(join(work, `no-deepkit/out/client/${name}.js`)), bundle(join(work, `no-deepkit/client/${name}.ts`))],
    () => [bundle(join(work, 'reflect/out/client/generated.js')), viteBundle(join(work, 'reflect/client/generated.ts'))],
];

describe.each(importSetups.map((setup, i) => ({...setup, build: builds[i] as (typeof builds)[number]})))(
    '$name',
    ({typeOnlyImport, plainImport, build}) => {
        const forms: [string, Outcome][] = [
            ['import-type-node', typeOnlyImport],
            ['import-type', typeOnlyImport],
            ['plain', plainImport],
        ];
        for (const [name, outcome] of forms)
            it(`${name}: ${outcome === 'server' ? 'the bundle holds the server' : 'no server code in the bundle'}`, async () => {
                for (const built of await Promise.all(build(name))) {
                    if (outcome === 'server') expect(serverCode(built)).toContain(`the marker ${MARKER}`);
                    else expect(serverCode(built)).toEqual([]);
                }
            });
    },
);

describe('details', () => {
    it('with "reflection": true, deepkit turns the plain import into an import of the server module', () => {
        expect(readFileSync(join(work, 'reflect/out/client/plain.js'), 'utf8')).toContain(
            "import { __ΩApi, __ΩGreeting } from '../server/api.js'",
        );
    });

    it('a file that starts with /** @reflection never */ keeps no plain import (tsc and vite)', async () => {
        for (const built of [
            await bundle(join(work, 'reflect/out/client/plain-reflection-never.js')),
            await viteBundle(join(work, 'reflect/client/plain-reflection-never.ts')),
        ])
            expect(serverCode(built)).toEqual([]);
    });

    it('verbatimModuleSyntax keeps a plain import (and its server), not a type-only one', async () => {
        const verbatim = {compilerOptions: {verbatimModuleSyntax: true}};
        expect(serverCode(await bundle(join(work, 'no-deepkit/client/plain.ts'), verbatim))).toContain(`the marker ${MARKER}`);
        for (const name of ['import-type-node', 'import-type'])
            expect(serverCode(await bundle(join(work, `no-deepkit/client/${name}.ts`), verbatim)), name).toEqual([]);
    });
});

describe("the docs' client examples, built with this repository's settings", () => {
    for (const name of ['monorepo', 'errors', 'hooks', 'timeouts', 'browser'])
        it(`docs/client-examples/${name}.ts: tsc with "reflection": true, then a bundle: no server code`, async () => {
            expect(serverCode(await bundle(join(work, `docs/out/docs/client-examples/${name}.js`)))).toEqual([]);
        });
});
