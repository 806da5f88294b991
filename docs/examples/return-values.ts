import {CallContext, createRouter, Routes} from '@hookline/router';

interface PublicUser {
    id: number;
    name: string;
}

interface DbUser extends PublicUser {
    passwordHash: string;
}

const ada: DbUser = {id: 1, name: 'Ada', passwordHash: '$2b$10$abc'};

const routes = {
    // Declared PublicUser: the serializer compiled from PublicUser drops passwordHash.
    getUser: (ctx: CallContext, id: number): PublicUser => ({...ada, id}),
    // Inferred return type: reflects as any, written with JSON.stringify: passwordHash leaks.
    getUserInferred: (ctx: CallContext, id: number) => ({...ada, id}),
    // A union: the value is written as the member it matches, PublicUser: passwordHash is dropped too.
    findUser: (ctx: CallContext, name: string): PublicUser | null => (name === ada.name ? ada : null),
    // A value that doesn't match the declared type: 500 invalid-return, nothing leaks.
    getUserBroken: (ctx: CallContext, id: number): PublicUser => ({id, name: null}) as unknown as PublicUser,
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
