import {defineConfig} from 'vitest/config';
import {hooklineCompiled, hooklineTypes} from '@hookline/compiler/vite';

// hooklineTypes(): vite strips TypeScript types; this plugin compiles them into the handlers first,
// so the routes are validated in tests exactly as in production. hooklineCompiled(): provides
// 'hookline:compiled' to src/worker.ts, as build.mjs's esbuild plugin does in the bundle.
export default defineConfig({plugins: [hooklineTypes(), hooklineCompiled({entry: 'src/routes.ts', export: 'createRoutes'})]});
