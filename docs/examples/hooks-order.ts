import {CallContext, createRouter, hook, Routes} from '@hookline/router';

type Ctx = CallContext<{trail: string[]}>;

// A hook that records that it ran.
const mark = (name: string) => hook((ctx: Ctx): void => void ctx.shared.trail.push(name));

const routes = {
    first: mark('first'),
    users: {
        usersBefore: mark('users/usersBefore'),
        getUser: (ctx: Ctx): string => {
            ctx.shared.trail.push('users/getUser');
            return 'Ada';
        },
        usersAfter: mark('users/usersAfter'),
    },
    middle: mark('middle'),
    pets: {
        getPet: (ctx: Ctx): string => {
            ctx.shared.trail.push('pets/getPet');
            return 'Tom';
        },
    },
    // returns data: sent under its id, "trail"
    trail: hook((ctx: Ctx): string[] => ctx.shared.trail, {runOnError: true}),
} satisfies Routes;

export const router = createRouter({sharedDataFactory: () => ({trail: []})});
router.registerRoutes(routes);
