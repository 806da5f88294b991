import {CallContext, createRouter, HeaderHookDef, headersHook, Routes} from '@hookline/router';

interface User {
    name: string;
}

// Stand-ins for an auth service.
const getAuthUser = async (token: string): Promise<User | undefined> => (token === 'Bearer ada' ? {name: 'Ada'} : undefined);
const isAuthorized = (user: User | undefined): user is User => user !== undefined;

let requests = 0;

const routes = {
    // headersHook(headerName, handler): the one param is read from the header
    auth: headersHook('authorization', async (ctx: CallContext, token: string): Promise<void> => {
        const me = await getAuthUser(token);
        if (!isAuthorized(me)) throw {code: 401, message: 'user is not authorized'};
        ctx.shared.auth = {me}; // user is added to ctx to shared with other routes/hooks
    }),
    // {headerName, hook}: the object form; an optional param makes the header optional,
    // and a returned value is sent back as a response header of the same name
    requestId: {
        headerName: 'X-Request-Id',
        hook(ctx: CallContext, id?: string): string {
            return id ?? `req-${++requests}`;
        },
    } satisfies HeaderHookDef,
    whoAmI: (ctx: CallContext): string => ctx.shared.auth.me.name,
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
