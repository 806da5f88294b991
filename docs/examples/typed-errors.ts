import {createClient} from '@hookline/client';
import {CallContext, createRouter, headersHook, Routes, RpcError} from '@hookline/router';

interface Order {
    id: number;
    total: number;
}

// Each declared error is a class: a literal name, the type of its errorData, its status.
export class TokenExpired extends RpcError<'token-expired', {expiredAt: Date}, 401> {
    constructor(expiredAt: Date) {
        super({name: 'token-expired', statusCode: 401, publicMessage: 'token expired', errorData: {expiredAt}});
    }
}

export class OrderNotFound extends RpcError<'order-not-found', {id: number}, 404> {
    constructor(id: number) {
        super({name: 'order-not-found', statusCode: 404, publicMessage: `no order ${id}`, errorData: {id}});
    }
}

const orders = new Map<number, Order>([[1, {id: 1, total: 42}]]);

const routes = {
    // A hook declares its errors like a route: every route beside and below it can answer them.
    auth: headersHook('authorization', (ctx: CallContext, token: string): void | TokenExpired => {
        if (token === 'Bearer old') throw new TokenExpired(new Date('2024-05-01T00:00:00.000Z'));
    }),
    orders: {
        // Returned or thrown, the same: the class in the return type is the declaration.
        get: (ctx: CallContext, id: number): Order | OrderNotFound => orders.get(id) ?? new OrderNotFound(id),
        // Declares nothing itself, but the auth hook on its path does: a typed route too.
        cancel: (ctx: CallContext, id: number): Order => {
            throw new RpcError({name: 'locked', statusCode: 409, publicMessage: 'order locked', errorData: {by: 'job 7'}});
        },
    },
} satisfies Routes;

export const router = createRouter();
export const apiSpec = router.registerRoutes(routes);

/** What a front end shows for an order: each failure narrowed by its name. */
export async function orderLabel(baseURL: string, id: number, token = 'Bearer ok'): Promise<string> {
    const client = createClient<typeof apiSpec>({baseURL, headers: {authorization: token}});
    const r = await client.orders.get(id);
    if (r.ok) return `order ${r.value.id}: ${r.value.total}`;
    switch (r.error.name) {
        case 'order-not-found':
            return `no order ${r.error.errorData.id}`;
        case 'token-expired':
            // errorData arrives as declared: its Date is a Date.
            return `signed out at ${r.error.errorData.expiredAt.toISOString()}`;
        default:
            // The router's codes, the generic RpcError, network, timeout, aborted, invalid-response.
            return `${r.error.name}: ${r.error.message}`;
    }
}
