import {isTransformableTypeScript, transformTypeScript} from './transform.js';

/** The subset of a vite plugin that {@link hooklineTypes} returns (kept local so vite is not a dependency). */
export interface HooklineVitePlugin {
    name: string;
    enforce: 'pre';
    transform(code: string, id: string): {code: string; map: string | undefined} | null;
}

/**
 * Vite/vitest plugin that runs deepkit's type compiler on the project's TypeScript files, so
 * Hookline can validate and serialize from handler types. Vite's own esbuild step strips types;
 * this plugin runs before it.
 *
 * @example
 * // vitest.config.ts
 * import {defineConfig} from 'vitest/config';
 * import {hooklineTypes} from '@hookline/compiler/vite';
 * export default defineConfig({plugins: [hooklineTypes()]});
 */
export function hooklineTypes(): HooklineVitePlugin {
    return {
        name: 'hookline-types',
        enforce: 'pre',
        transform(code, id) {
            const file = id.split('?', 1)[0] ?? id;
            if (!isTransformableTypeScript(file)) return null;
            return transformTypeScript(code, file);
        },
    };
}

export {hooklineCompiledVite as hooklineCompiled} from './bundler-plugins.js';
export type {HooklineCompiledVitePlugin, CompiledModuleOptions} from './bundler-plugins.js';
