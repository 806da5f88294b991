/// <reference types="@hookline/compiler/virtual" />
// The Worker (`export default {fetch}`), bundled by build.mjs into dist/worker.js. The types come
// from the compiled module, 'hookline:compiled', which the hooklineCompiled esbuild plugin builds
// from src/routes.ts with the bundle (in tests, vitest.config.ts's plugin does): Workers refuse code
// generated from strings, and with the compiled module nothing is generated at runtime.
import {createFetchHandler} from '@hookline/fetch';
import compiled from 'hookline:compiled';
import {createApp} from './app.js';

// Built once per isolate, reused by the requests it serves. The in-memory store lives only as long
// as that isolate, and a deployed Worker runs many: keep real data in KV, D1 or a Durable Object.
const {router} = createApp({compiled});

/** The Worker: `fetch(request, env, ctx)`. */
export default {fetch: createFetchHandler(router)};
