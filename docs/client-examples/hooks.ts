import {createClient} from '@hookline/client';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

export async function hooks(baseURL: string): Promise<string[]> {
    const client = createClient<ExampleApi>({baseURL});
    const seen: string[] = [];

    // Set once: sent with every call of a route on the hook's path (everything under `api`).
    client.api.auth.$set('Bearer token-ada');
    const me = await client.api.users.me();
    seen.push(me.ok ? me.value.name : me.error.message);

    // Per call: takes precedence for this call only; the stored value stays.
    const grace = await client.api.users.me.$with({hooks: {'api/auth': ['Bearer token-grace']}})();
    seen.push(grace.ok ? grace.value.name : grace.error.message);
    seen.push(String(client.api.auth.$get()));

    // Cleared: the header is not sent, and the header hook answers 400 invalid-header.
    client.api.auth.$clear();
    const anonymous = await client.api.users.me();
    seen.push(anonymous.ok ? anonymous.value.name : `${anonymous.error.kind}: ${anonymous.error.message}`);
    return seen;
}
