// Bundles the Worker into dist/worker.js: one ES module, no node: imports, with the example API's
// compiled module (hookline:compiled, built here by `hookline build` from examples/node-server's api.ts),
// so nothing is generated from strings at runtime (workerd refuses `new Function`).
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
    plugins: [hooklineCompiled({entry: '../node-server/src/api.ts', export: 'createExampleApi'})],
});
