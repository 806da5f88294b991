/// <reference types="@hookline/compiler/virtual" />
// A Cloudflare Worker (also a Bun or Deno server: see below) on the compiled module. Bundled with
// esbuild and hooklineCompiled({entry: 'src/compiled-api.ts'}); here the vitest plugin provides it.
import {createFetchHandler} from '@hookline/fetch';
import {createRouter} from '@hookline/router';
import compiled from 'hookline:compiled';
import {routes} from './compiled-api.js';

export const router = createRouter({compiled, echoRequestId: true});
router.registerRoutes(routes);

export default {fetch: createFetchHandler(router, {cors: {origin: 'https://app.example.com'}})};
