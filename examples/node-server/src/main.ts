// `npm start`: serves the example API on 127.0.0.1, calls every route once with the typed client
// (call-api.ts), prints the results and how to call it with curl, then serves until Ctrl+C.
// `--once` exits after the calls (used by the tests).
import {startNodeServer} from '@hookline/node';
import {createExampleApi, LogLine} from './api.js';
import {callExampleApi, formatOutcome} from './call-api.js';
import {Store} from './store.js';

const once = process.argv.includes('--once');
const port = Number(process.env.PORT ?? (once ? 0 : 3000));
const log = (line: LogLine): void =>
    console.log(
        `  [log] ${line.status} ${line.path}${line.user === null ? '' : ` user=${line.user}`}${line.errors.length > 0 ? ` errors=${JSON.stringify(line.errors)}` : ''}`,
    );

const {router} = createExampleApi(new Store(), log);
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
