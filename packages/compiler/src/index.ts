export {transformTypeScript, isTransformableTypeScript} from './transform.js';
export type {TransformResult, TransformOptions} from './transform.js';
export {hooklineTypes} from './vite-plugin.js';
export type {HooklineVitePlugin} from './vite-plugin.js';
