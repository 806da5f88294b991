import {createClient, FetchLike} from '@hookline/client';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

export async function batched(baseURL: string, fetch?: FetchLike): Promise<string[]> {
    const client = createClient<ExampleApi>({baseURL, fetch});
    client.api.auth.$set('Bearer token-ada');

    // The calls made inside the callback go out as one request; each result is typed as the call alone.
    const [me, missing, pets] = await client.$batch(() => [
        client.api.users.me(),
        client.api.users.getUser(99),
        client.api.pets.list.$with({timeoutMs: 2_000})(),
    ]);
    return [
        me.ok ? `me: ${me.value.name}, since ${me.value.createdAt.getUTCFullYear()}` : me.error.name,
        !missing.ok && missing.error.name === 'user-not-found' ? `no user ${missing.error.errorData.id}` : 'found',
        pets.ok ? `${pets.value.length} pet(s)` : pets.error.name,
    ];
}

export async function autoBatched(baseURL: string, fetch?: FetchLike): Promise<string[]> {
    // Calls made in the same tick are gathered, at most 10 per request; a lone call goes alone.
    const client = createClient<ExampleApi>({baseURL, fetch, batch: {maxCalls: 10, maxWaitMs: 0}});
    client.api.auth.$set('Bearer token-ada');
    const users = await Promise.all([1, 2].map((id) => client.api.users.getUser(id)));
    return users.map((r) => (r.ok ? r.value.name : r.error.name));
}
