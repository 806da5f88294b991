// How the CLI gets a router from a project: the way `hookline build` does. The entry (TypeScript or
// JavaScript) is loaded with @hookline/compiler's module hooks forcing type metadata, whatever the
// project's tsconfig and TypeScript (5, 7, none) say; the router is the entry's export.
import {existsSync} from 'node:fs';
import {createRequire, register} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {Router} from '@hookline/router';
import {isRouter} from './api-snapshot.js';

/** A mistake in what the CLI was asked for: printed alone, without a stack. */
export class CliError extends Error {
    constructor(message: string) {
        super(`hookline-openapi: ${message}`);
        this.name = 'CliError';
    }
}

let registered = false;

/** Registers @hookline/compiler's module hooks (as `hookline build` does) from the entry's folder. */
function registerTypeCompiler(entry: string): boolean {
    if (registered) return true;
    let index: string;
    try {
        index = createRequire(entry).resolve('@hookline/compiler');
    } catch {
        return false;
    }
    // The compiler's own module hooks, with `forceReflection`: what its `hookline build` registers.
    const hooks = join(dirname(index), 'loader-hooks.js');
    if (!existsSync(hooks)) return false;
    register(pathToFileURL(hooks).href, {parentURL: import.meta.url, data: {forceReflection: true}});
    registered = true;
    return true;
}

/**
 * Loads the router an entry module exports: `exportName`, else `router`, `routes`, `default`; a
 * function is called with no arguments (a factory such as `createApi()`; handlers are not run), and
 * `{router}` is unwrapped; a routes object is registered on a new router (default options). Falls
 * back to the seed-style default router.
 */
export async function loadRouter(entryPath: string, exportName?: string): Promise<Router> {
    const entry = resolve(entryPath);
    if (!existsSync(entry)) throw new CliError(`entry ${entryPath} does not exist.`);
    if (!registerTypeCompiler(entry) && /\.[cm]?ts$/.test(entry))
        throw new CliError(
            `${entryPath} is TypeScript: install @hookline/compiler beside it (it reads the types), or point --entry at the built .js.`,
        );
    const routerModule = (await import(pathToFileURL(createRequire(entry).resolve('@hookline/router')).href)) as {
        createRouter(): Router;
        getRouter(): Router;
    };
    const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    const names = exportName !== undefined ? [exportName] : ['router', 'routes', 'default'];
    for (const name of names) {
        let value = mod[name];
        if (value === undefined) continue;
        if (typeof value === 'function') value = (value as () => unknown)();
        const inner = (value as {router?: unknown} | null)?.router;
        if (isRouter(inner)) return inner;
        if (isRouter(value)) return value;
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            const router = routerModule.createRouter();
            router.registerRoutes(value as never);
            return router;
        }
        if (exportName !== undefined) throw new CliError(`export "${exportName}" of ${entryPath} is neither a router nor a routes object.`);
    }
    if (exportName !== undefined) throw new CliError(`${entryPath} has no export named "${exportName}".`);
    const seed = routerModule.getRouter();
    if (seed.routeIds().length > 0) return seed;
    throw new CliError(`${entryPath} exports no router. Export it (export const router = ...) or name its export with --export.`);
}
