// The API over real HTTP on 127.0.0.1, called with the typed client. vitest.config.ts adds
// hooklineTypes(), so the handlers carry their types here; the compiled module is tested too.
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createApp} from './app.js';
import {createApiClient} from './client.js';
import compiled from './routes.compiled.js';

describe.each([
    {way: 'types from the handlers', compiled: undefined},
    {way: 'types from the compiled module', compiled},
])('the API, $way', ({compiled}) => {
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(createApp({compiled}).router, {host: '127.0.0.1', port: 0});
    });
    afterAll(() => server.close());

    it('says hello', async () => {
        const res = await createApiClient(server.url).hello('Ada');
        expect(res.ok && res.value).toBe('Hello, Ada!');
    });

    it('adds a todo and reads it back, createdAt as a Date', async () => {
        const client = createApiClient(server.url);
        const added = await client.todos.add({title: 'write tests'});
        if (!added.ok) throw new Error(added.error.message);
        const read = await client.todos.get(added.value.id);
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value).toEqual({id: added.value.id, title: 'write tests', done: false, createdAt: expect.any(Date)});
    });

    it('answers a missing todo with a 404', async () => {
        const res = await createApiClient(server.url).todos.get(12345);
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error).toMatchObject({kind: 'rpc', statusCode: 404, message: 'todo 12345 not found'});
    });

    it('refuses params that do not match the types with a 400', async () => {
        const res = await fetch(`${server.url}/todos/add`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({'todos/add': [{title: 42}]}),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({'todos/add': {name: 'validation-failed', statusCode: 400}});
    });
});
