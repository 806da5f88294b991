import {CallContext, createRouter, headersHook, hook, Routes, RpcError} from '@hookline/router';

interface User {
    id: number;
    name: string;
    lastUpdate: Date;
}

interface Report {
    tenant: string;
    month: number;
    total: number;
}

const addMonth = (date: Date): Date => {
    const next = new Date(date);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return next;
};

const routes = {
    health: (ctx: CallContext): {ok: boolean} => ({ok: true}),
    users: {
        auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
            if (token !== 'Bearer secret') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
        }),
        me: (ctx: CallContext): string => 'Ada',
        getUser: (ctx: CallContext, id: number): User => ({id, name: 'Ada', lastUpdate: new Date('2024-01-15T10:00:00.000Z')}),
        updateUser: (ctx: CallContext, user: User): User => ({...user, lastUpdate: addMonth(user.lastUpdate)}),
        crash: (ctx: CallContext): string => {
            throw new Error('connection to db-7 refused');
        },
    },
    reports: {
        // A hook with a body param: the client sends it under "reports/tenant".
        tenant: hook((ctx: CallContext, tenant: string): void => {
            ctx.shared.tenant = tenant;
        }),
        monthly: (ctx: CallContext, month: number): Report => ({tenant: ctx.shared.tenant, month, total: 1200}),
    },
} satisfies Routes;

export const router = createRouter({prefix: 'api', maxBodySize: 64 * 1024});
router.registerRoutes(routes);

// A second router, to show a whole metadata document.
export const helloRouter = createRouter();
helloRouter.registerRoutes({sayHello: (ctx: CallContext, name: string): string => `hello ${name}`});
