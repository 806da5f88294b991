// A third-party client of the example API: openapi-fetch, typed by the types openapi-typescript
// generates from Hookline's OpenAPI document (.tmp/example-api.ts, written by
// src/openapi-client.test.ts, which type-checks this file with tsc, then runs it against the
// example API over HTTP). No Hookline package is imported here.
import createClient from 'openapi-fetch';
import {paths} from './.tmp/example-api.js';

/** One call: the route, the HTTP status, and what came back (data or error body). */
export interface Outcome {
    route: string;
    status: number;
    body: unknown;
}

/** Calls every route of the example API, and a few failures, with openapi-fetch. */
export async function callExampleApi(baseUrl: string): Promise<Outcome[]> {
    const client = createClient<paths>({baseUrl});
    const auth = {headers: {authorization: 'Bearer token-ada'}};
    const out: Outcome[] = [];
    const record = (route: string, r: {response: Response; data?: unknown; error?: unknown}): void => {
        out.push({route, status: r.response.status, body: r.data ?? r.error});
    };

    const health = await client.POST('/health');
    // Typed from the document: a Date travels as an ISO string (format date-time).
    const time: string | undefined = health.data?.health.time;
    record('health', health);
    record('health (GET)', await client.GET('/health'));

    const me = await client.POST('/api/users/me', auth);
    const name: string | undefined = me.data?.['api/users/me'].name;
    record('api/users/me', me);

    record('api/users/getUser', await client.POST('/api/users/getUser', {...auth, body: {'api/users/getUser': [2]}}));
    record('api/pets/list', await client.GET('/api/pets/list', auth));
    record(
        'api/pets/add',
        await client.POST('/api/pets/add', {
            ...auth,
            body: {'api/pets/add': [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}]},
        }),
    );
    record(
        'api/pets/ageInDays',
        await client.POST('/api/pets/ageInDays', {...auth, body: {'api/pets/ageInDays': [1, '2025-04-30T00:00:00.000Z']}}),
    );
    // A streaming route: server-sent events (its items' types are in the document's x-hookline-stream),
    // read here as text: a third-party client parses the events itself.
    record('api/pets/activity', await client.POST('/api/pets/activity', {...auth, body: {'api/pets/activity': [1, 2]}, parseAs: 'text'}));
    record('api/broken', await client.POST('/api/broken', auth));

    // A declared error, typed: the 404 body holds the user-not-found error under the route's id.
    const missing = await client.POST('/api/users/getUser', {...auth, body: {'api/users/getUser': [99]}});
    // The error is the union of the error responses' bodies: `in` picks those with the route's id.
    const notFound = missing.error !== undefined && 'api/users/getUser' in missing.error ? missing.error['api/users/getUser'] : undefined;
    if (notFound !== undefined && notFound.name === 'user-not-found') {
        const id: number = notFound.errorData.id;
        out.push({route: 'api/users/getUser (user-not-found)', status: missing.response.status, body: {id}});
    } else record('api/users/getUser (user-not-found)', missing);

    // Type-correct for the client (a string), refused by the router: not an ISO date -> 400 validation-failed.
    record(
        'api/pets/ageInDays (validation-failed)',
        await client.POST('/api/pets/ageInDays', {...auth, body: {'api/pets/ageInDays': [1, 'last tuesday']}}),
    );
    record('api/users/me (invalid-token)', await client.POST('/api/users/me', {headers: {authorization: 'Bearer nope'}}));
    if (time === undefined || name === undefined) throw new Error('health or me failed');
    return out;
}
