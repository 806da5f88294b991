/// <reference types="@hookline/compiler/virtual" />
// The example API (examples/node-server/src/api.ts: users, pets, an auth header hook) as a Cloudflare
// Worker: the router on the compiled module ('hookline:compiled', built by build.mjs's esbuild
// plugin), served by @hookline/fetch. The store lives in the isolate's memory, as in the Node example.
import {createFetchHandler} from '@hookline/fetch';
import compiled from 'hookline:compiled';
import {createExampleApi, LogLine} from '../../node-server/src/api.js';
import {Store} from '../../node-server/src/store.js';

const logLine = (line: LogLine): void =>
    console.log(
        `[log] ${line.status} ${line.path}${line.user === null ? '' : ` user=${line.user}`}${line.errors.length > 0 ? ` errors=${JSON.stringify(line.errors)}` : ''}`,
    );

// The example's health route returns process.pid. With nodejs_compat (config.capnp, wrangler.toml)
// a Worker has a `process` global, but no process id: the route reports 0 there.
if (typeof process.pid !== 'number') Object.defineProperty(process, 'pid', {value: 0, configurable: true});

/** The example's router, on the compiled module. */
export const {router} = createExampleApi(new Store(), logLine, {compiled});

/** The Worker: `fetch(request, env, ctx)`; ctx.waitUntil keeps it alive until the log lines are handed off. */
export default {fetch: createFetchHandler(router)};
