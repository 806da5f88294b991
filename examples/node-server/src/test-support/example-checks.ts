// What the example API must answer, as plain async checks over a base URL, so the same checks run
// against every build of it (toolchains.test.ts): the typed client's calls (after
// packages/client/src/example-api.test.ts) and the calls `npm start` makes (call-api.ts).
import {expect} from 'vitest';
import {CallResult, createClient} from '@hookline/client';
import {recordingFetch} from '../../../../packages/client/src/test-support/fetch.js';
import {ExampleApi} from '../api.js';
import {callExampleApi, formatOutcome} from '../call-api.js';

function value<T>(res: CallResult<T>): T {
    if (!res.ok) throw new Error(`call failed: ${JSON.stringify(res.error)}`);
    return res.value;
}

/** The declared error the example API answers `getUser(99)` with, as the typed client gets it. */
export const userNotFound99 = {
    kind: 'rpc',
    name: 'user-not-found',
    statusCode: 404,
    message: 'User 99 not found',
    errorData: {id: 99},
    procedureId: 'api/users/getUser',
} as const;

/**
 * The typed client against a fresh example server: every route, the header hook, Dates both
 * ways, handler and router errors narrowed by kind. Adds pets 2 and 3 to the server's store.
 */
export async function checkTypedClient(baseURL: string): Promise<void> {
    const {fetch, sent} = recordingFetch();
    const client = createClient<ExampleApi>({baseURL, fetch, timeoutMs: 10_000});
    client.api.auth.$set('Bearer token-ada');

    const health = value(await client.health());
    expect(health.ok).toBe(true);
    expect(health.time).toBeInstanceOf(Date);
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /@metadata', 'POST /health']);

    expect(value(await client.api.users.me())).toEqual({
        id: 1,
        name: 'Ada',
        email: 'ada@example.test',
        createdAt: new Date('2024-01-15T09:30:00.000Z'),
    });
    expect(value(await client.api.users.getUser(2)).createdAt).toEqual(new Date('2024-03-02T14:00:00.000Z'));
    expect(sent.at(-1)).toEqual({
        url: `${baseURL}/api/users/getUser`,
        method: 'POST',
        headers: {authorization: 'Bearer token-ada', 'content-type': 'application/json'},
        body: {'api/users/getUser': [2]},
    });

    expect(value(await client.api.pets.list())).toEqual([
        {id: 1, ownerId: 1, name: 'Babbage', species: 'cat', birthDate: new Date('2020-05-01T00:00:00.000Z')},
    ]);
    const added = value(await client.api.pets.add({name: 'Lovelace', species: 'dog', birthDate: new Date('2023-06-01T00:00:00.000Z')}));
    expect(added).toEqual({id: 2, ownerId: 1, name: 'Lovelace', species: 'dog', birthDate: new Date('2023-06-01T00:00:00.000Z')});
    expect(sent.at(-1)?.body).toEqual({'api/pets/add': [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}]});
    expect(value(await client.api.pets.ageInDays(1, new Date('2025-05-01T00:00:00.000Z')))).toBe(1826);
    expect(value(await client.api.pets.add({name: 'Ghost', species: 'other'})).birthDate).toBeNull();

    // The streaming route: each event revived (its Date), then the summary; one POST, never batched.
    const activity = client.api.pets.activity(1, 2);
    const events = [];
    for await (const event of activity) events.push(event);
    expect(events).toEqual([
        {petId: 1, kind: 'walk', at: new Date('2025-05-01T08:00:00.000Z')},
        {petId: 1, kind: 'meal', at: new Date('2025-05-01T09:00:00.000Z')},
    ]);
    expect(await activity.result).toEqual({ok: true, value: {events: 2, until: new Date('2025-05-01T10:00:00.000Z')}});
    expect(sent.at(-1)).toMatchObject({url: `${baseURL}/api/pets/activity`, method: 'POST', body: {'api/pets/activity': [1, 2]}});
    // An unknown pet: answered before any event, like any call's error; the loop throws, result narrows.
    const unknown = client.api.pets.activity(42, 2);
    await expect(
        (async () => {
            for await (const event of unknown) void event;
        })(),
    ).rejects.toThrow('No such pet');
    const gone = await unknown.result;
    expect(!gone.ok && gone.error.name === 'pet-not-found' ? gone.error.errorData.petId : undefined).toBe(42);

    expect(await client.api.users.getUser(99)).toEqual({
        ok: false,
        error: userNotFound99,
    });
    const unnamed = await client.api.pets.add({name: ' ', species: 'cat'});
    expect(!unnamed.ok && unnamed.error.kind === 'rpc' && unnamed.error.errorData).toEqual({field: 'name'});
    const conflict = await client.api.pets.ageInDays(3, new Date());
    expect(conflict.error).toMatchObject({
        kind: 'rpc',
        name: 'birth-date-unknown',
        statusCode: 409,
        message: 'Birth date unknown',
        errorData: {petId: 3},
    });

    expect((await client.api.users.me.$with({hooks: {'api/auth': ['Bearer wrong-token']}})()).error).toEqual({
        kind: 'rpc',
        name: 'invalid-token',
        statusCode: 401,
        message: 'Invalid or missing token',
        procedureId: 'api/auth',
    });

    // @ts-expect-error the types refuse a string id: sent anyway, to see the server refuse it
    const invalid = await client.api.users.getUser('two');
    expect(invalid.error).toMatchObject({kind: 'router', name: 'validation-failed', statusCode: 400});
    expect(!invalid.ok && invalid.error.kind === 'router' && invalid.error.errorData).toEqual({
        errors: [{path: 'api/users/getUser[0]', expected: 'number', message: 'expected number, got string'}],
    });
    const broken = await client.api.broken();
    expect(broken.error).toEqual({
        kind: 'router',
        name: 'unexpected-error',
        statusCode: 500,
        message: 'Unexpected error',
        procedureId: 'api/broken',
        errorData: undefined,
    });
    expect(JSON.stringify(broken)).not.toContain('10.0.0.7');

    client.api.auth.$clear();
    const anonymous = await client.api.users.me();
    expect(anonymous.error).toMatchObject({
        kind: 'router',
        name: 'invalid-header',
        procedureId: 'api/auth',
        errorData: {header: 'authorization'},
    });
    const nowhere = await (client.api.users as unknown as {deleteUser: () => Promise<CallResult<void>>}).deleteUser();
    expect(nowhere.error).toMatchObject({kind: 'router', name: 'route-not-found', statusCode: 404, procedureId: '@router'});
}

