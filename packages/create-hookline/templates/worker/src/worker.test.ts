// The Worker's fetch handler, called in-process with Requests, as workerd would call it. Its types
// come from the compiled module (vitest.config.ts provides 'hookline:compiled'). `npm start` serves
// the built bundle on workerd itself.
import {describe, expect, it} from 'vitest';
import worker from './worker.js';

/** A Worker's ExecutionContext, enough for the adapter: it hands the log flush to waitUntil. */
const ctx = {waitUntil: (promise: Promise<unknown>): void => void promise.catch(() => {}), passThroughOnException: (): void => {}};

function call(path: string, body: unknown): Promise<Response> {
    const request = new Request(`https://my-api.example.workers.dev${path}`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(body),
    });
    return worker.fetch(request, {}, ctx);
}

describe('the Worker', () => {
    it('answers a call', async () => {
        const res = await call('/hello', {hello: ['Worker']});
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({hello: 'Hello, Worker!'});
    });

    it('adds a todo, createdAt serialized as an ISO string', async () => {
        const res = await call('/todos/add', {'todos/add': [{title: 'deploy'}]});
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({'todos/add': {id: 1, title: 'deploy', done: false, createdAt: expect.stringMatching(/^\d{4}-/)}});
    });

    it('refuses invalid params with a 400', async () => {
        const res = await call('/todos/get', {'todos/get': ['one']});
        expect(res.status).toBe(400);
    });
});
