// A project whose own TypeScript is 7, installed as a user installs Hookline (the packed
// tarballs): npm puts deepkit's type compiler beside TypeScript 7 there, and `hookline build` must
// still compile with its own TypeScript 5.9; the app then builds with tsc 7 and serves with no eval.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hookline-ts7-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('a project on TypeScript 7', () => {
    afterAll(() => rmSync(dir, {recursive: true, force: true}));

    it('builds its compiled module with hookline build, its code with tsc 7, and serves without eval', {timeout: 240_000}, async () => {
        const packs = join(dir, 'packs');
        mkdirSync(packs);
        for (const pkg of ['core', 'router', 'compiler'])
            await run(npm, ['pack', '--pack-destination', packs], {cwd: join(root, 'packages', pkg)});
        const app = join(dir, 'app');
        mkdirSync(join(app, 'src'), {recursive: true});
        writeFileSync(join(app, 'package.json'), JSON.stringify({name: 'app', private: true, type: 'module'}));
        const tarballs = readdirSync(packs).map((f) => join(packs, f));
        await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', 'typescript@7.0.2', ...tarballs], {cwd: app});
        writeFileSync(
            join(app, 'src/api.ts'),
            [
                "import {CallContext, Routes} from '@hookline/router';",
                'export interface Greeting { text: string; at: Date }',
                'export const routes = {greet: (ctx: CallContext, name: string, at: Date): Greeting => ({text: `hello ${name}`, at})} satisfies Routes;',
            ].join('\n'),
        );
        writeFileSync(
            join(app, 'src/server.ts'),
            [
                "import {createRouter} from '@hookline/router';",
                "import compiled from './api.compiled.js';",
                "import {routes} from './api.js';",
                'const router = createRouter({compiled});',
                'router.registerRoutes(routes);',
                "const ok = await router.call('greet', ['Ada', '2024-01-31T10:00:00.000Z']);",
                "const bad = await router.call('greet', ['Ada', 'yesterday']);",
                'console.log(JSON.stringify([ok.statusCode, ok.json(), bad.statusCode]));',
            ].join('\n'),
        );
        writeFileSync(
            join(app, 'tsconfig.json'),
            JSON.stringify({
                compilerOptions: {
                    target: 'ES2022',
                    module: 'NodeNext',
                    moduleResolution: 'NodeNext',
                    strict: true,
                    outDir: 'dist',
                    rootDir: 'src',
                    allowJs: true,
                    skipLibCheck: true,
                },
                include: ['src'],
            }),
        );
        const bin = (name: string): string => join(app, 'node_modules/.bin', name);
        const {stdout: version} = await run(bin('tsc'), ['--version'], {cwd: app});
        expect(version).toContain('7.0.2');
        const built = await run(bin('hookline'), ['build', '--entry', 'src/api.ts', '--out', 'src/api.compiled.js'], {cwd: app});
        expect(built.stdout).toMatch(/wrote src\/api\.compiled\.js/);
        await run(bin('tsc'), ['-p', 'tsconfig.json'], {cwd: app});
        const {stdout} = await run(process.execPath, ['--disallow-code-generation-from-strings', 'dist/server.js'], {cwd: app});
        expect(JSON.parse(stdout)).toEqual([200, {greet: {text: 'hello Ada', at: '2024-01-31T10:00:00.000Z'}}, 400]);
    });
});
