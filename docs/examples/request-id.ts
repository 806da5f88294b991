import {CallContext, createRouter, Routes, RpcError} from '@hookline/router';

interface Order {
    id: number;
    total: number;
}

const orders = new Map<number, Order>([[1, {id: 1, total: 42}]]);

const routes = {
    orders: {
        getOrder: (ctx: CallContext, id: number): Order => {
            const order = orders.get(id);
            if (order === undefined) throw new RpcError({statusCode: 404, publicMessage: `no order ${id}`});
            return order;
        },
    },
    // The call's id: the client's x-request-id when well formed, else a new UUID.
    whichRequest: (ctx: CallContext): string => ctx.requestId,
} satisfies Routes;

// echoRequestId: the id goes back in the x-request-id response header, and as `id` on public errors.
export const router = createRouter({echoRequestId: true});
router.registerRoutes(routes);
