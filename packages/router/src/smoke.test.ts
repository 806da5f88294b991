import {describe, expect, it} from 'vitest';
import {CallContext, createRouter} from './index.js';

interface User {
    id: number;
    name: string;
    surname: string;
    lastUpdate: Date;
}

describe('smoke', () => {
    it('runs', async () => {
        const router = createRouter();
        router.registerRoutes({
            hello: (ctx: CallContext): {hello: string} => ({hello: 'world'}),
            updateUser: (ctx: CallContext, user: User): User => {
                const d = new Date(user.lastUpdate);
                d.setMonth(d.getMonth() + 1);
                return {...user, lastUpdate: d};
            },
        });
        const r1 = await router.call('hello');
        expect(r1.json()).toEqual({hello: {hello: 'world'}});
        const r2 = await router.call('updateUser', [{id: 1, name: 'a', surname: 'b', lastUpdate: '2024-01-01T00:00:00.000Z'}]);
        expect(r2.statusCode).toBe(200);
        expect(r2.json()).toEqual({updateUser: {id: 1, name: 'a', surname: 'b', lastUpdate: '2024-02-01T00:00:00.000Z'}});
        const r3 = await router.call('updateUser', [{id: 'x', name: 'a', surname: 'b', lastUpdate: 'nope'}]);
        console.log(r3.statusCode, r3.body);
        console.log(JSON.stringify(router.describe('updateUser'), null, 1));
    });
});
