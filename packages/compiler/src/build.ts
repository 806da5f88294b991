// `hookline build`: loads an API's entry module with Hookline's own type compiler (its own
// TypeScript 5.9 and deepkit, whatever the project uses), compiles every route and hook, and writes
// the API's compiled module. Runs in a process whose module loader was registered with
// `forceReflection` (see cli.ts): the entry and everything it imports get type metadata.
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {isAbsolute, relative, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

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

/** The part of @hookline/router the build uses, from the copy the entry itself resolves. */
interface RouterModule {
    createRouter(options?: object): RouterLike;
    getRouter(): RouterLike;
    Router: abstract new (...args: never[]) => RouterLike;
}
interface RouterLike {
    readonly options: {compiled?: unknown};
    registerRoutes(routes: object): unknown;
    routeIds(): string[];
    compiledModule(command: string, compact?: boolean): {js: string; dts: string};
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

    // The router the entry itself imports (one copy, whatever the installation looks like).
    const routerPath = createRequire(entry).resolve('@hookline/router');
    const router = (await import(pathToFileURL(routerPath).href)) as RouterModule;
    const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;

    const built = pickRouter(router, mod, options.exportName, rel(entry));
    const {js, dts} = built.compiledModule(command, options.compact === true);
    return {js, dts, command};
}

function pickRouter(router: RouterModule, mod: Record<string, unknown>, exportName: string | undefined, entry: string): RouterLike {
    const candidates = exportName !== undefined ? [exportName] : ['routes', 'router', 'default'];
    for (const name of candidates) {
        let value = mod[name];
        if (value === undefined) continue;
        // A factory (e.g. `createApi(store)`) is called with no arguments: its handlers are compiled, never run.
        if (typeof value === 'function') value = (value as () => unknown)();
        // What a factory often returns: `{router, apiSpec}`.
        const inner = (value as {router?: unknown} | null)?.router;
        if (inner instanceof router.Router) value = inner;
        if (value instanceof router.Router) {
            if (value.options.compiled !== undefined)
                throw new BuildError(
                    `the router exported as "${name}" by ${entry} is created with a compiled module; export the routes object instead (the build compiles it from types).`,
                );
            return value;
        }
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            const fresh = router.createRouter();
            fresh.registerRoutes(value);
            return fresh;
        }
        if (exportName !== undefined) throw new BuildError(`export "${exportName}" of ${entry} is neither a routes object nor a router.`);
    }
    if (exportName !== undefined) throw new BuildError(`${entry} has no export named "${exportName}".`);
    // Seed style: initRouter/registerRoutes at the top level of the entry.
    const seed = router.getRouter();
    if (seed.routeIds().length > 0 && seed.options.compiled === undefined) return seed;
    throw new BuildError(
        `${entry} exports no routes. Export the routes object (export const routes = {...}) or name its export with --export.`,
    );
}

/** Whether the compiled module on disk is the one the build writes now (for `--check`). */
export function isUpToDate(out: string, js: string): boolean {
    return existsSync(out) && readFileSync(out, 'utf8') === js;
}
