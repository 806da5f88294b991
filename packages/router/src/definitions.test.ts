import {describe, expect, it} from 'vitest';
import {
    CallContext,
    createRouter,
    headersHook,
    hook,
    HookDef,
    HeaderHookDef,
    rawHook,
    RawHookDef,
    route,
    RouteDef,
    Routes,
} from './index.js';

describe('definition forms', () => {
    const order: string[] = [];
    const routes = {
        plainHook: hook((ctx: CallContext): void => void order.push('hook()')),
        objectHook: {
            hook(ctx: CallContext, n: number): number {
                order.push('{hook}');
                return n * 2;
            },
        } satisfies HookDef,
        headerFn: headersHook('X-Flag', (ctx: CallContext, flag: boolean): void => void order.push(`headersHook(${flag})`)),
        headerObject: {
            headerName: 'x-count',
            hook(ctx: CallContext, count: number): void {
                order.push(`{headerName}(${count})`);
            },
        } satisfies HeaderHookDef,
        raw: rawHook((ctx: CallContext, req: {tag: string} | undefined): void => void order.push(`rawHook(${req?.tag})`)),
        rawObject: {rawHook: (ctx: CallContext): void => void order.push('{rawHook}')} satisfies RawHookDef,
        plain: (ctx: CallContext, a: string): string => `plain ${a}`,
        withRoute: route((ctx: CallContext, a: number, b: number): number => a + b, {description: 'adds'}),
        objectRoute: {route: (ctx: CallContext): boolean => true, description: 'object form'} satisfies RouteDef,
    } satisfies Routes;
    const router = createRouter();
    router.registerRoutes(routes);

    it('runs every form of hook around a plain-function route', async () => {
        order.length = 0;
        const res = await router.dispatch(
            {
                method: 'POST',
                path: '/plain',
                headers: {'content-type': 'application/json', 'x-flag': 'true', 'x-count': '3'},
                body: '{"objectHook":[21],"plain":["x"]}',
            },
            {tag: 'raw-req'},
            undefined,
        );
        expect(res.statusCode).toBe(200);
        expect(JSON.parse(res.body)).toEqual({objectHook: 42, plain: 'plain x'});
        expect(order).toEqual(['hook()', '{hook}', 'headersHook(true)', '{headerName}(3)', 'rawHook(raw-req)', '{rawHook}']);
    });

    it('route() and {route} are routes with their options', async () => {
        const res = await router.call('withRoute', [2, 3], {hooks: {objectHook: [1]}, headers: {'x-flag': '0', 'x-count': '1'}});
        expect(res.json()).toEqual({objectHook: 2, withRoute: 5});
        expect(router.describe('withRoute')?.steps.find((s) => s.id === 'withRoute')?.description).toBe('adds');
        expect(router.getMetadata().routes['objectRoute']?.description).toBe('object form');
    });

    it('tells hooks from routes by their definition, not by arity', () => {
        expect(router.routeIds()).toEqual(['plain', 'withRoute', 'objectRoute']);
        const kinds = router.describe('plain')?.steps.map((s) => `${s.id}:${s.kind}`);
        expect(kinds).toEqual([
            '@parseBody:internal',
            'plainHook:hook',
            'objectHook:hook',
            'headerFn:headerHook',
            'headerObject:headerHook',
            'raw:rawHook',
            'rawObject:rawHook',
            'plain:route',
            '@serializeBody:internal',
        ]);
    });

    it('route(), hook(), headersHook() and rawHook() return plain definition objects', () => {
        const handler = (ctx: CallContext): void => undefined;
        expect(route(handler, {description: 'd'})).toEqual({description: 'd', route: handler});
        expect(hook(handler, {runOnError: true})).toEqual({runOnError: true, hook: handler});
        expect(headersHook('Authorization', handler)).toEqual({headerName: 'Authorization', hook: handler});
        expect(rawHook(handler)).toEqual({rawHook: handler});
    });
});
