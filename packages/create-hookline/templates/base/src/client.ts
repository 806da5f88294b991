// The typed client: its calls, params and results are typed from the server's routes.
import {createClient} from '@hookline/client';

// A type-only import that no compiler or bundler emits: the client never loads server code.
type Api = import('./app.js').Api;

/** A client of the API served at `baseURL`. Each call resolves to `{ok: true, value}` or `{ok: false, error}`. */
export function createApiClient(baseURL: string) {
    return createClient<Api>({baseURL, timeoutMs: 5_000});
}
