// What `npm start` does with a router, shared by main.ts (types from the type compiler) and
// main-compiled.ts (types from the compiled module): serves the API on 127.0.0.1, calls every route
// once with the typed client (call-api.ts), prints the results and how to call it with curl, then
// serves until Ctrl+C. `--once` exits after the calls (used by the tests).
import {Router} from '@hookline/router';
import {startNodeServer} from '@hookline/node';
import {LogLine} from './api.js';
import {callExampleApi, formatOutcome} from './call-api.js';

/** Prints one access-log line of the example API. */
export function printLogLine(line: LogLine): void {
    console.log(
        `  [log] ${line.status} ${line.path}${line.user === null ? '' : ` user=${line.user}`}${line.errors.length > 0 ? ` errors=${JSON.stringify(line.errors)}` : ''}`,
    );
}

/** Serves `router` as `npm start` does; with `--once` in argv, returns after calling every route once. */
export async function runExample(router: Router): Promise<void> {
    const once = process.argv.includes('--once');
    const port = Number(process.env.PORT ?? (once ? 0 : 3000));
    const server = await startNodeServer(router, {host: '127.0.0.1', port, handleSignals: !once});
    console.log(`Hookline example API listening on ${server.url}\n`);

    for (const outcome of await callExampleApi(server.url)) console.log(formatOutcome(outcome));

    if (once) {
        await server.close();
    } else {
        console.log(`
Try it with curl:
  curl -s ${server.url}/health
  curl -s -X POST ${server.url}/api/users/getUser -H 'authorization: Bearer token-ada' -H 'content-type: application/json' -d '{"api/users/getUser":[1]}'
  curl -s -X POST ${server.url}/api/pets/add -H 'authorization: Bearer token-ada' -H 'content-type: application/json' -d '{"api/pets/add":[{"name":"Rex","species":"dog"}]}'
  curl -s ${server.url}/@metadata
Ctrl+C stops the server.`);
    }
}
