// The example API built four ways and served over HTTP, each passing the shared protocol case table
// and the typed client's checks (issue 12):
//   (a) tsc 5.9 patched by deepkit (types reflected at startup: today's path, what `npm start` uses),
//   (b) TypeScript 7's tsc, which knows nothing of deepkit, plus the compiled modules,
//   (c) one esbuild bundle, the example's compiled module from the esbuild plugin ('hookline:compiled'),
//   (d) tsx (esbuild under a loader) plus the compiled modules.
// (b) and (c) run under --disallow-code-generation-from-strings (no eval at runtime); (b), (c) and
// (d) must not load @deepkit/type. (a) is the control for both probes: it loads deepkit and cannot
// start under the flag. Each build goes to .tmp/toolchains/<way> (gitignored); servers are child
// processes on 127.0.0.1 port 0, stopped by PID.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, Metafile} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hooklineCompiled} from '@hookline/compiler/esbuild';
import {checkCase, protocolCases} from '../../../test/shared/protocol-cases.js';
import {checkStartCalls, checkTypedClient} from './test-support/example-checks.js';
import {httpCall, requireFile, run, RunningServer, startServer} from './test-support/processes.js';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(exampleDir, '../..');
const tmp = join(exampleDir, '.tmp', 'toolchains');
const hooklineCli = join(repoRoot, 'packages/compiler/dist/cli.js');
const noEval = '--disallow-code-generation-from-strings';

/** Build and run times of each way, printed at the end (the figures for the issue). */
const timings: Record<string, number> = {};
async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
        return await step();
    } finally {
        timings[name] = Math.round(performance.now() - started);
    }
}

/** The entry each way builds: serves the example API and the case routes (see toolchain-server.ts). */
function entrySource(compiledApiImport: string | undefined): string {
    if (compiledApiImport === undefined)
        return `import {serveToolchainTest} from '../../../src/test-support/toolchain-server.js';\n\nawait serveToolchainTest();\n`;
    return [
        ...(compiledApiImport.startsWith('hookline:') ? ['/// <reference types="@hookline/compiler/virtual" />'] : []),
        `import compiledApi from '${compiledApiImport}';`,
        `import {serveToolchainTest} from '../../../src/test-support/toolchain-server.js';`,
        `import compiledCases from '../cases.compiled.js';`,
        '',
        'await serveToolchainTest({api: compiledApi, cases: compiledCases});',
        '',
    ].join('\n');
}

/** A tsconfig for a tsc build of `files` (relative to the way's directory) into `out/`, mirroring the repository. */
function tsconfig(files: string[], reflection: boolean): string {
    return JSON.stringify({
        extends: '../../../../../tsconfig.base.json',
        // deepkit's switch: read by the patched TypeScript 5.9 only (TypeScript 7 ignores unknown keys).
        ...(reflection ? {reflection: true} : {}),
        compilerOptions: {
            rootDir: '../../../../..',
            outDir: 'out',
            composite: false,
            declaration: false,
            declarationMap: false,
            sourceMap: false,
        },
        files,
    });
}

