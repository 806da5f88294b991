// A small API with typed errors (declared by a route, by a hook on its path, and by a route
// nested below that hook), for the client's typed-error tests over HTTP and its type tests.
import {CallContext, createRouter, headersHook, Routes, RpcError} from '@hookline/router';

export interface Account {
    id: number;
    owner: string;
}

/** Declared by `accounts/get`. */
export class AccountNotFound extends RpcError<'account-not-found', {id: number; closedAt: Date}, 404> {
    constructor(id: number) {
        super({
            name: 'account-not-found',
            statusCode: 404,
            publicMessage: `no account ${id}`,
            errorData: {id, closedAt: new Date('2024-01-31T00:00:00.000Z')},
        });
    }
}

/** Declared by the `session` header hook: every route beside and below it can answer it. */
export class SessionExpired extends RpcError<'session-expired', {expiredAt: Date}, 401> {
    constructor() {
        super({
            name: 'session-expired',
            statusCode: 401,
            publicMessage: 'session expired',
            errorData: {expiredAt: new Date('2024-02-01T00:00:00.000Z')},
        });
    }
}

/** Declared by `accounts/transfers/send`, with no fixed status. */
export class Overdrawn extends RpcError<'overdrawn', {missing: number}> {}

const routes = {
    open: {
        // No error declared on its path: an untyped route.
        ping: (ctx: CallContext, fail: boolean): string => {
            if (fail) throw new RpcError({name: 'custom', statusCode: 409, errorData: {why: 'asked'}});
            return 'pong';
        },
    },
    accounts: {
        session: headersHook('x-session', (ctx: CallContext, session: string): void | SessionExpired => {
            if (session === 'expired') throw new SessionExpired();
        }),
        get: (ctx: CallContext, id: number): Account | AccountNotFound => (id === 1 ? {id, owner: 'Ada'} : new AccountNotFound(id)),
        // Declares nothing itself, but the session hook on its path does: typed too.
        list: (ctx: CallContext, fail: boolean): Account[] => {
            if (fail) throw new RpcError({name: 'rate-limited', statusCode: 429, publicMessage: 'slow down', errorData: {retryIn: 3}});
            return [{id: 1, owner: 'Ada'}];
        },
        transfers: {
            send: async (ctx: CallContext, amount: number): Promise<{sent: number} | Overdrawn> =>
                amount > 100 ? new Overdrawn({name: 'overdrawn', statusCode: 422, errorData: {missing: amount - 100}}) : {sent: amount},
        },
    },
} satisfies Routes;

/** A router serving the API, and its api spec (`typeof` it types the client). */
export function createTypedErrorsApi() {
    // The warnings for undeclared errors are asserted in the router's tests: not printed here.
    const router = createRouter({logSink: () => undefined});
    const apiSpec = router.registerRoutes(routes);
    return {router, apiSpec};
}

/** The api spec's type. */
export type TypedErrorsApi = ReturnType<typeof createTypedErrorsApi>['apiSpec'];
