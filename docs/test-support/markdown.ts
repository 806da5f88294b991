// Reading the docs' markdown: the pages, their marked blocks and tables, and the example files they show.
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'vitest';

/** The docs/ folder. */
export const docsDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** A docs page: its file name and its lines. */
export interface Doc {
    name: string;
    lines: string[];
}

/** A fenced block preceded by a `<!-- kind: arg -->` marker, and where it sits. */
export interface MarkedBlock {
    doc: string;
    line: number;
    kind: string;
    arg: string;
    lang: string;
    text: string;
}

/** Every page of docs/, sorted by name. */
export const docs: Doc[] = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({name, lines: readFileSync(join(docsDir, name), 'utf8').split('\n')}));

/** A marker line: `<!-- kind: arg -->`. */
export const markerPattern = /^<!-- ([a-z-]+): (\S+) -->$/;

/** Fenced blocks preceded by `<!-- kind: arg -->`. */
export function markedBlocks(kind: string): MarkedBlock[] {
    const out: MarkedBlock[] = [];
    for (const doc of docs) {
        doc.lines.forEach((line, i) => {
            const m = markerPattern.exec(line);
            if (m === null || m[1] !== kind) return;
            const fence = doc.lines[i + 1] ?? '';
            if (!fence.startsWith('```')) throw new Error(`${doc.name}:${i + 1}: marker not followed by a fenced block`);
            const end = doc.lines.indexOf('```', i + 2);
            if (end === -1) throw new Error(`${doc.name}:${i + 1}: unclosed block`);
            out.push({
                doc: doc.name,
                line: i + 1,
                kind,
                arg: m[2] as string,
                lang: fence.slice(3),
                text: doc.lines.slice(i + 2, end).join('\n'),
            });
        });
    }
    return out;
}

/** Splits a table row into cells, honouring `\|` escapes. */
export function cells(row: string): string[] {
    return row
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The body rows of the table preceded by `<!-- table: name -->` (exactly one in all docs). */
export function markedTable(name: string): string[][] {
    const found: string[][][] = [];
    for (const doc of docs) {
        doc.lines.forEach((line, i) => {
            if (line !== `<!-- table: ${name} -->`) return;
            const rows: string[] = [];
            for (let j = i + 1; j < doc.lines.length && (doc.lines[j] as string).startsWith('|'); j++) rows.push(doc.lines[j] as string);
            found.push(rows.slice(2).map(cells));
        });
    }
    expect(found, `table ${name}`).toHaveLength(1);
    return found[0] as string[][];
}

/** The contents of the code spans of a table cell. */
export function codeSpans(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

/** The first code span of a table cell (throws when it has none). */
export function firstCode(cell: string): string {
    const code = codeSpans(cell)[0];
    if (code === undefined) throw new Error(`no code span in "${cell}"`);
    return code;
}

const regionLine = /^\s*\/\/ #(end)?region\b/;

/** What a doc shows of an example: the whole file, or one `// #region name` of it, region marker lines removed. */
export function exampleText(ref: string): string {
    const [path, region] = ref.split('#') as [string, string | undefined];
    const lines = readFileSync(join(docsDir, path), 'utf8').split('\n');
    let shown = lines;
    if (region !== undefined) {
        const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
        expect(start, `region ${ref}`).toBeGreaterThanOrEqual(0);
        const indent = (lines[start] as string).length - (lines[start] as string).trimStart().length;
        const end = lines.findIndex((l, i) => i > start && (l.trim() === '// #endregion' || l.trim() === `// #endregion ${region}`));
        expect(end, `end of region ${ref}`).toBeGreaterThan(start);
        shown = lines.slice(start + 1, end).map((l) => l.slice(indent));
    }
    return shown
        .filter((l) => !regionLine.test(l))
        .join('\n')
        .replace(/^\n+|\n+$/g, '');
}

/** The fenced block that follows the first line of a doc starting with `start`. */
export function blockAfter(docName: string, start: string): string {
    const lines = (docs.find((d) => d.name === docName) as Doc).lines;
    const at = lines.findIndex((l) => l.startsWith(start));
    expect(at, start).toBeGreaterThanOrEqual(0);
    const open = lines.findIndex((l, i) => i > at && l.startsWith('```'));
    return lines.slice(open + 1, lines.indexOf('```', open + 1)).join('\n');
}
