// `hookline build`: loads an API's entry module with Hookline's own type compiler (its own
// TypeScript 5.9 and deepkit, whatever the project uses), compiles every route and hook, and writes
// the API's compiled module. Runs in a process whose module loader was registered with
// `forceReflection` (see cli.ts): the entry and everything it imports get type metadata.
import {existsSync, readFileSync} from 'node:fs';
import {isAbsolute, relative, resolve} from 'node:path';
import {EntryRouter, loadEntryRouter} from './load-entry.js';

/** A mistake in how the build was asked for (entry, export): the CLI prints its message alone. */
export class BuildError extends Error {
    constructor(message: string) {
        super(`hookline build: ${message}`);
        this.name = 'BuildError';
    }
}

/** Options of {@link buildCompiledModule}. */
export interface BuildOptions {
    /** The module that defines the routes (TypeScript or JavaScript). */
    entry: string;
    /** Where the compiled module goes (its `.d.ts` beside it); named in the module's rebuild command. */
    out?: string | undefined;
    /**
     * The export that holds the routes object or the router, or a function returning either (or
     * `{router}`), called with no arguments. Default: `routes`, then `router`, then `default`, then
     * the seed-style default router.
     */
    exportName?: string | undefined;
    /** Directory paths are relative to. Default: `process.cwd()`. */
    cwd?: string | undefined;
    /** Signatures only, no generated code: a much smaller module for very large APIs (checks and serializers are then composed of closures at runtime). */
    compact?: boolean | undefined;
}

/** What {@link buildCompiledModule} produces. */
export interface BuildResult {
    /** The compiled module (an ES module). */
    js: string;
    /** Its type declarations. */
    dts: string;
    /** The command that writes it again (also written into the module). */
    command: string;
}

/** The `.d.ts` path of a compiled module path (`api.compiled.js` -> `api.compiled.d.ts`). */
export function declarationPath(out: string): string {
    return out.replace(/\.[cm]?js$/, '') + (out.endsWith('.mjs') ? '.d.mts' : '.d.ts');
}

function quote(arg: string): string {
    return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Builds an API's compiled module. Throws an Error that says what to fix when the entry has no
 * routes export, or a route's types can't be compiled (the router's own startup errors).
 */
export async function buildCompiledModule(options: BuildOptions): Promise<BuildResult> {
    const cwd = options.cwd ?? process.cwd();
    const entry = resolve(cwd, options.entry);
    if (!existsSync(entry)) throw new BuildError(`entry ${entry} does not exist.`);
    const rel = (p: string): string => {
        const r = relative(cwd, p);
        return r === '' || isAbsolute(r) ? p : r;
    };
    const args = ['npx', 'hookline', 'build', '--entry', rel(entry)];
    if (options.out !== undefined) args.push('--out', rel(resolve(cwd, options.out)));
    if (options.exportName !== undefined) args.push('--export', options.exportName);
    if (options.compact === true) args.push('--compact');
    const command = args.map(quote).join(' ');

    const {router} = await loadEntryRouter({entry, exportName: options.exportName, cwd, refuseCompiled: true});
    const {js, dts} = (router as EntryRouter & CompiledModuleWriter).compiledModule(command, options.compact === true);
    return {js, dts, command};
}

/** What the build calls on the entry's router. */
interface CompiledModuleWriter {
    compiledModule(command: string, compact?: boolean): {js: string; dts: string};
}

/** Whether the compiled module on disk is the one the build writes now (for `--check`). */
export function isUpToDate(out: string, js: string): boolean {
    return existsSync(out) && readFileSync(out, 'utf8') === js;
}
