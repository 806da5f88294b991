// Seed 003_3272cfad150b0ddc.txt (Hooks), section "Defining a Hook": examples/hooks-definition.routes.ts, verbatim.
import {CallContext, hook, Routes} from '@hookline/router';
import {myApp} from './myApp';

// added: prettier would add a trailing comma after `{runOnError: true}`; the next comment keeps the seed's code verbatim
// prettier-ignore
const routes = {
    // using the hook function to define a hook
    logger: hook(
        async (ctx: CallContext): Promise<void> => {
            const hasErrors = ctx.request.internalErrors.length > 0;
            if (hasErrors) await myApp.cloudLogs.error(ctx.path, ctx.request.internalErrors);
            else myApp.cloudLogs.log(ctx.path, ctx.shared.me.name);
        },
        // ensures logger is executed even if there are errors in the route or other hooks
        {runOnError: true}
    ),
    // ... other routes and hooks
} satisfies Routes;

// added: export for the tests (the sample holds only a hook, so the tests register it beside routes of their own)
export {routes};
