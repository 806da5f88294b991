// The compiled module as a virtual module of the bundlers users build Workers, Lambdas and apps
// with: `import compiled from 'hookline:compiled'` needs no separate build step. The module is
// written by `hookline build` in a child process (its own module loader and type compiler).
import {execFile} from 'node:child_process';
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** The id the compiled module is imported by, unless the plugin is given another. */
export const COMPILED_MODULE_ID = 'hookline:compiled';

/** Options of the bundler plugins. */
export interface CompiledModuleOptions {
    /** The module that exports the routes (as for `hookline build --entry`). */
    entry: string;
    /** The export holding the routes (as for `--export`). */
    export?: string;
    /** The import id of the virtual module. Default `'hookline:compiled'`. */
    id?: string;
    /** Directory `entry` is relative to. Default: `process.cwd()`. */
    cwd?: string;
    /** As `hookline build --compact`: signatures only, no generated code. */
    compact?: boolean;
}

/** Runs `hookline build --stdout` for the options and returns the module's text. */
export async function compiledModuleText(options: CompiledModuleOptions): Promise<string> {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const args = [cli, 'build', '--entry', resolve(options.cwd ?? process.cwd(), options.entry), '--stdout'];
    if (options.export !== undefined) args.push('--export', options.export);
    if (options.compact === true) args.push('--compact');
    try {
        const {stdout} = await run(process.execPath, args, {maxBuffer: 256 * 1024 * 1024, cwd: options.cwd ?? process.cwd()});
        return stdout;
    } catch (error) {
        const stderr = (error as {stderr?: string}).stderr;
        throw new Error(`hookline build failed for ${options.entry}:\n${stderr ?? (error as Error).message}`);
    }
}

/** The subset of an esbuild plugin that {@link hooklineCompiledEsbuild} returns (esbuild is not a dependency). */
export interface HooklineEsbuildPlugin {
    name: string;
    setup(build: {
        onResolve(options: {filter: RegExp}, callback: (args: {path: string}) => {path: string; namespace: string}): void;
        onLoad(
            options: {filter: RegExp; namespace: string},
            callback: () => Promise<{contents: string; loader: 'js'; resolveDir: string}>,
        ): void;
    }): void;
}

function exactId(id: string): RegExp {
    return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * esbuild plugin: `import compiled from 'hookline:compiled'` in the bundled code is the API's
 * compiled module, built from `entry` when the bundle is.
 *
 * @example
 * import {build} from 'esbuild';
 * import {hooklineCompiledEsbuild} from '@hookline/compiler/esbuild';
 * await build({entryPoints: ['src/worker.ts'], bundle: true, format: 'esm', outfile: 'dist/worker.js',
 *     plugins: [hooklineCompiledEsbuild({entry: 'src/api.ts'})]});
 */
export function hooklineCompiledEsbuild(options: CompiledModuleOptions): HooklineEsbuildPlugin {
    const id = options.id ?? COMPILED_MODULE_ID;
    const namespace = 'hookline-compiled';
    return {
        name: 'hookline-compiled',
        setup(build) {
            build.onResolve({filter: exactId(id)}, (args) => ({path: args.path, namespace}));
            build.onLoad({filter: /.*/, namespace}, async () => ({
                contents: await compiledModuleText(options),
                loader: 'js',
                // Its imports (@hookline/router) resolve as the entry's do.
                resolveDir: dirname(resolve(options.cwd ?? process.cwd(), options.entry)),
            }));
        },
    };
}

/** The subset of a vite/rollup plugin that {@link hooklineCompiledVite} returns. */
export interface HooklineCompiledVitePlugin {
    name: string;
    resolveId(id: string): string | undefined;
    load(id: string): Promise<string> | undefined;
}

/**
 * Vite (and rollup) plugin: `import compiled from 'hookline:compiled'` is the API's compiled
 * module, built from `entry` when vite builds or serves.
 *
 * @example
 * // vite.config.ts
 * import {hooklineCompiled} from '@hookline/compiler/vite';
 * export default defineConfig({plugins: [hooklineCompiled({entry: 'src/api.ts'})]});
 */
export function hooklineCompiledVite(options: CompiledModuleOptions): HooklineCompiledVitePlugin {
    const id = options.id ?? COMPILED_MODULE_ID;
    const resolved = `\0${id}`;
    return {
        name: 'hookline-compiled',
        resolveId: (source) => (source === id ? resolved : undefined),
        load: (source) => (source === resolved ? compiledModuleText(options) : undefined),
    };
}