function writeWay(way: string, files: Record<string, string>): string {
    const dir = join(tmp, way);
    mkdirSync(dir, {recursive: true});
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

/** Where tsc (rootDir: the repository) writes a file of the repository. */
const outOf = (way: string, repoPath: string): string => join(tmp, way, 'out', repoPath);

interface Way {
    name: string;
    /** node arguments that start the toolchain server. */
    server: string[];
    /** node arguments that run main-compiled --once (what `npm start` does, with the compiled module), if built. */
    mainOnce?: string[];
    cwd: string;
    compiled: boolean;
    noEval: boolean;
}

const ways: Way[] = [];
let bundleInputs: string[] = [];

beforeAll(async () => {
    rmSync(tmp, {recursive: true, force: true});
    mkdirSync(tmp, {recursive: true});
    const tsc5 = requireFile(join(repoRoot, 'node_modules/typescript/bin/tsc'), 'TypeScript 5.9 (root typescript)');
    const tsc7 = requireFile(join(exampleDir, 'node_modules/typescript/bin/tsc'), "TypeScript 7 (the example's own typescript)");
    requireFile(join(repoRoot, 'node_modules/tsx/package.json'), 'tsx');
    requireFile(hooklineCli, '@hookline/compiler (npm run build)');

    // (a) needs nothing compiled; the others share the case routes' compiled module.
    const wayA = timed('build (a) tsc 5.9 + deepkit', async () => {
        const dir = writeWay('a', {'entry.ts': entrySource(undefined), 'tsconfig.json': tsconfig(['entry.ts'], true)});
        await run(process.execPath, [tsc5, '-p', 'tsconfig.json'], dir);
    });
    await timed('hookline build (case routes)', () =>
        run(
            process.execPath,
            [
                hooklineCli,
                'build',
                '--entry',
                '../../test/shared/protocol-cases.ts',
                '--export',
                'caseRoutes',
                '--out',
                '.tmp/toolchains/cases.compiled.js',
            ],
            exampleDir,
        ),
    );
    const wayB = timed('build (b) tsc 7', async () => {
        const dir = writeWay('b', {
            'entry.ts': entrySource('../../../src/api.compiled.js'),
            'tsconfig.json': tsconfig(['entry.ts', '../../../src/main-compiled.ts'], false),
        });
        const {stdout} = await run(process.execPath, [tsc7, '--version'], dir);
        expect(stdout).toMatch(/^Version 7\./);
        await run(process.execPath, [tsc7, '-p', 'tsconfig.json'], dir);
        // tsc reads a compiled module's .d.ts and leaves its .js behind: it goes beside the output.
        cpSync(join(exampleDir, 'src/api.compiled.js'), outOf('b', 'examples/node-server/src/api.compiled.js'));
        cpSync(join(tmp, 'cases.compiled.js'), outOf('b', 'examples/node-server/.tmp/toolchains/cases.compiled.js'));
    });
    const wayC = timed('build (c) esbuild bundle + plugin', async () => {
        const dir = writeWay('c', {'entry.ts': entrySource('hookline:compiled')});
        const result = await build({
            entryPoints: {server: join(dir, 'entry.ts'), main: join(exampleDir, 'src/main-compiled.ts')},
            bundle: true,
            platform: 'node',
            format: 'esm',
            target: 'node20',
            outdir: join(dir, 'out'),
            metafile: true,
            logLevel: 'silent',
            plugins: [hooklineCompiled({entry: 'src/api.ts', export: 'createExampleApi', cwd: exampleDir})],
        });
        bundleInputs = Object.keys((result.metafile as Metafile).inputs);
        // Run from a directory with no node_modules above it: the bundle must be all there is.
        const deployed = mkdtempSync(join(tmpdir(), 'hookline-bundle-'));
        cpSync(join(dir, 'out'), deployed, {recursive: true});
        return deployed;
    });
    writeWay('d', {'entry.ts': entrySource('../../../src/api.compiled.js')});
    const [, , deployed] = await Promise.all([wayA, wayB, wayC]);

    ways.push(
        {
            name: '(a) tsc 5.9 + deepkit',
            server: [outOf('a', 'examples/node-server/.tmp/toolchains/a/entry.js')],
            cwd: exampleDir,
            compiled: false,
            noEval: false,
        },
        {
            name: '(b) tsc 7 + compiled module',
            server: [noEval, outOf('b', 'examples/node-server/.tmp/toolchains/b/entry.js')],
            mainOnce: [noEval, outOf('b', 'examples/node-server/src/main-compiled.js'), '--once'],
            cwd: exampleDir,
            compiled: true,
            noEval: true,
        },
        {
            name: '(c) esbuild bundle + compiled module',
            server: [noEval, 'server.js'],
            mainOnce: [noEval, 'main.js', '--once'],
            cwd: deployed as string,
            compiled: true,
            noEval: true,
        },
        {
            name: '(d) tsx + compiled module',
            server: ['--import', 'tsx', join(tmp, 'd/entry.ts')],
            mainOnce: ['--import', 'tsx', 'src/main-compiled.ts', '--once'],
            cwd: exampleDir,
            compiled: true,
            noEval: false,
        },
    );
});

afterAll(() => {
    console.log(`toolchains.test.ts timings (ms): ${JSON.stringify(timings)}`);
    // The builds stay in .tmp/toolchains for inspection; the deployed bundle copy goes.
    const deployed = ways.find((w) => w.name.startsWith('(c)'))?.cwd;
    if (deployed !== undefined) rmSync(deployed, {recursive: true, force: true});
});

describe('src/api.compiled.js', () => {
    it('is up to date with src/api.ts (else: npm run build:api -w examples/node-server)', async () => {
        const {stdout} = await run(
            process.execPath,
            [hooklineCli, 'build', '--entry', 'src/api.ts', '--out', 'src/api.compiled.js', '--export', 'createExampleApi', '--check'],
            exampleDir,
        ).catch((error: Error) => {
            throw new Error(
                `src/api.compiled.js is stale: run \`npm run build:api -w examples/node-server\` and commit it.\n${error.message}`,
            );
        });
        expect(stdout).toContain('is up to date');
    });
});

describe.each(['(a)', '(b)', '(c)', '(d)'])('the example API built by %s', (label) => {
    let way: Way;
    let server: RunningServer;
    beforeAll(async () => {
        way = ways.find((w) => w.name.startsWith(label)) as Way;
        server = await timed(`start ${way.name}`, () => startServer(way.server, way.cwd));
    });
    afterAll(async () => {
        const closed = await server.stop();
        // Still no deepkit after every call (a handler reflected on first use would load it now).
        if (way.compiled) expect(closed.deepkitModules).toEqual([]);
        else expect(closed.deepkitModules.length).toBeGreaterThan(0);
    });

    it('loads @deepkit/type only when types are reflected, and evaluates no code from strings under the flag', () => {
        if (way.compiled) expect(server.ready.deepkitModules).toEqual([]);
        else expect(server.ready.deepkitModules.some((f) => /@deepkit[\\/]type[\\/]/.test(f))).toBe(true);
        expect(server.ready.codeFromStrings).toBe(!way.noEval);
    });

    it('passes the shared protocol case table over HTTP', async () => {
        const failures: string[] = [];
        for (const c of protocolCases) {
            for (const problem of checkCase(c, await httpCall(server.ready.casesURL + c.path, c))) failures.push(`${c.name}: ${problem}`);
        }
        expect(failures).toEqual([]);
    });

    it("passes the typed client's checks, then answers npm start's calls, logging every call", async () => {
        await checkTypedClient(server.ready.exampleURL);
        // Lovelace and Ghost were added by the client's checks: Lovelace is pet 4 now.
        await checkStartCalls(server.ready.exampleURL, 4);
        expect(server.logs.find((l) => l.status === 401 && l.user === null)?.errors).toEqual(['invalid-token: unknown token wron...']);
        expect(server.logs.find((l) => l.path === '/api/broken')?.errors[0]).toContain('10.0.0.7:5432');
    });

    it('runs main-compiled (npm start with the compiled module) --once', async () => {
        if (way.mainOnce === undefined) return; // (a): main.ts under the register loader is example.test.ts's
        const {stdout} = await timed(`main-compiled --once ${way.name}`, () => run(process.execPath, way.mainOnce as string[], way.cwd));
        expect(stdout).toContain(
            'ok api/pets/add -> {"id":2,"ownerId":1,"name":"Lovelace","species":"dog","birthDate":"2023-06-01T00:00:00.000Z"}',
        );
        expect(stdout).toContain('500 api/broken -> unexpected-error: Unexpected error');
    });
});

describe('the probes can fail', () => {
    it('(a) bundles nothing, but cannot start under --disallow-code-generation-from-strings', async () => {
        const failed = await startServer([noEval, ...(ways[0] as Way).server], exampleDir).then(
            (s) => s.stop().then(() => 'started'),
            (error: Error) => error.message,
        );
        expect(failed).toMatch(/EvalError: Code generation from strings disallowed/);
    });

    it('(c) bundled the router and the compiled modules, and neither deepkit nor TypeScript', () => {
        expect(bundleInputs).toContain('hookline-compiled:hookline:compiled');
        expect(bundleInputs.some((f) => f.endsWith('packages/router/dist/router.js'))).toBe(true);
        expect(bundleInputs.filter((f) => /@deepkit|typescript/.test(f))).toEqual([]);
    });
});

describe('hookline build in a project whose own typescript is TypeScript 7', () => {
    const scratch = join(tmp, 'scratch');
    it('builds the compiled module, tsc 7 builds the project, and it serves without eval', async () => {
        const link = (target: string, path: string): void => {
            mkdirSync(dirname(join(scratch, path)), {recursive: true});
            symlinkSync(target, join(scratch, path), 'dir');
        };
        mkdirSync(join(scratch, 'src'), {recursive: true});
        link(join(exampleDir, 'node_modules/typescript'), 'node_modules/typescript');
        for (const p of ['core', 'router', 'compiler', 'node']) link(join(repoRoot, 'packages', p), `node_modules/@hookline/${p}`);
        writeFileSync(join(scratch, 'package.json'), JSON.stringify({name: 'ts7-scratch', private: true, type: 'module'}));
        writeFileSync(
            join(scratch, 'tsconfig.json'),
            JSON.stringify({
                compilerOptions: {
                    target: 'ES2022',
                    module: 'NodeNext',
                    moduleResolution: 'NodeNext',
                    strict: true,
                    types: ['node'],
                    rootDir: 'src',
                    outDir: 'dist',
                    skipLibCheck: true,
                },
                include: ['src'],
            }),
        );
        writeFileSync(
            join(scratch, 'src/api.ts'),
            `import {CallContext, Routes} from '@hookline/router';

export interface User {
    id: number;
    name: string;
    since: Date;
}

export const routes = {
    users: {
        getUser: (ctx: CallContext, id: number): User => ({id, name: 'Ada', since: new Date(Date.UTC(2024, 0, 1))}),
    },
} satisfies Routes;
`,
        );
        writeFileSync(
            join(scratch, 'src/server.ts'),
            `import {startNodeServer} from '@hookline/node';
import {createRouter} from '@hookline/router';
import {routes} from './api.js';
import compiled from './api.compiled.js';

const router = createRouter({compiled});
router.registerRoutes(routes);
const server = await startNodeServer(router, {host: '127.0.0.1', port: 0});
const post = (body: string) => fetch(server.url + '/users/getUser', {method: 'POST', headers: {'content-type': 'application/json'}, body});
console.log((await post('{"users/getUser":[7]}')).status, await (await post('{"users/getUser":[7]}')).text());
console.log((await post('{"users/getUser":["7"]}')).status);
await server.close();
`,
        );
        const tsc = join(scratch, 'node_modules/typescript/bin/tsc');
        expect((await run(process.execPath, [tsc, '--version'], scratch)).stdout).toMatch(/^Version 7\./);
        await timed('scratch: hookline build', () =>
            run(
                process.execPath,
                [
                    join(scratch, 'node_modules/@hookline/compiler/dist/cli.js'),
                    'build',
                    '--entry',
                    'src/api.ts',
                    '--out',
                    'src/api.compiled.js',
                ],
                scratch,
            ),
        );
        await timed('scratch: tsc 7', () => run(process.execPath, [tsc, '-p', '.'], scratch));
        cpSync(join(scratch, 'src/api.compiled.js'), join(scratch, 'dist/api.compiled.js'));
        const {stdout} = await run(process.execPath, [noEval, 'dist/server.js'], scratch);
        expect(stdout.split('\n').slice(0, 2)).toEqual([
            '200 {"users/getUser":{"id":7,"name":"Ada","since":"2024-01-01T00:00:00.000Z"}}',
            '400',
        ]);
        expect(readFileSync(join(scratch, 'src/api.compiled.js'), 'utf8')).toContain('--entry src/api.ts');
    });
});
