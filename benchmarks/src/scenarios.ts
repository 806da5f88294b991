// The benchmark scenarios, shared by every server and by the in-process benchmark.
import {CallContext, Routes} from '@hookline/router';

/** The update-user payload (the fastify/benchmarks lineage). */
export interface User {
    id: number;
    name: string;
    surname: string;
    lastUpdate: Date;
}

/** Adds one month to a user's lastUpdate: the work of the update-user scenario. */
export function addMonth(user: User): User {
    const lastUpdate = new Date(user.lastUpdate);
    lastUpdate.setUTCMonth(lastUpdate.getUTCMonth() + 1);
    return {id: user.id, name: user.name, surname: user.surname, lastUpdate};
}

/** Hookline routes of the scenarios. */
export const routes = {
    hello: (ctx: CallContext): {hello: string} => ({hello: 'world'}),
    updateUser: (ctx: CallContext, user: User): User => addMonth(user),
} satisfies Routes;

/** A request body of update-user; `id` varies so nothing can be cached. */
export function updateUserBody(id: number): string {
    return JSON.stringify({updateUser: [{id, name: 'Ada', surname: 'Lovelace', lastUpdate: '2024-01-31T10:00:00.000Z'}]});
}
