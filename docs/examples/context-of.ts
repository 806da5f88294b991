import {ContextOf, createRouter, hook, Routes} from '@hookline/router';

interface User {
    id: number;
    name: string;
}

// The factory's return type is the shared data type of this router...
export const router = createRouter({sharedDataFactory: (): {me: User | null; visits: number} => ({me: null, visits: 0})});

// ...and ContextOf<typeof router> the context type of its handlers: no SharedData interface to repeat.
type Ctx = ContextOf<typeof router>;

const routes = {
    login: hook((ctx: Ctx, name: string): void => {
        ctx.shared.me = {id: 1, name};
        ctx.shared.visits++;
    }),
    whoAmI: (ctx: Ctx): string => `${ctx.shared.me?.name ?? 'nobody'} (${ctx.shared.visits} visit)`,
} satisfies Routes;

router.registerRoutes(routes);
