// Measures the client's size in a browser bundle: esbuild (bundle, minify, ES2022, browser), then
// gzip. `npm run size -w packages/client` prints it; bundle-size.test.ts checks the budget.
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build} from 'esbuild';

/** One measured bundle. */
export interface BundleSize {
    name: string;
    /** What the bundle imports. */
    imports: string;
    minified: number;
    gzipped: number;
    code: string;
}

const bundles = [
    {name: 'client (everything @hookline/client exports)', imports: "export * from './index.js';"},
    {name: 'client, createClient only', imports: "export {createClient} from './index.js';"},
    {name: 'client + validateParams', imports: "export * from './index.js';\nexport {validateParams} from './validate.js';"},
];

/** Bundles each entry and measures it. */
export async function measureBundles(): Promise<BundleSize[]> {
    const resolveDir = fileURLToPath(new URL('.', import.meta.url));
    const out: BundleSize[] = [];
    for (const b of bundles) {
        const result = await build({
            stdin: {contents: b.imports, resolveDir, loader: 'ts', sourcefile: 'entry.ts'},
            bundle: true,
            minify: true,
            format: 'esm',
            platform: 'browser',
            target: 'es2022',
            write: false,
            logLevel: 'silent',
        });
        const code = result.outputFiles[0]?.text ?? '';
        out.push({name: b.name, imports: b.imports, minified: Buffer.byteLength(code), gzipped: gzipSync(code, {level: 9}).length, code});
    }
    return out;
}

/** The sizes as a table, in bytes and kB. */
export function formatSizes(sizes: BundleSize[]): string {
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
    return sizes.map((s) => `${s.name}: ${s.minified} B min (${kb(s.minified)}), ${s.gzipped} B min+gz (${kb(s.gzipped)})`).join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
    console.log(formatSizes(await measureBundles()));
}
