// Type-checked in a program of its own (tsconfig.json next to this file): a module augmentation
// applies to the whole program it is part of, so it can't share one with the other examples.
// The root tsconfig.json includes docs/**/*.ts, not .mts files: this one stays out of it.
import {expectTypeOf} from 'vitest';
import {
    CallContext,
    ContextOf,
    createRouter,
    createTestContext,
    getCallContext,
    headersHook,
    route,
    RouteMeta,
    Routes,
    RpcError,
    SharedDataRegistry,
} from '@hookline/router';

interface User {
    id: number;
    name: string;
    role: string;
}

const usersByToken: Record<string, User> = {'token-ada': {id: 1, name: 'Ada', role: 'admin'}};

// #region shared-data
declare module '@hookline/router' {
    // The type of ctx.shared in every CallContext of the app.
    interface SharedDataRegistry {
        me: User | null;
    }
}

// Declared to return SharedDataRegistry, the factory is checked against it.
const sharedDataFactory = (): SharedDataRegistry => ({me: null});

const routes = {
    auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
        ctx.shared.me = usersByToken[token] ?? null; // ctx.shared is SharedDataRegistry
    }),
    whoAmI: (ctx: CallContext): string => ctx.shared.me?.name ?? 'anonymous',
} satisfies Routes;

export const router = createRouter({sharedDataFactory});
router.registerRoutes(routes);
// #endregion shared-data

expectTypeOf<CallContext['shared']>().toEqualTypeOf<{me: User | null}>();
// @ts-expect-error: not a field of the registry.
export const wrong = (ctx: CallContext): unknown => ctx.shared.nope;
// An explicit type argument still wins.
expectTypeOf<CallContext<{other: boolean}>['shared']>().toEqualTypeOf<{other: boolean}>();
expectTypeOf<ContextOf<typeof router>['shared']>().toEqualTypeOf<SharedDataRegistry>();
// Known gap: getCallContext() and createTestContext() type `shared` as any, not as the registry;
// give the type argument (docs/call-context.md says so).
expectTypeOf(getCallContext().shared).toBeAny();
expectTypeOf(createTestContext().shared).toBeAny();
expectTypeOf(getCallContext<SharedDataRegistry>().shared).toEqualTypeOf<SharedDataRegistry>();

// #region route-meta
declare module '@hookline/router' {
    // The type of `meta` in route(handler, {meta}) and of ctx.route.meta.
    interface RouteMeta {
        roles?: string[];
    }
}

export const requireRole = headersHook('authorization', (ctx: CallContext, token: string): void => {
    const roles = ctx.route.meta.roles; // string[] | undefined: no cast
    if (roles !== undefined && !roles.includes(usersByToken[token]?.role ?? '')) throw new RpcError({statusCode: 403});
});
export const deleteUser = route((ctx: CallContext, id: number): void => undefined, {meta: {roles: ['admin']}});
// @ts-expect-error: `role` is not a field of RouteMeta.
export const misspelled = route((ctx: CallContext, id: number): void => undefined, {meta: {role: 'admin'}});
// #endregion route-meta

expectTypeOf<CallContext['route']['meta']>().toEqualTypeOf<Readonly<RouteMeta>>();
expectTypeOf<CallContext['route']['meta']['roles']>().toEqualTypeOf<string[] | undefined>();
