import {CallContext, createRouter, headersHook, route, Routes, RpcError} from '@hookline/router';

// What this app declares in `meta`. Augment RouteMeta to type ctx.route.meta itself (see below).
interface AccessMeta {
    roles?: string[];
}

// Stand-in for an auth service: the role of each token.
const roleOfToken: Record<string, string> = {'token-ada': 'admin', 'token-bob': 'member'};

interface RouteSummary {
    id: string;
    path: string;
    description: string | null;
    roles: string[];
}

const routes = {
    // Runs before every route below and decides by the roles the route declares.
    requireRole: headersHook('authorization', (ctx: CallContext, token?: string): void => {
        const roles = (ctx.route.meta as AccessMeta).roles;
        if (roles === undefined) return; // no roles declared: open
        const role = token === undefined ? undefined : roleOfToken[token];
        if (role === undefined || !roles.includes(role)) {
            throw new RpcError({statusCode: 403, publicMessage: `${ctx.route.id} needs the role ${roles.join(' or ')}`});
        }
    }),
    users: {
        listUsers: route((ctx: CallContext): string[] => ['Ada', 'Bob'], {
            description: 'Every user',
            meta: {roles: ['admin', 'member']},
        }),
        deleteUser: route((ctx: CallContext, name: string): string => `deleted ${name}`, {
            description: 'Deletes a user',
            meta: {roles: ['admin']},
        }),
    },
    // ctx.route: the route this call executes, for the route itself and every hook on its path.
    aboutThisRoute: route(
        (ctx: CallContext): RouteSummary => ({
            id: ctx.route.id,
            path: ctx.route.path,
            description: ctx.route.description ?? null,
            roles: (ctx.route.meta as AccessMeta).roles ?? [],
        }),
        {description: 'Describes the route it is'},
    ),
} satisfies Routes;

export const router = createRouter({prefix: 'api'});
router.registerRoutes(routes);
