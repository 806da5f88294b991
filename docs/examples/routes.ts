import {CallContext, createRouter, route, RouteDef, Routes} from '@hookline/router';

interface User {
    id: number;
    name: string;
}

const users: User[] = [{id: 1, name: 'Ada'}];

// A plain function is a route: the call context first, then the remote params.
const getUser = (ctx: CallContext, id: number): User | null => users.find((u) => u.id === id) ?? null;

const routes = {
    users: {
        getUser,
        // route(handler, options): a route with options.
        listUsers: route((ctx: CallContext): User[] => users, {description: 'Every user'}),
        // {route}: the object form of the same thing.
        countUsers: {route: (ctx: CallContext): number => users.length} satisfies RouteDef,
    },
    sayHello: (ctx: CallContext, name: string): string => `hello ${name}`,
} satisfies Routes;

export const router = createRouter({prefix: 'api'});
export const apiSpec = router.registerRoutes(routes);
