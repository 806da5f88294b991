import {createClient} from '@hookline/client';
// The api's type by an import type: never emitted, whatever builds this file (deepkit's type compiler
// included), so no server code is loaded or bundled. A plain import is not always erased: see below.
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

// baseURL: where the router is served, its prefix included (the example router has none).
export function createExampleClient(baseURL: string) {
    return createClient<ExampleApi>({baseURL, timeoutMs: 5_000});
}

export async function petsOfAda(baseURL: string): Promise<string[]> {
    const client = createExampleClient(baseURL);
    client.api.auth.$set('Bearer token-ada'); // the header hook's value, sent with every call under api
    const res = await client.api.pets.list(); // one POST /api/pets/list, with the authorization header
    if (!res.ok) return [`failed: ${res.error.message}`];
    // birthDate is a Date (or null), as the server declared it.
    return res.value.map((pet) => `${pet.name}, born ${pet.birthDate?.getUTCFullYear() ?? 'unknown'}`);
}
