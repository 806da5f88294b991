/** The part of a platform argument that can keep a request's work alive after its response (a Worker's `ctx`). */
export interface WaitUntilLike {
    waitUntil(promise: Promise<unknown>): void;
}

/**
 * The first platform argument with a `waitUntil` method: a Worker's `ctx` (`fetch(request, env,
 * ctx)`), the `context` of Vercel and Netlify edge functions. Bun's server and Deno's `info` have
 * none.
 *
 * @example
 * waitUntilOf([env, ctx]); // ctx
 */
export function waitUntilOf(platformArgs: readonly unknown[]): WaitUntilLike | undefined {
    for (const arg of platformArgs) {
        if (typeof arg === 'object' && arg !== null && typeof (arg as Partial<WaitUntilLike>).waitUntil === 'function')
            return arg as WaitUntilLike;
    }
    return undefined;
}
