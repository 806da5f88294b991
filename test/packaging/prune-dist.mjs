// Run by each package's `prepack` (cwd: the package): deletes the files in dist/ that no file in
// src/ builds any more (`tsc -b` never deletes the outputs of a removed source file), so a tarball
// never ships stale modules. Each output `dist/x.js`, `.js.map`, `.d.ts`, `.d.ts.map` is kept only
// when `src/x.ts` exists.
import {readdirSync, rmSync, existsSync} from 'node:fs';
import {join, relative} from 'node:path';

const outputSuffixes = ['.d.ts.map', '.d.ts', '.js.map', '.js'];

/** Every file under `dir`, recursively. */
function* filesUnder(dir) {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* filesUnder(path);
        else yield path;
    }
}

if (existsSync('dist')) {
    for (const file of filesUnder('dist')) {
        const suffix = outputSuffixes.find((s) => file.endsWith(s));
        if (suffix === undefined) continue;
        const source = join('src', relative('dist', file).slice(0, -suffix.length) + '.ts');
        if (!existsSync(source)) {
            rmSync(file);
            console.error(`prune-dist: removed ${file} (no ${source})`);
        }
    }
}
