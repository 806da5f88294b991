// The page of the browser test, bundled by esbuild: calls the example API from another origin with
// the typed client and leaves what it saw in `globalThis.hooklineResults` for the test to read.
// Only the type of the api spec is imported from the server: esbuild erases the import.
import {ExampleApi} from '../../../../examples/node-server/src/api.js';
import {CallResult, createClient, localStorageStore} from '../index.js';

interface PageGlobals {
    apiURL: string;
    noCorsURL: string;
    hooklineResults?: Record<string, unknown>;
    hooklineError?: string;
}

const page = globalThis as unknown as PageGlobals;

function outcome<T>(res: CallResult<T>): unknown {
    if (res.ok) return {ok: true};
    const e = res.error;
    return e.kind === 'router' || e.kind === 'rpc'
        ? {kind: e.kind, name: e.name, statusCode: e.statusCode, procedureId: e.procedureId}
        : {kind: e.kind};
}

async function main(): Promise<Record<string, unknown>> {
    const client = createClient<ExampleApi>({baseURL: page.apiURL, store: localStorageStore(), timeoutMs: 10_000});
    const storedOnLoad = client.api.auth.$get() ?? null;
    client.api.auth.$set('Bearer token-ada');

    const health = await client.health();
    const me = await client.api.users.me();
    const grace = await client.api.users.getUser(2);
    const added = await client.api.pets.add({name: 'Pixel', species: 'cat', birthDate: new Date('2022-02-22T00:00:00.000Z')});
    const age = await client.api.pets.ageInDays(1, new Date('2025-05-01T00:00:00.000Z'));
    const missing = await client.api.users.getUser(99);
    const wrongToken = await client.api.users.me.$with({hooks: {'api/auth': ['Bearer nope']}})();
    const invalid = await (client.api.users.getUser as unknown as (id: unknown) => Promise<CallResult<unknown>>)('two');
    const broken = await client.api.broken();
    const controller = new AbortController();
    const aborted = client.api.pets.list.$with({signal: controller.signal})();
    controller.abort();
    // The same API on a server without the cors option: the browser refuses to hand over the response.
    const noCors = await createClient<ExampleApi>({baseURL: page.noCorsURL}).health();

    return {
        storedOnLoad,
        healthTimeIsDate: health.value?.time instanceof Date,
        meName: me.value?.name ?? null,
        meCreatedAt: me.value?.createdAt instanceof Date ? me.value.createdAt.toISOString() : null,
        graceCreatedYear: grace.value?.createdAt.getUTCFullYear() ?? null,
        addedBirthDate: added.value?.birthDate instanceof Date ? added.value.birthDate.toISOString() : null,
        age: age.value ?? null,
        missing: outcome(missing),
        wrongToken: outcome(wrongToken),
        invalid: outcome(invalid),
        broken: outcome(broken),
        aborted: outcome(await aborted),
        noCors: outcome(noCors),
    };
}

main().then(
    (results) => (page.hooklineResults = results),
    (error: unknown) => (page.hooklineError = String(error)),
);
