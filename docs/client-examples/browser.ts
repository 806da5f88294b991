import {createClient, localStorageStore} from '@hookline/client';
import {validateParams} from '@hookline/client/validate';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

export function createBrowserClient(apiURL: string) {
    return createClient<ExampleApi>({
        baseURL: apiURL, // another origin: the server needs the cors option
        store: localStorageStore(), // hook values (the token) survive a reload
        validate: validateParams, // invalid params never leave the browser (adds the validator)
        credentials: 'include', // send cookies cross-origin (the server needs cors.credentials)
        timeoutMs: 15_000,
    });
}
