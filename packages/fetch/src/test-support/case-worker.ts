/// <reference types="@hookline/compiler/virtual" />
// The shared case table's routes as a Worker module (`export default {fetch}`), on the compiled
// module: bundled by esbuild with hooklineCompiled({entry: 'test/shared/protocol-cases.ts', export:
// 'caseRoutes'}), then served by workerd, by Bun.serve and by Deno.serve (runtimes.ts).
import {createRouter} from '@hookline/router';
import compiled from 'hookline:compiled';
import {caseRoutes} from '../../../../test/shared/protocol-cases.js';
import {createFetchHandler} from '../index.js';

const router = createRouter({compiled, maxBodySize: 4096});
router.registerRoutes(caseRoutes);

export default {fetch: createFetchHandler(router)};
