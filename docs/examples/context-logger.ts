// #region logger
import {CallContext, createRouter, jsonLinesSink, LogLine, pinoSink, Routes} from '@hookline/router';

// Stand-in for a log shipper: receives each batch of lines after the responses are sent.
export const shipped: LogLine[][] = [];

const routes = {
    orders: {
        placeOrder: async (ctx: CallContext, sku: string, quantity: number): Promise<string> => {
            ctx.logger.info('placing order', {sku, quantity});
            ctx.logger.debug('stock checked'); // below the router's logLevel ('info'): dropped
            if (quantity > 10) ctx.logger.warn('large order', {quantity});
            return `order of ${quantity} ${sku}`;
        },
        // Not logged by the handler: logInternalErrors logs the error once, at level error (a 5xx).
        payOrder: async (ctx: CallContext, id: number): Promise<string> => {
            throw new Error(`payment gateway timeout for order ${id}`);
        },
    },
} satisfies Routes;

export const router = createRouter({logSink: (lines: readonly LogLine[]): void => void shipped.push([...lines])});
router.registerRoutes(routes);
// #endregion logger

// #region sinks
// The default: one JSON object per line, on stdout. Another stream:
export const stderrRouter = createRouter({logSink: jsonLinesSink(process.stderr)});
stderrRouter.registerRoutes(routes);

// pino, or any logger with pino's four methods: logger[level]({requestId, route, time, ...data}, msg).
// In an app: createRouter({logSink: pinoSink(pino())}).
export const pinoCalls: [string, object, string][] = [];
const pinoLike = {
    debug: (obj: object, msg: string): number => pinoCalls.push(['debug', obj, msg]),
    info: (obj: object, msg: string): number => pinoCalls.push(['info', obj, msg]),
    warn: (obj: object, msg: string): number => pinoCalls.push(['warn', obj, msg]),
    error: (obj: object, msg: string): number => pinoCalls.push(['error', obj, msg]),
};
export const pinoRouter = createRouter({logSink: pinoSink(pinoLike), logLevel: 'debug'});
pinoRouter.registerRoutes(routes);
// #endregion sinks
