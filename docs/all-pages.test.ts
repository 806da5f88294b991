// What holds across the docs pages: every example file is shown and loads, links and anchors resolve,
// markers are known. Each page's own checks are in docs/<page>.test.ts.
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {docs, docsDir, markedBlocks, markerPattern} from './test-support/markdown.js';
import {exampleModules, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();

describe('docs and examples', () => {
    const examples = markedBlocks('example');

    it('has docs with examples', () => {
        expect(docs.map((d) => d.name)).toEqual(
            expect.arrayContaining([
                'call-context.md',
                'cluster.md',
                'errors.md',
                'execution-path.md',
                'hooks.md',
                'node.md',
                'protocol.md',
                'routes.md',
                'runtime-types.md',
            ]),
        );
        expect(examples.length).toBeGreaterThan(20);
    });

    // Loading the examples builds 'hookline:compiled' (a hookline build in a child process): room for a busy machine.
    it('shows every example file and imports every example module here', {timeout: 120_000}, async () => {
        const files = readdirSync(join(docsDir, 'examples'))
            .filter((f) => f.endsWith('.ts'))
            .map((f) => `examples/${f}`);
        const shown = new Set(examples.map((b) => b.arg.split('#')[0]));
        for (const file of files) expect(shown.has(file), `${file} shown in a doc`).toBe(true);
        const runHere = files.filter((f) => !f.endsWith('.test.ts'));
        expect(Object.keys(exampleModules).sort()).toEqual(runHere.sort());
        for (const load of Object.values(exampleModules)) await load();
        // The separate type-checked program (call-context.md): shown, type-checked by call-context.test.ts, not run here.
        for (const file of readdirSync(join(docsDir, 'examples/types')).filter((f) => /\.m?ts$/.test(f)))
            expect(shown.has(`examples/types/${file}`), `examples/types/${file} shown in a doc`).toBe(true);
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
