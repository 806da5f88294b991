// Seed 003_3272cfad150b0ddc.txt (Hooks), section "Header Hooks": examples/hooks-header-definition.routes.ts, verbatim.
import {headersHook, Routes} from '@hookline/router';
import {getAuthUser, isAuthorized} from 'MyAuth';

const routes = {
    // using the headersHook function to define a hook
    auth: headersHook('authorization', async (ctx, token: string): Promise<void> => {
        const me = await getAuthUser(token);
        if (!isAuthorized(me)) throw {code: 401, message: 'user is not authorized'};
        ctx.shared.auth = {me}; // user is added to ctx to shared with other routes/hooks
    }),
    // ... other routes and hooks
} satisfies Routes;

// added: export for the tests (the sample holds only a hook, so the tests register it beside routes of their own)
export {routes};
