import {CallError, CallResult, createClient} from '@hookline/client';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;
type User = import('../../examples/node-server/src/store.js').User;

/** One line per kind of failure; `kind`, then `name` or `statusCode`, narrow the type. */
export function explain(error: CallError): string {
    switch (error.kind) {
        case 'rpc': // an RpcError thrown by a route or hook
            return error.statusCode === 401 ? 'please sign in' : `${error.statusCode} ${error.message}`;
        case 'router': // the router's own errors: narrowing on name types statusCode and errorData
            if (error.name === 'validation-failed') return `invalid: ${error.errorData.errors.map((e) => e.path).join(', ')}`;
            if (error.name === 'invalid-header') return `missing or bad header ${error.errorData.header}`;
            return `${error.name} (${error.statusCode})`;
        case 'network':
            return 'offline?';
        case 'timeout':
            return `no answer within ${error.timeoutMs} ms`;
        case 'aborted':
            return 'cancelled';
        case 'invalid-response':
            return `not a Hookline response (HTTP ${error.status})`;
    }
}

export async function findUser(baseURL: string, id: number, token: string): Promise<User | string> {
    const client = createClient<ExampleApi>({baseURL});
    const res: CallResult<User> = await client.api.users.getUser.$with({hooks: {'api/auth': [`Bearer ${token}`]}})(id);
    return res.ok ? res.value : explain(res.error);
}
