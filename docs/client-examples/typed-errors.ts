import {createClient} from '@hookline/client';
type ExampleApi = import('../../examples/node-server/src/api.js').ExampleApi;

/** What a page shows for a user id: every failure of this route, narrowed by name. */
export async function userLabel(baseURL: string, id: number, token: string): Promise<string> {
    const client = createClient<ExampleApi>({baseURL});
    const res = await client.api.users.getUser.$with({hooks: {'api/auth': [`Bearer ${token}`]}})(id);
    if (res.ok) return res.value.name;
    switch (res.error.name) {
        case 'user-not-found': // declared by the route
            return `no user ${res.error.errorData.id}`;
        case 'invalid-token': // declared by the auth hook on its path
            return 'please sign in';
        default:
            return res.error.message;
    }
}
