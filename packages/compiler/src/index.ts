export {transformTypeScript, isTransformableTypeScript} from './transform.js';
export type {TransformResult, TransformOptions} from './transform.js';
export {hooklineTypes} from './vite-plugin.js';
export type {HooklineVitePlugin} from './vite-plugin.js';
export {hooklineCompiledEsbuild, hooklineCompiledVite, compiledModuleText, COMPILED_MODULE_ID} from './bundler-plugins.js';
export type {CompiledModuleOptions, HooklineEsbuildPlugin, HooklineCompiledVitePlugin} from './bundler-plugins.js';
export {buildCompiledModule, declarationPath, BuildError} from './build.js';
export type {BuildOptions, BuildResult} from './build.js';
