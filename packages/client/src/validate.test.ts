// Client-side validation (`@hookline/client/validate`): the server's rules, the server's error, and
// no request for a call that fails it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi, ExampleApi} from '../../../examples/node-server/src/api.js';
import {NewPet} from '../../../examples/node-server/src/store.js';
import {Store} from '../../../examples/node-server/src/store.js';
import {CallResult, createClient} from './index.js';
import {recordingFetch} from './test-support/fetch.js';
import {createTestApi, TestApi} from './test-support/test-api.js';
import {validateParams} from './validate.js';

describe('validateParams', () => {
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(createExampleApi(new Store(), () => undefined).router);
    });
    afterAll(() => server.close());

    const badPets: unknown[] = [
        {name: 'Rex', species: 'fish'},
        {name: 7, species: 'dog', birthDate: '31/01/2024'},
        {name: 'Rex', species: 'dog', owner: 'me'},
        {name: 'Rex', species: 'dog', birthDate: new Date('nope')},
        'Rex',
    ];

    it.each(badPets.map((p) => [JSON.stringify(p), p] as const))(
        'refuses %s before sending, with the error the server would send',
        async (_name, pet) => {
            const {fetch, sent} = recordingFetch();
            const checked = createClient<ExampleApi>({baseURL: server.url, fetch, validate: validateParams});
            const unchecked = createClient<ExampleApi>({baseURL: server.url});
            checked.api.auth.$set('Bearer token-ada');
            unchecked.api.auth.$set('Bearer token-ada');
            const local = await checked.api.pets.add(pet as NewPet);
            const remote = await unchecked.api.pets.add(pet as NewPet);
            expect(remote.error).toMatchObject({kind: 'router', name: 'validation-failed'});
            expect(local).toEqual(remote);
            // Only the metadata request left: the call itself never did.
            expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/@metadata']);
        },
    );

    it('lets valid params through, Dates included, and checks counts and hook params', async () => {
        const {router} = createTestApi();
        const testServer = await startNodeServer(router);
        try {
            const {fetch, sent} = recordingFetch();
            const client = createClient<TestApi>({
                baseURL: `${testServer.url}/v1`,
                fetch,
                validate: validateParams,
                metadata: router.getMetadata(),
            });
            client.tenant.$set('acme');
            client.reports.version.$set(1);
            client.reports.audit.$set('check');
            expect((await client.reports.monthly(1, new Date('2024-01-01T00:00:00Z'))).ok).toBe(true);
            expect((await client.reports.monthly(1)).ok).toBe(true);
            expect(sent).toHaveLength(2);
            const tooMany = await (client.dates.echo as unknown as (...p: unknown[]) => Promise<CallResult<Date>>)(new Date(), 2);
            expect(tooMany.error).toMatchObject({
                kind: 'router',
                name: 'validation-failed',
                procedureId: 'dates/echo',
                errorData: {errors: [{path: 'dates/echo', message: 'expected at most 1 items, got 2'}]},
            });
            const badHook = await client.whoami.$with({hooks: {tenant: [42 as unknown as string]}})();
            expect(badHook.error).toMatchObject({
                name: 'validation-failed',
                procedureId: 'tenant',
                message: 'invalid params for "tenant": tenant[0]: expected string, got number',
            });
            // A missing param is left to the server (the metadata doesn't say which params are optional).
            const missing = await (client.dates.echo as unknown as () => Promise<CallResult<Date>>)();
            expect(missing.error).toMatchObject({kind: 'router', name: 'invalid-params', procedureId: 'dates/echo'});
            expect(sent).toHaveLength(3);
        } finally {
            await testServer.close();
        }
    });
});
