// A type-only import on purpose: a value import would load node:async_hooks on every runtime.
// eslint-disable-next-line no-restricted-syntax
import type {AsyncLocalStorage} from 'node:async_hooks';
import {CallContext} from './call-context.js';
import {builtinModule} from './platform.js';

// The storage behind getCallContext(): shared by every router whose `asyncContext` option is on
// (a router that leaves it off never touches it). It holds no state between calls. Made on first
// use, from node:async_hooks where the runtime has it (Node, Bun, Deno, Workers with nodejs_compat),
// so that the router loads where it is missing.
let storage: AsyncLocalStorage<CallContext> | undefined;

/** Whether this runtime has AsyncLocalStorage (what the `asyncContext` option needs). */
export function hasAsyncContext(): boolean {
    return asyncStorage() !== undefined;
}

function asyncStorage(): AsyncLocalStorage<CallContext> | undefined {
    if (storage !== undefined) return storage;
    const hooks = builtinModule<typeof import('node:async_hooks')>('node:async_hooks');
    const Storage = hooks?.AsyncLocalStorage ?? (globalThis as {AsyncLocalStorage?: typeof AsyncLocalStorage}).AsyncLocalStorage;
    if (Storage !== undefined) storage = new Storage<CallContext>();
    return storage;
}

/** Runs `fn` with `ctx` as the current call context (what routers with `asyncContext` do for each call). */
export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
    const s = asyncStorage();
    if (s === undefined) throw new Error('runWithCallContext(): this runtime has no AsyncLocalStorage (node:async_hooks).');
    return s.run(ctx, fn);
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
    const ctx = storage?.getStore();
    if (ctx === undefined) {
        throw new Error(
            'getCallContext(): no call in progress. Turn on the router option `asyncContext: true`, and call it only while a call runs (or inside runWithCallContext in tests).',
        );
    }
    return ctx as CallContext<SharedData>;
}
