import {CallContext, createRouter, headersHook, hook, Routes, RpcError} from '@hookline/router';

interface User {
    id: number;
    name: string;
}

const users: Record<number, User> = {1: {id: 1, name: 'Ada'}, 2: {id: 2, name: 'Grace'}};

const routes = {
    users: {
        // A header hook: its input is the request's header, the same for every call of a batch,
        // so a batch runs it once for all the calls under `users`.
        auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
            if (token !== 'Bearer secret') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
            ctx.shared.me = users[1];
        }),
        getUser: (ctx: CallContext, id: number): User => {
            const user = users[id];
            if (user === undefined) throw new RpcError({statusCode: 404, publicMessage: `no user ${id}`});
            return user;
        },
        me: (ctx: CallContext): User => ctx.shared.me,
    },
    reports: {
        // A hook with body params: each call carries its own, so it runs per call.
        tenant: hook((ctx: CallContext, tenant: string): void => {
            ctx.shared.tenant = tenant;
        }),
        monthly: (ctx: CallContext, month: number): string => `${ctx.shared.tenant}: report ${month}`,
    },
} satisfies Routes;

export const router = createRouter({prefix: 'api', maxBatchCalls: 3});
router.registerRoutes(routes);
