/// <reference types="@hookline/compiler/virtual" />
// Hookline through @hookline/fetch, on the compiled module: bundled by esbuild with
// hooklineCompiled({entry: 'src/scenarios.ts'}) (./bundle.ts), so no type metadata, no
// @deepkit/type and no code generated at runtime, as docs/fetch.md deploys it.
import {createFetchHandler} from '@hookline/fetch';
import {createRouter} from '@hookline/router';
import compiled from 'hookline:compiled';
import {routes} from '../scenarios.js';

const router = createRouter({compiled});
router.registerRoutes(routes);

/** The Fetch handler of the benchmark's routes: served by Bun.serve in ./hookline.ts, the Worker of ../workerd/hookline.ts. */
export const fetchHandler = createFetchHandler(router);
