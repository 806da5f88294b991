// The publishable packages as npm would publish them: each is packed once (prepack scripts
// included), then checked with publint (strict) and @arethetypeswrong/cli (esm-only profile), and
// for what neither checks: the README and LICENSE in the tarball, source maps and declaration maps
// whose sources are shipped, relative imports that resolve inside the tarball, no tests, no stale
// outputs. Figures (sizes) are printed.
import {execFile} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {dirname, join, posix} from 'node:path';
import {promisify} from 'node:util';
import {publint} from 'publint';
import {formatMessage} from 'publint/utils';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {libraryPackages, PackedPackage, packPackages, publishablePackages, repoRoot, tempDir} from './pack.js';

const run = promisify(execFile);
const dir = tempDir('hookline-packages-');
let packed: PackedPackage[] = [];

beforeAll(async () => {
    packed = await packPackages(dir);
    for (const p of packed) {
        const out = join(dir, p.folder);
        await run('mkdir', ['-p', out]);
        await run('tar', ['-xzf', p.tarball, '-C', out]);
    }
    console.log(
        'packed: ' +
            packed.map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} kB (${(p.unpackedSize / 1024).toFixed(0)} kB unpacked)`).join(', '),
    );
}, 180_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The extracted tarball's root of a package folder. */
const rootOf = (folder: string): string => join(dir, folder, 'package');
const packedOf = (folder: string): PackedPackage => {
    const p = packed.find((x) => x.folder === folder);
    if (p === undefined) throw new Error(`packages/${folder} was not packed`);
    return p;
};

describe.each(publishablePackages.map((folder) => ({folder})))('packages/$folder', ({folder}) => {
    it('passes publint --strict with no message at all', async () => {
        const buf = readFileSync(packedOf(folder).tarball);
        const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
        const result = await publint({pack: {tarball}, strict: true, level: 'suggestion'});
        expect(result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg)}`)).toEqual([]);
    });

    it('ships the LICENSE, identical to the repository root', () => {
        expect(readFileSync(join(rootOf(folder), 'LICENSE'), 'utf8')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
        // The committed copy beside package.json is what npm packs: keep it identical to the root.
        expect(readFileSync(join(repoRoot, 'packages', folder, 'LICENSE'), 'utf8')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
    });

    it('ships a README: what it is, the install line, an example, where the docs are', () => {
        const readme = readFileSync(join(rootOf(folder), 'README.md'), 'utf8');
        const {name} = packedOf(folder);
        expect(readme.startsWith(`# ${name}\n`)).toBe(true);
        expect(readme).toMatch(folder === 'create-hookline' ? /npm create hookline@latest/ : new RegExp(`npm install [^\\n]*${name}`));
        expect(readme).toMatch(/```(ts|console)\n/);
        expect(readme).toMatch(/`docs\/[a-z-]+\.md`/);
        expect(readme).toMatch(/in the Hookline repository/);
        expect(readme).toMatch(/MIT/);
    });

    it('ships no tests, no test support, no build info', () => {
        // create-hookline's templates hold the tests of the projects it writes: those are the product.
        const shipped = packedOf(folder).files.filter((f) => !f.startsWith('templates/'));
        expect(shipped.filter((f) => /\.test(-d)?\.ts$|test-support\/|tsbuildinfo|\.test\.js$/.test(f))).toEqual([]);
    });

    it('ships no stale output: every dist module has its source', () => {
        const files = new Set(packedOf(folder).files);
        const stale = [...files]
            .filter((f) => f.startsWith('dist/') && /\.(js|d\.ts)$/.test(f))
            .filter((f) => !files.has(f.replace(/^dist\//, 'src/').replace(/(\.d)?\.ts$|\.js$/, '.ts')));
        expect(stale).toEqual([]);
    });

    it('ships the sources of its source maps and declaration maps', () => {
        const root = rootOf(folder);
        const missing: string[] = [];
        for (const file of packedOf(folder).files.filter((f) => f.endsWith('.map'))) {
            const map = JSON.parse(readFileSync(join(root, file), 'utf8')) as {sources: string[]; sourceRoot?: string};
            for (const source of map.sources) {
                const path = posix.join(posix.dirname(file), map.sourceRoot ?? '', source);
                if (!existsSync(join(root, path))) missing.push(`${file} -> ${path}`);
            }
        }
        expect(missing).toEqual([]);
    });

    it('resolves every relative import of its JavaScript and declarations inside the tarball', () => {
        const root = rootOf(folder);
        const unresolved: string[] = [];
        let checked = 0;
        for (const file of packedOf(folder).files.filter((f) => f.startsWith('dist/') && /\.(js|d\.ts)$/.test(f))) {
            // Import and export statements (`} from` ends a multi-line one) and import() calls and types,
            // outside comments and strings (JSDoc examples and messages mention './api.compiled.js').
            const code = readFileSync(join(root, file), 'utf8')
                .split('\n')
                .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
                .join('\n');
            const specs = [
                ...code.matchAll(/^\s*(?:import|export|\}).*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
                ...code.matchAll(/^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
                ...code.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
            ].map((m) => m[1]!);
            for (const spec of specs) {
                checked++;
                const target = posix.join(posix.dirname(file), spec);
                const candidates = file.endsWith('.d.ts') ? [target, target.replace(/\.js$/, '.d.ts')] : [target];
                if (!candidates.some((c) => existsSync(join(root, c)))) unresolved.push(`${file}: ${spec}`);
            }
        }
        expect(unresolved).toEqual([]);
        if (folder !== 'create-hookline') expect(checked).toBeGreaterThan(0);
    });
});

describe.each(libraryPackages.map((folder) => ({folder})))('packages/$folder types', ({folder}) => {
    // ESM-only packages ("type": "module", import-only exports): the esm-only profile leaves out the
    // node10 and CommonJS-require resolutions, which can't load them by design (CommonJS users
    // reach them with a dynamic import()). Every other problem fails.
    it('passes @arethetypeswrong/cli --profile esm-only', async () => {
        const attw = join(repoRoot, 'node_modules/.bin/attw');
        const result = await run(attw, [packedOf(folder).tarball, '--profile', 'esm-only', '--format', 'ascii'], {timeout: 60_000}).then(
            () => 'ok',
            (e: {stdout?: string; stderr?: string}) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
        );
        expect(result).toBe('ok');
    });
});

it('packs every package folder that is not private', () => {
    const folders = readdirSync(join(repoRoot, 'packages')).filter((f) => {
        const path = join(repoRoot, 'packages', f, 'package.json');
        return existsSync(path) && (JSON.parse(readFileSync(path, 'utf8')) as {private?: boolean}).private !== true;
    });
    // A new package is checked here once it is listed in the root package.json's workspaces.
    expect([...publishablePackages].sort()).toEqual(folders.sort());
    expect(packed.map((p) => p.folder).sort()).toEqual([...publishablePackages].sort());
    expect(dirname(packed[0]!.tarball)).toBe(dir);
});
