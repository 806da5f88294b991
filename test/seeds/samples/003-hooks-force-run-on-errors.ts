// Seed 003_3272cfad150b0ddc.txt (Hooks), section "Force Run On Errors": examples/hooks-definition.routes.ts#L4-L16, verbatim.

// added: the imports (lines 1-3 of hooks-definition.routes.ts, not in this snippet)
import {CallContext, hook, Routes} from '@hookline/router';
import {myApp} from './myApp';
// end added

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

// added: export for the tests
export {routes};
