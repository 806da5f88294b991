/// <reference types="@hookline/compiler/virtual" />
// The shared case table's routes (and a progress stream: worker-routes.ts) as a Worker module
// (`export default {fetch}`), on the compiled module: bundled by esbuild with hooklineCompiled({entry:
// 'packages/fetch/src/test-support/worker-routes.ts', export: 'workerRoutes'}), then served by
// workerd, by Bun.serve and by Deno.serve (runtimes.ts).
import {createRouter} from '@hookline/router';
import compiled from 'hookline:compiled';
import {workerRoutes} from './worker-routes.js';
import {createFetchHandler} from '../index.js';

const router = createRouter({compiled, maxBodySize: 4096});
router.registerRoutes(workerRoutes);

export default {fetch: createFetchHandler(router)};
