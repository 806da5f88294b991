import {CallContext, createRouter, hook, Routes, RpcError} from '@hookline/router';

interface Order {
    id: number;
    total: number;
}

const orders = new Map<number, Order>([[1, {id: 1, total: 42}]]);
export const serverLog: string[] = [];

const routes = {
    orders: {
        // Thrown: stops the execution path; only the public fields reach the client.
        getOrder: (ctx: CallContext, id: number): Order => {
            const order = orders.get(id);
            if (order === undefined) {
                throw new RpcError({
                    statusCode: 404,
                    name: 'order-not-found',
                    publicMessage: `no order ${id}`,
                    message: `order ${id} not in shard eu-3`,
                    errorData: {id},
                });
            }
            return order;
        },
        // Returned: same effect as thrown; declare it in the return type.
        cancelOrder: (ctx: CallContext, id: number): Order | RpcError => {
            const order = orders.get(id);
            if (order === undefined || order.total > 100) return new RpcError({statusCode: 409, publicMessage: "can't cancel this order"});
            return order;
        },
        // The seed's form: a plain object with a 4xx code (or statusCode) and a message.
        deleteOrder: (ctx: CallContext, id: number): void => {
            throw {code: 403, message: `only admins delete orders (order ${id})`};
        },
        // Anything else: 500 unexpected-error, with a generic message.
        exportOrders: (ctx: CallContext): string => {
            throw new Error('S3 bucket acme-exports: AccessDenied');
        },
    },
    // Sees every error of the call, private message included.
    errorLog: hook(
        (ctx: CallContext): void => {
            for (const e of ctx.request.internalErrors) serverLog.push(`${ctx.path} ${e.name}: ${e.message}`);
        },
        {runOnError: true},
    ),
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
