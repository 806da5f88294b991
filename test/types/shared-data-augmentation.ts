// Type test, checked by `npm run typecheck` in a program of its own (the augmentation below
// would otherwise apply to every other test): typing ctx.shared once for the whole app.
import {expectTypeOf} from 'vitest';
import {CallContext, createTestContext, Routes} from '@hookline/router';

interface User {
    id: number;
    name: string;
}

declare module '@hookline/router' {
    interface SharedDataRegistry {
        me: User | null;
        requestCount: number;
    }
    interface RouteMeta {
        roles?: string[];
    }
}

// A handler typed with the plain CallContext gets the app's shared data type.
const whoAmI = (ctx: CallContext): string => ctx.shared.me?.name ?? 'anonymous';
expectTypeOf<CallContext['shared']>().toEqualTypeOf<{me: User | null; requestCount: number}>();
expectTypeOf<CallContext['route']['meta']['roles']>().toEqualTypeOf<string[] | undefined>();

// @ts-expect-error: not a field of the augmented shared data.
const wrong = (ctx: CallContext): string => ctx.shared.nope;

// An explicit type argument still wins.
expectTypeOf<CallContext<{other: boolean}>['shared']>().toEqualTypeOf<{other: boolean}>();

export const routes = {whoAmI, wrong} satisfies Routes;
export const ctx = createTestContext({shared: {me: null, requestCount: 0}});
