// `npm run build` bundles the Worker with esbuild into dist/worker.js: one ES module holding
// everything it imports, and the compiled module (`hookline:compiled`, built from src/routes.ts by
// the hooklineCompiled plugin), so nothing is generated from strings at runtime: Workers refuse
// `new Function`. wrangler's own bundling takes no esbuild plugins, so it deploys this file as is.
import {build} from 'esbuild';
import {hooklineCompiled} from '@hookline/compiler/esbuild';

await build({
    entryPoints: ['src/worker.ts'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    conditions: ['worker'],
    outfile: 'dist/worker.js',
    logLevel: 'warning',
    plugins: [hooklineCompiled({entry: 'src/routes.ts', export: 'createRoutes'})],
});
