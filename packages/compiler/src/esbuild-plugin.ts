// `@hookline/compiler/esbuild`: the compiled module as a virtual module of esbuild builds.
export {hooklineCompiledEsbuild, hooklineCompiledEsbuild as hooklineCompiled, COMPILED_MODULE_ID} from './bundler-plugins.js';
export type {HooklineEsbuildPlugin, CompiledModuleOptions} from './bundler-plugins.js';
