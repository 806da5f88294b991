import {CallContext, createRouter, hook, RpcError, Routes} from '@hookline/router';

// Stand-in for a cloud logging service.
export const cloudLogs = {
    lines: [] as string[],
    async error(path: string, errors: RpcError[]): Promise<void> {
        this.lines.push(`ERROR ${path}: ${errors.map((e) => e.message).join('; ')}`);
    },
    log(path: string, name: string): void {
        this.lines.push(`OK ${path} by ${name}`);
    },
};

const routes = {
    me: hook((ctx: CallContext, name: string): void => {
        ctx.shared.me = {name};
    }),
    sayHello: (ctx: CallContext): string => `hello ${ctx.shared.me.name}`,
    failing: (ctx: CallContext): string => {
        throw new Error('database is down');
    },
    // using the hook function to define a hook
    logger: hook(
        async (ctx: CallContext): Promise<void> => {
            const hasErrors = ctx.request.internalErrors.length > 0;
            if (hasErrors) await cloudLogs.error(ctx.path, ctx.request.internalErrors);
            else cloudLogs.log(ctx.path, ctx.shared.me.name);
        },
        // ensures logger is executed even if there are errors in the route or other hooks
        {runOnError: true},
    ),
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