/** The calls `npm start` makes (call-api.ts) and what they must print; `addedPetId` is the id the store gives Lovelace. */
export async function checkStartCalls(baseURL: string, addedPetId: number): Promise<void> {
    const results = await callExampleApi(baseURL);
    expect(results.map((r) => formatOutcome(r).split(' -> ')[0])).toEqual([
        'ok health',
        'ok api/users/me',
        'ok api/users/getUser',
        'ok api/pets/list',
        'ok api/pets/add',
        'ok api/pets/ageInDays',
        'ok api/pets/activity',
        '401 api/users/me',
        '400 api/users/getUser',
        '404 api/users/getUser',
        '401 api/pets/list',
        '500 api/broken',
    ]);
    expect(formatOutcome(results[4] as (typeof results)[number])).toBe(
        `ok api/pets/add -> {"id":${addedPetId},"ownerId":1,"name":"Lovelace","species":"dog","birthDate":"2023-06-01T00:00:00.000Z"}`,
    );
    expect(results[5]?.result.value).toBe(1826);
    expect(formatOutcome(results[6] as (typeof results)[number])).toBe(
        'ok api/pets/activity -> {"received":["walk at 08:00","meal at 09:00","nap at 10:00"],"events":3,"until":"2025-05-01T11:00:00.000Z"}',
    );
}
