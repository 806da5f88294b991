import {CallContext, createRouter, headersHook, Routes} from '@hookline/router';

// What each header hook received, by header name; the route `received` returns it.
type Ctx = CallContext<Record<string, string | number | boolean>>;
const keep = (ctx: Ctx, header: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined) ctx.shared[header] = value;
};

const routes = {
    str: headersHook('x-string', (ctx: Ctx, value?: string): void => keep(ctx, 'x-string', value)),
    num: headersHook('x-number', (ctx: Ctx, value?: number): void => keep(ctx, 'x-number', value)),
    bool: headersHook('x-boolean', (ctx: Ctx, value?: boolean): void => keep(ctx, 'x-boolean', value)),
    mode: headersHook('x-mode', (ctx: Ctx, value?: 'fast' | 'safe'): void => keep(ctx, 'x-mode', value)),
    version: headersHook('x-version', (ctx: Ctx, value?: 1 | 2): void => keep(ctx, 'x-version', value)),
    id: headersHook('x-id', (ctx: Ctx, value?: number | string): void => keep(ctx, 'x-id', value)),
    flag: headersHook('x-flag', (ctx: Ctx, value?: number | boolean): void => keep(ctx, 'x-flag', value)),
    toggle: headersHook('x-toggle', (ctx: Ctx, value?: boolean | number): void => keep(ctx, 'x-toggle', value)),
    received: (ctx: Ctx): Record<string, string | number | boolean> => ctx.shared,
} satisfies Routes;

export const router = createRouter({sharedDataFactory: () => ({})});
router.registerRoutes(routes);
