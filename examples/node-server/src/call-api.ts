// Calls every route of the example API over HTTP, as a front end would, and returns what it saw.

/** One call and its outcome. */
export interface CallResult {
    call: string;
    status: number;
    body: unknown;
}

async function call(baseUrl: string, routeId: string, params: unknown[] | undefined, token?: string): Promise<CallResult> {
    const headers: Record<string, string> = {'content-type': 'application/json'};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}/${routeId}`, {
        method: 'POST',
        headers,
        body: params === undefined ? undefined : JSON.stringify({[routeId]: params}),
    });
    return {call: routeId, status: res.status, body: await res.json()};
}

/** Calls each route once (and a few failing calls), in order. */
export async function callExampleApi(baseUrl: string): Promise<CallResult[]> {
    const token = 'token-ada';
    return [
        await call(baseUrl, 'health', undefined),
        await call(baseUrl, 'api/users/me', undefined, token),
        await call(baseUrl, 'api/users/getUser', [2], token),
        await call(baseUrl, 'api/pets/list', undefined, token),
        await call(baseUrl, 'api/pets/add', [{name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'}], token),
        await call(baseUrl, 'api/pets/ageInDays', [1, '2025-05-01T00:00:00.000Z'], token),
        await call(baseUrl, 'api/users/me', undefined, 'wrong-token'),
        await call(baseUrl, 'api/users/getUser', ['two'], token),
        await call(baseUrl, 'api/users/getUser', [99], token),
        await call(baseUrl, 'api/broken', undefined, token),
    ];
}
