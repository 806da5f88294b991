import {IncomingMessage, ServerResponse} from 'node:http';
import {CallContext, createRouter, rawHook, RawHookDef, Routes} from '@hookline/router';

const routes = {
    // rawHook(handler): gets the platform's own request and response
    progress: rawHook(async (ctx: CallContext, rawRequest: IncomingMessage, rawResponse: ServerResponse): Promise<void> => {
        for (let percent = 25; percent <= 100; percent += 25) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            rawResponse.write(`${percent}%\n`);
        }
    }),
    // {rawHook}: the object form
    clientAddress: {
        rawHook(ctx: CallContext, rawRequest: IncomingMessage): void {
            ctx.shared.ip = rawRequest.socket.remoteAddress;
        },
    } satisfies RawHookDef,
    longTask: (ctx: CallContext): string => `done for ${ctx.shared.ip}`,
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
