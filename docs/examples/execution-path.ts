import {CallContext, createRouter, headersHook, hook, route, Routes, RpcError} from '@hookline/router';

interface User {
    id: number;
    name: string;
    lastUpdate: Date;
}

export const auditLog: string[] = [];

const routes = {
    auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
        if (token !== 'Bearer secret') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
    }),
    users: {
        getUser: route((ctx: CallContext, id: number): User => ({id, name: 'Ada', lastUpdate: new Date(0)}), {
            description: 'One user by id',
        }),
    },
    audit: hook(
        (ctx: CallContext): void => {
            auditLog.push(`${ctx.path} ${ctx.response.statusCode}`);
        },
        {runOnError: true},
    ),
} satisfies Routes;

export const router = createRouter({prefix: 'api'});
router.registerRoutes(routes);
