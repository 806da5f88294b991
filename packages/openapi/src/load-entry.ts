// How the CLI gets a router from a project: the way `hookline build` does. The entry (TypeScript or
// JavaScript) is loaded with @hookline/compiler's module hooks forcing type metadata, whatever the
// project's tsconfig and TypeScript (5, 7, none) say; the router is the entry's export.
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {resolve} from 'node:path';
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

/** The part of @hookline/compiler the CLI uses (loaded from the entry's own installation). */
interface CompilerModule {
    registerForcedTypes(): void;
    loadEntryRouter(options: {entry: string; exportName?: string; lookFor?: readonly string[]; tool?: string}): Promise<{router: unknown}>;
}

/**
 * Loads the router an entry module exports, as `hookline build` loads an entry (@hookline/compiler's
 * module hooks forcing type metadata, whatever the project's TypeScript): `exportName`, else
 * `router`, `routes`, `default` (a router first: its prefix and suffix are part of the document);
 * a function is called with no arguments (a factory such as `createApi()`; handlers are not run),
 * and `{router}` is unwrapped; a routes object is registered on a new router (default options).
 * Falls back to the seed-style default router.
 */
export async function loadRouter(entryPath: string, exportName?: string): Promise<Router> {
    const entry = resolve(entryPath);
    if (!existsSync(entry)) throw new CliError(`entry ${entryPath} does not exist.`);
    let compilerPath: string;
    try {
        compilerPath = createRequire(entry).resolve('@hookline/compiler');
    } catch {
        throw new CliError(
            `install @hookline/compiler beside ${entryPath}: it reads the routes' types (npm install -D @hookline/compiler).`,
        );
    }
    const compiler = (await import(pathToFileURL(compilerPath).href)) as CompilerModule;
    compiler.registerForcedTypes();
    const {router} = await compiler.loadEntryRouter({
        entry,
        exportName,
        lookFor: ['router', 'routes', 'default'],
        tool: 'hookline-openapi',
    });
    if (!isRouter(router)) throw new CliError(`${entryPath} did not give a router.`);
    return router;
}
