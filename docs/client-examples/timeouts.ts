import {createClient} from '@hookline/client';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

export async function cancellable(baseURL: string): Promise<string[]> {
    // A timeout for every call of this client; a call can set its own (0: none).
    const client = createClient<ExampleApi>({baseURL, timeoutMs: 10_000});
    client.api.auth.$set('Bearer token-ada');

    const controller = new AbortController();
    const pending = client.api.pets.list.$with({signal: controller.signal, timeoutMs: 2_000})();
    controller.abort(); // e.g. the user left the page
    const res = await pending;
    return [res.ok ? 'done' : res.error.kind];
}
