// The typed client against the example API (examples/node-server) on a real server on 127.0.0.1:
// every route, its header hook, Dates both ways, and the errors the API produces, narrowed by type.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi, ExampleApi, LogLine} from '../../../examples/node-server/src/api.js';
import {Store} from '../../../examples/node-server/src/store.js';
import {userNotFound99} from '../../../examples/node-server/src/test-support/example-checks.js';
import {CallFailedError, CallResult, Client, createClient, unwrap} from './index.js';
import {recordingFetch, SentRequest} from './test-support/fetch.js';

describe('the example API through the typed client', () => {
    const lines: LogLine[] = [];
    let server: NodeServerHandle;
    let client: Client<ExampleApi>;
    let sent: SentRequest[];
    beforeAll(async () => {
        server = await startNodeServer(createExampleApi(new Store(), (l) => lines.push(l)).router);
        const recorder = recordingFetch();
        sent = recorder.sent;
        client = createClient<ExampleApi>({baseURL: server.url, fetch: recorder.fetch});
        client.api.auth.$set('Bearer token-ada');
    });
    afterAll(() => server.close());

    const value = <T>(res: CallResult<T>): T => {
        if (!res.ok) throw new Error(`call failed: ${JSON.stringify(res.error)}`);
        return res.value;
    };

    it('health: fetches the metadata once, then one request per call; the time comes back as a Date', async () => {
        const health = value(await client.health());
        expect(health.ok).toBe(true);
        expect(health.time).toBeInstanceOf(Date);
        expect(Number.isNaN(health.time.getTime())).toBe(false);
        expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /@metadata', 'POST /health']);
        await client.health();
        expect(sent).toHaveLength(3);
    });

    it('users.me and users.getUser: the header hook goes as a header, in the same request', async () => {
        const before = sent.length;
        const me = value(await client.api.users.me());
        expect(me).toEqual({id: 1, name: 'Ada', email: 'ada@example.test', createdAt: new Date('2024-01-15T09:30:00.000Z')});
        const grace = value(await client.api.users.getUser(2));
        expect(grace.name).toBe('Grace');
        expect(grace.createdAt).toEqual(new Date('2024-03-02T14:00:00.000Z'));
        expect(sent.slice(before)).toEqual([
            {url: `${server.url}/api/users/me`, method: 'POST', headers: {authorization: 'Bearer token-ada'}, body: undefined},
            {
                url: `${server.url}/api/users/getUser`,
                method: 'POST',
                headers: {authorization: 'Bearer token-ada', 'content-type': 'application/json'},
                body: {'api/users/getUser': [2]},
            },
        ]);
    });

    it('pets.list, pets.add and pets.ageInDays: Dates go out as ISO strings and come back as Dates', async () => {
        const list = value(await client.api.pets.list());
        expect(list).toEqual([{id: 1, ownerId: 1, name: 'Babbage', species: 'cat', birthDate: new Date('2020-05-01T00:00:00.000Z')}]);
        const added = value(await client.api.pets.add({name: 'Lovelace', species: 'dog', birthDate: new Date('2023-06-01T00:00:00.000Z')}));
        expect(added).toEqual({id: 2, ownerId: 1, name: 'Lovelace', species: 'dog', birthDate: new Date('2023-06-01T00:00:00.000Z')});
        expect(sent.at(-1)?.body).toEqual({'api/pets/add': [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}]});
        expect(value(await client.api.pets.ageInDays(1, new Date('2025-05-01T00:00:00.000Z')))).toBe(1826);
        // A pet without a birth date: birthDate is null, not a Date.
        const undated = value(await client.api.pets.add({name: 'Ghost', species: 'other'}));
        expect(undated.birthDate).toBeNull();
    });

    it('pets.activity, a streaming route: events as they come (Dates revived), then the summary; the header hook goes along', async () => {
        const activity = client.api.pets.activity(1, 3);
        const kinds: string[] = [];
        for await (const event of activity) {
            expect(event.at).toBeInstanceOf(Date);
            kinds.push(event.kind);
        }
        expect(kinds).toEqual(['walk', 'meal', 'nap']);
        expect(await activity.result).toEqual({ok: true, value: {events: 3, until: new Date('2025-05-01T11:00:00.000Z')}});
        expect(sent.at(-1)).toEqual({
            url: `${server.url}/api/pets/activity`,
            method: 'POST',
            headers: {authorization: 'Bearer token-ada', 'content-type': 'application/json'},
            body: {'api/pets/activity': [1, 3]},
        });
        // Logged by the runOnError logger once the stream ended.
        expect(lines.at(-1)).toEqual({path: '/api/pets/activity', status: 200, user: 'Ada', errors: []});
        // An unknown pet fails before the first event, like any call: typed in result.
        const unknown = client.api.pets.activity(42, 1);
        let thrown: unknown;
        try {
            for await (const event of unknown) void event;
        } catch (e) {
            thrown = e;
        }
        expect(thrown).toBeInstanceOf(CallFailedError);
        const end = await unknown.result;
        expect(!end.ok && end.error.name === 'pet-not-found' ? [end.error.statusCode, end.error.errorData.petId] : undefined).toEqual([
            404, 42,
        ]);
    });

    it('declared errors of handlers: kind rpc, typed by name, with status, message and errorData', async () => {
        const missing = await client.api.users.getUser(99);
        expect(missing).toEqual({
            ok: false,
            error: userNotFound99,
        });
        const unnamed = await client.api.pets.add({name: ' ', species: 'cat'});
        expect(!unnamed.ok && unnamed.error.name === 'invalid-pet' && unnamed.error.errorData).toEqual({field: 'name'});
        const pets = value(await client.api.pets.list());
        const ghost = pets.find((p) => p.birthDate === null);
        const conflict = await client.api.pets.ageInDays(ghost?.id ?? -1, new Date());
        expect(
            !conflict.ok && conflict.error.name === 'birth-date-unknown' ? [conflict.error.statusCode, conflict.error.message] : undefined,
        ).toEqual([409, 'Birth date unknown']);
    });

    it('a wrong token, per call: the header hook answers 401 under its own id', async () => {
        const res = await client.api.users.me.$with({hooks: {'api/auth': ['Bearer wrong-token']}})();
        if (res.ok || res.error.kind !== 'rpc') throw new Error('expected an rpc error');
        expect(res.error).toEqual({
            kind: 'rpc',
            name: 'invalid-token',
            statusCode: 401,
            message: 'Invalid or missing token',
            procedureId: 'api/auth',
        });
        expect(sent.at(-1)?.headers.authorization).toBe('Bearer wrong-token');
        // The stored value is untouched by a per-call value.
        expect(client.api.auth.$get()).toEqual(['Bearer token-ada']);
    });

    it("the router's own errors: kind router, narrowed by name", async () => {
        // @ts-expect-error the types refuse a string id: sent anyway, to see the server refuse it
        const invalid = await client.api.users.getUser('two');
        if (invalid.ok || invalid.error.kind !== 'router' || invalid.error.name !== 'validation-failed')
            throw new Error('expected validation-failed');
        expect(invalid.error.statusCode).toBe(400);
        expect(invalid.error.errorData.errors).toEqual([
            {path: 'api/users/getUser[0]', expected: 'number', message: 'expected number, got string'},
        ]);

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
        if (anonymous.ok || anonymous.error.kind !== 'router' || anonymous.error.name !== 'invalid-header')
            throw new Error('expected invalid-header');
        expect(anonymous.error.errorData).toEqual({header: 'authorization'});
        expect(anonymous.error.procedureId).toBe('api/auth');
        client.api.auth.$set('Bearer token-ada');

        const nowhere = await (client.api.users as unknown as {deleteUser: () => Promise<CallResult<void>>}).deleteUser();
        expect(
            !nowhere.ok && nowhere.error.kind === 'router' ? [nowhere.error.name, nowhere.error.statusCode, nowhere.error.procedureId] : [],
        ).toEqual(['route-not-found', 404, '@router']);
    });

    it('unwrap returns the value, or throws the error', async () => {
        expect(unwrap(await client.api.users.getUser(1)).name).toBe('Ada');
        const thrown = await client.api.users
            .getUser(99)
            .then(unwrap)
            .catch((e: unknown) => e);
        expect(thrown).toMatchObject({name: 'CallFailedError', message: 'User 99 not found', error: {kind: 'rpc', statusCode: 404}});
    });

    it("ran the API's runOnError logger for every call but the metadata and the one to no route", () => {
        expect(lines.length).toBe(sent.length - 2);
        expect(lines.find((l) => l.status === 401)).toEqual({
            path: '/api/users/me',
            status: 401,
            user: null,
            errors: ['invalid-token: unknown token wron...'],
        });
    });
});
