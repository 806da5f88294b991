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
    let server: Awaited<ReturnType<typeof startNodeServer>>;
    try {
        server = await startNodeServer(router, {host: '127.0.0.1', port, handleSignals: !once});
    } catch (error) {
        if ((error as {code?: unknown}).code !== 'EADDRINUSE') throw error;
        // Another server (often a second `npm start`) has the port: say so in one line, no stack.
        console.error(
            `Port ${port} on 127.0.0.1 is taken (another server?): stop it, or pick another port with PORT, e.g. PORT=3001 npm start.`,
        );
        process.exitCode = 1;
        return;
    }
    console.log(`Hookline example API listening on ${server.url}\n`);
    // The server's access log and error log print while the calls run, before their results:
    // say first that the failing ones are meant to fail.
    console.log(
        'Calling every route once with the typed client. The last calls are deliberate error demos: their [log] lines with errors, and the error log line of the 500, are expected.\n',
    );

    let demos = false;
    for (const outcome of await callExampleApi(server.url)) {
        if (outcome.demo !== undefined && !demos) {
            demos = true;
            console.log(
                '\nDeliberate error demos: the calls below fail on purpose, to show what a client gets (and the 500 also logs a line on the server):',
            );
        }
        console.log(`${formatOutcome(outcome)}${outcome.demo === undefined ? '' : `   [demo: ${outcome.demo}]`}`);
    }

    if (once) {
        await server.close();
    } else {
        console.log(`
Try it with curl:
  curl -s ${server.url}/health
  curl -s -X POST ${server.url}/api/users/getUser -H 'authorization: Bearer token-ada' -H 'content-type: application/json' -d '{"api/users/getUser":[1]}'
  curl -s -X POST ${server.url}/api/pets/add -H 'authorization: Bearer token-ada' -H 'content-type: application/json' -d '{"api/pets/add":[{"name":"Rex","species":"dog"}]}'
  curl -sN -X POST ${server.url}/api/pets/activity -H 'authorization: Bearer token-ada' -H 'content-type: application/json' -d '{"api/pets/activity":[1,5]}'
  curl -s ${server.url}/@metadata
Ctrl+C stops the server.`);
    }
}
