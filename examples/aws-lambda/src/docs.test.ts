// The Lambda docs stay true: every code block marked `<!-- copied from FILE -->` in
// docs/aws-lambda.md and this example's README equals FILE, the option tables list the options
// the code has, and the SAM template points at what `npm run build` writes.
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');

interface CopiedBlock {
    doc: string;
    line: number;
    file: string;
    text: string;
}

/** Fenced blocks preceded by `<!-- copied from FILE -->` (FILE relative to the repository root). */
function copiedBlocks(doc: string): CopiedBlock[] {
    const lines = read(doc).split('\n');
    const blocks: CopiedBlock[] = [];
    lines.forEach((line, i) => {
        const m = /^<!-- copied from (\S+) -->$/.exec(line);
        if (m === null) return;
        expect(lines[i + 1], `${doc}:${i + 1}: a fenced block must follow`).toMatch(/^```\w+$/);
        const end = lines.indexOf('```', i + 2);
        expect(end, `${doc}:${i + 1}: unclosed block`).toBeGreaterThan(i);
        blocks.push({doc, line: i + 1, file: m[1] as string, text: lines.slice(i + 2, end).join('\n')});
    });
    return blocks;
}

const docBlocks = copiedBlocks('docs/aws-lambda.md');
const readmeBlocks = copiedBlocks('examples/aws-lambda/README.md');

describe('docs/aws-lambda.md and examples/aws-lambda/README.md', () => {
    it('show the handler, the streaming handler and the SAM template', () => {
        expect(docBlocks.map((b) => b.file)).toEqual([
            'examples/aws-lambda/src/handler.ts',
            'examples/aws-lambda/src/streaming-handler.ts',
            'examples/aws-lambda/template.yml',
        ]);
        expect(readmeBlocks.map((b) => b.file)).toEqual(['examples/aws-lambda/template.yml']);
    });

    it.each([...docBlocks, ...readmeBlocks].map((b) => [`${b.doc}:${b.line} ${b.file}`, b] as const))(
        '%s equals the file',
        (_name, block) => {
            expect(block.text).toBe(read(block.file).replace(/\n+$/, ''));
        },
    );

    it('links only to files that exist', () => {
        for (const doc of ['docs/aws-lambda.md', 'examples/aws-lambda/README.md']) {
            for (const [, target] of read(doc).matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^https?:/.test(target as string)) continue;
                const path = join(repoRoot, dirname(doc), (target as string).split('#')[0] as string);
                expect(existsSync(path), `${doc} -> ${target}`).toBe(true);
            }
        }
    });

    it('list in their option tables exactly the options the code has', () => {
        const optionsOf = (file: string, name: string): string[] => {
            const source = read(file);
            const start = source.indexOf(`export interface ${name} `);
            expect(start, `${name} in ${file}`).toBeGreaterThanOrEqual(0);
            const body = source.slice(source.indexOf('{', start) + 1, source.indexOf('\n}', start));
            return [...body.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1] as string);
        };
        const section = read('docs/aws-lambda.md').split('\n## Options\n')[1]?.split('\n## ')[0] ?? '';
        const tables = section.split(/\n\n(?=\|)/).filter((t) => t.startsWith('|'));
        const names = (table: string): string[] =>
            table
                .split('\n')
                .filter((l) => l.startsWith('| `'))
                .map((l) => /^\| `(\w+)`/.exec(l)?.[1] as string);
        expect(tables).toHaveLength(2);
        expect(names(tables[0] as string)).toEqual(optionsOf('packages/aws-lambda/src/request.ts', 'PathOptions'));
        expect(names(tables[1] as string)).toEqual(optionsOf('packages/aws-lambda/src/streaming.ts', 'StreamingLambdaHandlerOptions'));
    });

    it('deploy the files `npm run build` writes', () => {
        const template = read('examples/aws-lambda/template.yml');
        const build = (JSON.parse(read('examples/aws-lambda/package.json')) as {scripts: {build: string}}).scripts.build;
        expect(template).toMatch(/^ {4}CodeUri: dist\/lambda\/ /m);
        expect(build).toContain('--outdir=dist/lambda --out-extension:.js=.mjs');
        const handlers = [...template.matchAll(/^ {6}Handler: ([\w-]+)\.handler$/gm)].map((m) => m[1]);
        expect(handlers).toEqual(['handler', 'streaming-handler']);
        for (const h of handlers) {
            // handler.ts is bundled from its source (its types come from the compiled module); the
            // streaming handler, which adds routes of its own, from tsc's output with runtime types.
            expect(build).toContain(h === 'handler' ? 'esbuild src/handler.ts ' : `dist/aws-lambda/src/${h}.js`);
            expect(existsSync(join(repoRoot, 'examples/aws-lambda/src', `${h}.ts`))).toBe(true);
        }
    });
});
