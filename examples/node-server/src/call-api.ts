// Calls every route of the example API over HTTP with the typed client (@hookline/client), as a
// front end would, and returns what it saw. Only the api spec's type is taken from the server, by
// a type-only import (a plain one would load the server module where deepkit compiles this file:
// see docs/client.md).
import {CallResult, createClient} from '@hookline/client';

type ExampleApi = import('./api.js').ExampleApi;

/** One call and what it resolved to. */
export interface CallOutcome {
    call: string;
    result: CallResult<unknown>;
    /** Why the call fails on purpose (a demo of the errors a client gets); absent for the calls meant to succeed. */
    demo?: string;
}

/** Calls each route once (and a few failing calls), in order. */
export async function callExampleApi(baseURL: string): Promise<CallOutcome[]> {
    const client = createClient<ExampleApi>({baseURL, timeoutMs: 10_000});
    // The header hook's value: sent as the authorization header with every call under `api`.
    client.api.auth.$set('Bearer token-ada');
    const outcomes: CallOutcome[] = [];
    const record = async (call: string, pending: Promise<CallResult<unknown>>, demo?: string): Promise<void> => {
        const result = await pending;
        outcomes.push(demo === undefined ? {call, result} : {call, result, demo});
    };
    await record('health', client.health());
    await record('api/users/me', client.api.users.me());
    await record('api/users/getUser', client.api.users.getUser(2));
    await record('api/pets/list', client.api.pets.list());
    await record('api/pets/add', client.api.pets.add({name: 'Lovelace', species: 'dog', birthDate: new Date('2023-06-01T00:00:00.000Z')}));
    await record('api/pets/ageInDays', client.api.pets.ageInDays(1, new Date('2025-05-01T00:00:00.000Z')));
    // A streaming route: `for await` gets each event as the server produces it (a Date revived in
    // each), then `result` holds the final value (or the error, typed like any call's).
    const activity = client.api.pets.activity(1, 3);
    const received: string[] = [];
    for await (const event of activity) received.push(`${event.kind} at ${event.at.toISOString().slice(11, 16)}`);
    const end = await activity.result;
    await record('api/pets/activity', Promise.resolve(end.ok ? {ok: true, value: {received, ...end.value}} : end));
    // The errors a client gets, each on purpose. A token for this call only:
    await record('api/users/me', client.api.users.me.$with({hooks: {'api/auth': ['Bearer wrong-token']}})(), 'a wrong token');
    // @ts-expect-error the types refuse a string id: sent anyway, to show the server's 400
    await record('api/users/getUser', client.api.users.getUser('two'), 'a param of the wrong type');
    // Declared errors arrive typed: narrowing on `name` types `errorData`, a misspelled name doesn't compile.
    const missing = await client.api.users.getUser(99);
    const demo = !missing.ok && missing.error.name === 'user-not-found' ? `no user with id ${missing.error.errorData.id}` : 'unexpected';
    await record('api/users/getUser', Promise.resolve(missing), `a user that does not exist: ${demo}`);
    const signedOut = await client.api.pets.list.$with({hooks: {'api/auth': ['Bearer expired-token']}})();
    const why =
        !signedOut.ok && signedOut.error.name === 'invalid-token' ? `the auth hook's ${signedOut.error.name}: sign in again` : 'unexpected';
    await record('api/pets/list', Promise.resolve(signedOut), why);
    await record('api/broken', client.api.broken(), 'a route that throws: a generic 500, details only in the server log');
    return outcomes;
}

/** One line per call: `ok <route> -> <value>` (Dates as ISO strings), or `<status> <route> -> <error name>: <message>`. */
export function formatOutcome({call, result}: CallOutcome): string {
    if (result.ok) return `ok ${call} -> ${JSON.stringify(result.value)}`;
    const e = result.error;
    return e.kind === 'rpc' || e.kind === 'router'
        ? `${e.statusCode} ${call} -> ${e.name}: ${e.message}`
        : `${e.kind} ${call} -> ${e.message}`;
}
