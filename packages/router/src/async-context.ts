import {AsyncLocalStorage} from 'node:async_hooks';
import {CallContext} from './call-context.js';

// The storage behind getCallContext(): shared by every router whose `asyncContext` option is on
// (a router that leaves it off never touches it). It holds no state between calls.
const storage = new AsyncLocalStorage<CallContext>();

/** Runs `fn` with `ctx` as the current call context (what routers with `asyncContext` do for each call). */
export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
    return storage.run(ctx, fn);
}

/**
 * The context of the call in progress, from any function the call runs (services, across
 * awaits, timers and promise chains). Needs the router option `asyncContext: true`.
 *
 * @example
 * async function findPets(): Promise<Pet[]> {
 *     const ctx = getCallContext<{me: User}>();
 *     return db.petsOf(ctx.shared.me.id);
 * }
 */
export function getCallContext<SharedData = any>(): CallContext<SharedData> {
    const ctx = storage.getStore();
    if (ctx === undefined) {
        throw new Error(
            'getCallContext(): no call in progress. Turn on the router option `asyncContext: true`, and call it only while a call runs (or inside runWithCallContext in tests).',
        );
    }
    return ctx as CallContext<SharedData>;
}
