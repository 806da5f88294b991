// Loading an API's entry module the way `hookline build` does, for the tools that read an API from
// its sources (`hookline build`, `hookline-openapi`): the compiler's module hooks registered with
// `forceReflection` (every TypeScript file the entry loads gets type metadata, whatever the project's
// tsconfig and TypeScript say), the router taken from the entry's exports.
import {existsSync} from 'node:fs';
import {createRequire, register} from 'node:module';
import {isAbsolute, relative, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

/** A mistake in the entry or export a tool was given: `message` says what to fix (tools print it alone). */
export class EntryError extends Error {
    constructor(tool: string, message: string) {
        super(`${tool}: ${message}`);
        this.name = 'EntryError';
    }
}

/** The part of @hookline/router the loader uses, from the copy the entry itself resolves. */
interface RouterModule {
    createRouter(options?: object): EntryRouter;
    getRouter(): EntryRouter;
    Router: abstract new (...args: never[]) => EntryRouter;
}

/** A router as the loader sees it (the entry's own copy of `Router`). */
export interface EntryRouter {
    readonly options: {compiled?: unknown};
    registerRoutes(routes: object): unknown;
    routeIds(): string[];
}

/** Options of {@link loadEntryRouter}. */
export interface LoadEntryOptions {
    /** The module that defines the routes (TypeScript or JavaScript). */
    entry: string;
    /**
     * The export holding the routes object or the router, or a function returning either (or
     * `{router}`), called with no arguments. Default: the names of `lookFor`, then the seed-style
     * default router.
     */
    exportName?: string | undefined;
    /** Directory `entry` is relative to. Default: `process.cwd()`. */
    cwd?: string | undefined;
    /** The exports tried in order without `exportName`. Default `['routes', 'router', 'default']`. */
    lookFor?: readonly string[];
    /** The tool named in error messages. Default `'hookline build'`. */
    tool?: string;
    /** Refuse a router created with a compiled module (a build needs the types, not a module built from them). Default `false`. */
    refuseCompiled?: boolean;
}

let registered = false;

/**
 * Registers the compiler's module hooks with `forceReflection`, once per process: every TypeScript
 * file loaded afterwards gets type metadata. Call it before importing the entry.
 */
export function registerForcedTypes(): void {
    if (registered) return;
    registered = true;
    register('./loader-hooks.js', {parentURL: import.meta.url, data: {forceReflection: true}});
}

/**
 * Loads an entry module (after {@link registerForcedTypes}) and returns the router it exports: a
 * router, a routes object (registered on a new router with default options), a factory returning
 * either or `{router}`, or the seed-style default router.
 *
 * @example
 * registerForcedTypes();
 * const {router} = await loadEntryRouter({entry: 'src/api.ts', lookFor: ['router', 'routes'], tool: 'my-tool'});
 */
export async function loadEntryRouter(options: LoadEntryOptions): Promise<{router: EntryRouter; entry: string; relativeEntry: string}> {
    const tool = options.tool ?? 'hookline build';
    const cwd = options.cwd ?? process.cwd();
    const entry = resolve(cwd, options.entry);
    const rel = relative(cwd, entry);
    const shown = rel === '' || isAbsolute(rel) ? entry : rel;
    if (!existsSync(entry)) throw new EntryError(tool, `entry ${shown} does not exist.`);
    // The router the entry itself imports (one copy, whatever the installation looks like).
    const routerModule = (await import(pathToFileURL(createRequire(entry).resolve('@hookline/router')).href)) as RouterModule;
    const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    const router = pickRouter(routerModule, mod, options, shown, tool);
    return {router, entry, relativeEntry: shown};
}

function pickRouter(
    routerModule: RouterModule,
    mod: Record<string, unknown>,
    options: LoadEntryOptions,
    entry: string,
    tool: string,
): EntryRouter {
    const {exportName} = options;
    const candidates = exportName !== undefined ? [exportName] : (options.lookFor ?? ['routes', 'router', 'default']);
    for (const name of candidates) {
        let value = mod[name];
        if (value === undefined) continue;
        // A factory (e.g. `createApi(store)`) is called with no arguments: its handlers are compiled, never run.
        if (typeof value === 'function') value = (value as () => unknown)();
        // What a factory often returns: `{router, apiSpec}`.
        const inner = (value as {router?: unknown} | null)?.router;
        if (inner instanceof routerModule.Router) value = inner;
        if (value instanceof routerModule.Router) {
            if (options.refuseCompiled === true && value.options.compiled !== undefined)
                throw new EntryError(
                    tool,
                    `the router exported as "${name}" by ${entry} is created with a compiled module; export the routes object instead (the build compiles it from types).`,
                );
            return value;
        }
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            const fresh = routerModule.createRouter();
            fresh.registerRoutes(value);
            return fresh;
        }
        if (exportName !== undefined)
            throw new EntryError(tool, `export "${exportName}" of ${entry} is neither a routes object nor a router.`);
    }
    if (exportName !== undefined) throw new EntryError(tool, `${entry} has no export named "${exportName}".`);
    // Seed style: initRouter/registerRoutes at the top level of the entry.
    const seed = routerModule.getRouter();
    if (seed.routeIds().length > 0 && (options.refuseCompiled !== true || seed.options.compiled === undefined)) return seed;
    throw new EntryError(
        tool,
        `${entry} exports no routes. Export the routes object (export const routes = {...}) or the router, or name its export with --export.`,
    );
}
