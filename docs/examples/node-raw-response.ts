import {IncomingMessage, ServerResponse} from 'node:http';
import {CallContext, createRouter, rawHook, Routes} from '@hookline/router';

interface Order {
    id: number;
    total: number;
}

const orders: Order[] = [
    {id: 1, total: 42},
    {id: 2, total: 7.5},
];

const routes = {
    orders: {
        list: (ctx: CallContext): Order[] => orders,
        // Runs after the route: answers `accept: text/csv` itself, from the value the route returned.
        // (The raw objects are undefined in router.call and router.inject.)
        csv: rawHook((ctx: CallContext, rawRequest: IncomingMessage | undefined, rawResponse: ServerResponse | undefined): void => {
            if (rawResponse === undefined || rawRequest?.headers.accept?.includes('text/csv') !== true) return;
            const list = ctx.response.body['orders/list'] as Order[];
            rawResponse.writeHead(200, {'content-type': 'text/csv; charset=utf-8'});
            rawResponse.end(['id,total', ...list.map((o) => `${o.id},${o.total}`)].join('\n') + '\n');
        }),
    },
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
