// The esbuild plugin end to end: one bundle of a server on 'hookline:compiled', run by plain Node
// with code generation from strings disallowed (as on Workers): it serves, so nothing is eval'd.
import {execFile} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
// From the built package, as users import it (the plugin runs dist/cli.js).
import {hooklineCompiledEsbuild} from '@hookline/compiler/esbuild';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = fileURLToPath(new URL('../.tmp/esbuild/', import.meta.url));

describe('hooklineCompiledEsbuild', () => {
    it('bundles the compiled module into a server that runs without eval and without @deepkit/type', {timeout: 120_000}, async () => {
        mkdirSync(out, {recursive: true});
        await build({
            entryPoints: [`${root}docs/examples/compiled-server.ts`],
            bundle: true,
            platform: 'node',
            format: 'esm',
            outfile: `${out}server.mjs`,
            logLevel: 'error',
            plugins: [hooklineCompiledEsbuild({entry: 'docs/examples/compiled-api.ts', cwd: root})],
        });
        const bundle = readFileSync(`${out}server.mjs`, 'utf8');
        // esbuild strips types: the handlers in the bundle carry no metadata, the module has the code.
        expect(bundle).not.toContain('__assignType');
        writeFileSync(
            `${out}call.mjs`,
            [
                "import {createRequire} from 'node:module';",
                "import {router} from './server.mjs';",
                "const res = await router.call('greet', ['Ada', '2024-01-31T10:00:00.000Z']);",
                "const bad = await router.call('greet', ['Ada', 'yesterday']);",
                "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('@deepkit'));",
                'console.log(JSON.stringify({status: res.statusCode, body: res.json(), bad: bad.statusCode, loaded}));',
            ].join('\n'),
        );
        const {stdout} = await run(process.execPath, ['--disallow-code-generation-from-strings', `${out}call.mjs`]);
        expect(JSON.parse(stdout)).toEqual({
            status: 200,
            body: {greet: {text: 'hello Ada', at: '2024-01-31T10:00:00.000Z'}},
            bad: 400,
            loaded: [],
        });
    });

    it('reports a failed build with what the build said', {timeout: 120_000}, async () => {
        const plugin = hooklineCompiledEsbuild({entry: 'docs/examples/no-such-file.ts', cwd: root});
        await expect(
            build({
                stdin: {contents: "import c from 'hookline:compiled'; console.log(c);", resolveDir: root},
                bundle: true,
                write: false,
                logLevel: 'silent',
                plugins: [plugin],
            }),
        ).rejects.toThrow(/no-such-file\.ts does not exist/);
    });
});
