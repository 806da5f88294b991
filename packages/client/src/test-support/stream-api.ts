// A small API with streaming routes, for the client's streaming tests over a real socket and its
// type tests: items with Dates, a final value, a declared error mid-stream, a gate the test opens
// (to prove the first item arrives before the last is produced), and a generator whose `finally`
// the test watches.
import {ApiSpec, CallContext, createRouter, hook, Router, Routes, RpcError} from '@hookline/router';

export interface LogLine {
    n: number;
    text: string;
    at: Date;
}

export interface TailSummary {
    lines: number;
    until: Date;
}

/** Declared by `logs/tail`: sent mid-stream, as an error event. */
export class TailBroken extends RpcError<'tail-broken', {afterLine: number; at: Date}, 409> {
    constructor(afterLine: number) {
        super({
            name: 'tail-broken',
            statusCode: 409,
            publicMessage: `the log was rotated after line ${afterLine}`,
            errorData: {afterLine, at: new Date('2024-05-01T00:00:00.000Z')},
        });
    }
}

/** What the server side of the tests records. */
export interface StreamProbe {
    /** Set when the gate route's generator was closed (its `finally`), with the time. */
    finallyAt: number | undefined;
    /** Lines the `endless` generator produced. */
    produced: number;
    /** Opens the gate route's second item. */
    open(): void;
    /** Hooks after the route, in order. */
    after: string[];
}

const at = (n: number): Date => new Date(Date.UTC(2024, 0, 1, 0, 0, n));

/** Creates the router and its probe. */
export function createStreamApi(): {router: Router; apiSpec: StreamApi; probe: StreamProbe} {
    let open: () => void = () => undefined;
    let gate = new Promise<void>((resolve) => (open = resolve));
    const probe: StreamProbe = {
        finallyAt: undefined,
        produced: 0,
        open: () => open(),
        after: [],
    };
    const router = createRouter({logInternalErrors: false});
    const apiSpec = router.registerRoutes(
        streamRoutes(
            probe,
            () => gate,
            () => (gate = new Promise<void>((resolve) => (open = resolve))),
        ),
    );
    return {router, apiSpec, probe};
}

function streamRoutes(probe: StreamProbe, gate: () => Promise<void>, closeGate: () => void) {
    return {
        logs: {
            /** `count` lines, then a summary; with `breakAfter`, the tail breaks (a declared error) after that line. */
            tail: async function* (
                ctx: CallContext,
                count: number,
                breakAfter?: number,
            ): AsyncGenerator<LogLine, TailSummary | TailBroken> {
                for (let n = 1; n <= count; n++) {
                    yield {n, text: `line ${n}`, at: at(n)};
                    if (n === breakAfter) return new TailBroken(n);
                }
                return {lines: count, until: at(count)};
            },
            /** One item, then waits for the test to open the gate before the second (and last). */
            gated: async function* (ctx: CallContext): AsyncGenerator<string> {
                yield 'first';
                await gate();
                closeGate();
                yield 'last';
            },
            /** Items until the client stops reading. */
            endless: async function* (ctx: CallContext): AsyncGenerator<number> {
                probe.finallyAt = undefined;
                try {
                    for (let n = 0; ; n++) {
                        probe.produced++;
                        yield n;
                    }
                } finally {
                    probe.finallyAt = Date.now();
                }
            },
            /** A few words, no final value (an `AsyncIterable`). */
            words: (ctx: CallContext, n: number): AsyncIterable<string> =>
                (async function* () {
                    for (let i = 0; i < n; i++) yield `w${i}`;
                })(),
        },
        plain: {
            echo: (ctx: CallContext, text: string): string => text,
        },
        afterLog: hook((ctx: CallContext): void => void probe.after.push(ctx.route.id), {runOnError: true}),
    } satisfies Routes;
}

/** The api spec type of the stream API. */
export type StreamApi = ApiSpec<ReturnType<typeof streamRoutes>>;
