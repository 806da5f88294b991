// Routes for property-based fuzzing: many param shapes, no route that fails on purpose, so any
// 5xx the fuzzer finds is a bug.
import {CallContext, createRouter, headersHook, hook, Router, Routes} from '@hookline/router';

/** A nested type with a Date, an optional field, a union and an index signature. */
export interface FuzzItem {
    id: number;
    name: string;
    at: Date;
    tags?: string[];
    kind: 'a' | 'b' | 'c';
    extra: Record<string, number>;
}

/** A recursive type. */
export interface FuzzTree {
    value: number;
    children: FuzzTree[];
}

/** The fuzzed routes. */
export const fuzzRoutes = {
    open: {
        ping: (ctx: CallContext): string => 'pong',
        echo: (ctx: CallContext, text: string): string => text,
        sum: (ctx: CallContext, a: number, b?: number): number => a + (b ?? 0),
        item: (ctx: CallContext, item: FuzzItem): FuzzItem => item,
        items: (ctx: CallContext, items: FuzzItem[], limit: number | null): number =>
            limit === null ? items.length : Math.min(limit, items.length),
        tree: (ctx: CallContext, tree: FuzzTree): number => tree.value,
        tuple: (ctx: CallContext, t: [string, number, ...boolean[]]): number => t.length,
        anything: (ctx: CallContext, value: unknown): string => typeof value,
        // Echo back what they get, unchecked: the body's nesting limit is what keeps a deep value
        // from overflowing the serializer's stack.
        echoUnknown: (ctx: CallContext, value: unknown): unknown => value,
        echoAny: (ctx: CallContext, value: any): any => value,
        maybeDate: (ctx: CallContext, d: Date | null): string | null => (d === null ? null : d.toISOString()),
    },
    guarded: {
        flag: headersHook('X-Flag', (ctx: CallContext, flag: boolean): string => String(flag)),
        count: headersHook('x-count', (ctx: CallContext, n?: number): void => undefined),
        page: hook((ctx: CallContext, page: number): {page: number} => ({page})),
        read: (ctx: CallContext): boolean => true,
    },
} satisfies Routes;

/** A router of the fuzz routes (logs dropped). */
export function createFuzzRouter(): Router {
    const router = createRouter({maxBodySize: 64 * 1024, logSink: () => undefined});
    router.registerRoutes(fuzzRoutes);
    return router;
}

/** Every route id of {@link fuzzRoutes}, and ids that don't exist. */
export const fuzzPaths = [
    '/open/ping',
    '/open/echo',
    '/open/sum',
    '/open/item',
    '/open/items',
    '/open/tree',
    '/open/tuple',
    '/open/anything',
    '/open/echoUnknown',
    '/open/echoAny',
    '/open/maybeDate',
    '/guarded/read',
    '/guarded/flag',
    '/',
    '/open',
    '/open/',
    '/@metadata',
    '/open/ping/extra',
    '/%2e%2e/etc/passwd',
];

/** What every answer must satisfy, whatever was sent: a list of problems (empty when fine). */
export function checkAnswer(status: number, body: string): string[] {
    const problems: string[] = [];
    if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) problems.push(`status ${status}`);
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        problems.push(`body is not JSON: ${body.slice(0, 100)}`);
        return problems;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.push('body is not an object');
    if (status >= 400) {
        const errors = Object.values(parsed as Record<string, unknown>).filter(
            (v): v is {name: unknown; statusCode: unknown; message: unknown} => typeof v === 'object' && v !== null && 'statusCode' in v,
        );
        if (errors.length === 0) problems.push(`no error object in ${body.slice(0, 200)}`);
        for (const e of errors) {
            if (typeof e.name !== 'string' || typeof e.message !== 'string' || typeof e.statusCode !== 'number')
                problems.push(`malformed error ${JSON.stringify(e)}`);
        }
    }
    // Error hygiene: nothing that looks like a stack, a file path or a private message.
    if (/\bat [^"]*\.(?:ts|js):\d+|node_modules|\/work\/|Error: /.test(body)) problems.push(`leaks internals: ${body.slice(0, 200)}`);
    return problems;
}
