// The example API (examples/node-server/src/api.ts: users, pets, an auth header hook) served by Bun:
// Bun.serve({fetch}) with @hookline/fetch's handler. Bun runs this TypeScript as is; the handlers'
// types come from the compiled module `hookline build` wrote (examples/node-server/src/api.compiled.js),
// so no type compiler is involved. `npm start` (PORT, default 3000; 127.0.0.1).
import {createFetchHandler} from '@hookline/fetch';
import {createExampleApi, LogLine} from '../../node-server/src/api.js';
import compiled from '../../node-server/src/api.compiled.js';
import {Store} from '../../node-server/src/store.js';

/** The part of Bun's global this file uses (no @types/bun here). */
declare const Bun: {
    serve(options: {hostname: string; port: number; fetch: (request: Request, server: unknown) => Promise<Response>}): {url: URL};
};

const logLine = (line: LogLine): void =>
    console.log(
        `[log] ${line.status} ${line.path}${line.user === null ? '' : ` user=${line.user}`}${line.errors.length > 0 ? ` errors=${JSON.stringify(line.errors)}` : ''}`,
    );

const {router} = createExampleApi(new Store(), logLine, {compiled});
const server = Bun.serve({hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000), fetch: createFetchHandler(router)});
console.log(`Hookline example API on Bun listening on ${server.url.origin}`);
