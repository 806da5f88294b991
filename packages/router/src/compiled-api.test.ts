// A router on an API's compiled module: handlers without type metadata, no code generated at
// runtime, and a module that disagrees with the routes refused at startup.
import {mkdirSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {RpcError} from '@hookline/core';
import {CompiledApi} from './compiled-api.js';
import {CallContext, createRouter, headersHook, hook, rawHook, route, Routes, StartupError, StartupErrorCodes} from './index.js';

interface User {
    id: number;
    name: string;
    since: Date;
}

const routes = {
    auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
        if (token !== 'secret') throw new RpcError({statusCode: 401, publicMessage: 'no'});
    }),
    users: {
        get: (ctx: CallContext, id: number): User => ({id, name: 'Ada', since: new Date(0), password: 'hunter2'}) as User,
        save: route(
            (ctx: CallContext, user: User): {saved: boolean; at: Date; wasDate: boolean} => ({
                saved: true,
                at: user.since,
                wasDate: user.since instanceof Date,
            }),
            {
                description: 'saves',
            },
        ),
        count: (ctx: CallContext, limit?: number): number => limit ?? 3,
    },
    raw: rawHook((ctx: CallContext, req: unknown, res: unknown): void => undefined),
    log: hook((ctx: CallContext): void => undefined, {runOnError: true}),
} satisfies Routes;

const command = 'npx hookline build --entry src/api.ts --out src/api.compiled.js';
const dir = new URL('../.tmp/compiled-api-test/', import.meta.url);
mkdirSync(dir, {recursive: true});
let written = 0;

/** Writes the compiled module of `r` and imports it, as an app imports `./api.compiled.js`. */
async function compiledModuleOf(r: Routes, compact = false): Promise<CompiledApi> {
    const router = createRouter();
    router.registerRoutes(r);
    const {js} = router.compiledModule(command, compact);
    const file = new URL(`api-${written++}.compiled.mjs`, dir);
    writeFileSync(file, js);
    return ((await import(/* @vite-ignore */ file.href)) as {default: CompiledApi}).default;
}

/** The routes with every handler replaced by a copy without type metadata (bound functions carry none). */
function withoutTypes<T>(value: T): T {
    if (typeof value === 'function') return value.bind(undefined) as T;
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTypes(v)])) as T;
}

/** Runs `fn` with `Function` unable to compile code from strings, as under workerd or --disallow-code-generation-from-strings. */
async function withoutEval<T>(fn: () => Promise<T>): Promise<T> {
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
        construct() {
            throw new EvalError('Code generation from strings disallowed for this context');
        },
        apply() {
            throw new EvalError('Code generation from strings disallowed for this context');
        },
    });
    try {
        return await fn();
    } finally {
        globalThis.Function = original;
    }
}

function staleMessage(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        if (e instanceof StartupError && e.code === StartupErrorCodes.STALE_COMPILED_MODULE) return e.message;
        throw e;
    }
    throw new Error('expected HL_STALE_COMPILED_MODULE');
}

describe('a router on a compiled module', () => {
    const build = async (): Promise<CompiledApi> => compiledModuleOf(routes);

    it('serves handlers that carry no type metadata: validation, Dates, serialization, header hooks', async () => {
        const compiled = await build();
        const router = createRouter({compiled});
        router.registerRoutes(withoutTypes(routes));
        const auth = {headers: {authorization: 'secret'}};
        const got = await router.call('users/get', [1], auth);
        expect(got.statusCode).toBe(200);
        // Undeclared fields are dropped by the compiled serializer.
        expect(got.json()).toEqual({'users/get': {id: 1, name: 'Ada', since: '1970-01-01T00:00:00.000Z'}});
        const saved = await router.call('users/save', [{id: 1, name: 'Ada', since: '2024-01-31T10:00:00.000Z'}], auth);
        expect(saved.json()).toEqual({'users/save': {saved: true, at: '2024-01-31T10:00:00.000Z', wasDate: true}});
        const bad = await router.call('users/save', [{id: 'x', name: 'Ada', since: 'yesterday'}], auth);
        expect(bad.statusCode).toBe(400);
        expect(bad.json()['users/save'].errorData.errors.map((e: {path: string}) => e.path)).toEqual([
            'users/save[0].id',
            'users/save[0].since',
        ]);
        expect((await router.call('users/count', [], auth)).json()).toEqual({'users/count': 3});
        expect((await router.call('users/get', [1], {headers: {authorization: 'nope'}})).statusCode).toBe(401);
        expect((await router.call('users/get', [1])).statusCode).toBe(400);
    });

    it('generates no code from strings at runtime (and the reflecting router does)', async () => {
        const compiled = await build();
        const results = await withoutEval(async () => {
            const router = createRouter({compiled, compile: 'eager'});
            router.registerRoutes(withoutTypes(routes));
            const res = await router.call('users/get', [2], {headers: {authorization: 'secret'}});
            return [res.statusCode, (await router.call('users/save', [{id: 1}], {headers: {authorization: 'secret'}})).statusCode];
        });
        expect(results).toEqual([200, 400]);
        await expect(withoutEval(async () => createRouter().registerRoutes(routes))).rejects.toThrow(EvalError);
    });

    it('compact (signatures only, a fraction of the size): the same answers, from closures, still without eval', async () => {
        const full = createRouter();
        full.registerRoutes(routes);
        expect(full.compiledModule(command, true).js.length).toBeLessThan(full.compiledModule(command).js.length / 2);
        expect(full.compiledModule(command, true).js).not.toContain('function');
        const compiled = await compiledModuleOf(routes, true);
        const answers = await withoutEval(async () => {
            const router = createRouter({compiled, compile: 'eager'});
            router.registerRoutes(withoutTypes(routes));
            const auth = {headers: {authorization: 'secret'}};
            return Promise.all([
                router.call('users/get', [1], auth),
                router.call('users/save', [{id: 1, name: 'Ada', since: '2024-01-31T10:00:00.000Z'}], auth),
                router.call('users/save', [{id: 'x', name: 'Ada', since: 'yesterday'}], auth),
            ]);
        });
        expect(answers.map((a) => [a.statusCode, a.json()])).toEqual([
            [200, {'users/get': {id: 1, name: 'Ada', since: '1970-01-01T00:00:00.000Z'}}],
            [200, {'users/save': {saved: true, at: '2024-01-31T10:00:00.000Z', wasDate: true}}],
            [400, expect.objectContaining({'users/save': expect.objectContaining({name: 'validation-failed'})})],
        ]);
    });

    it('serves the same metadata as the reflecting router', async () => {
        const compiled = await build();
        const reflecting = createRouter();
        reflecting.registerRoutes(routes);
        const router = createRouter({compiled});
        router.registerRoutes(withoutTypes(routes));
        expect(router.getMetadata()).toEqual(reflecting.getMetadata());
        expect(router.describe('users/save')).toEqual(reflecting.describe('users/save'));
    });

    it('checks handlers that still carry types against the module (same types: accepted)', async () => {
        const compiled = await build();
        const router = createRouter({compiled, compile: 'eager'});
        expect(() => router.registerRoutes(routes)).not.toThrow();
    });

    it('binds routes on their first call by default (the build checked the types); an explicit compile is kept', async () => {
        const compiled = await build();
        expect(createRouter({compiled}).options.compile).toBe('lazy');
        expect(createRouter({compiled, compile: 'eager'}).options.compile).toBe('eager');
        expect(createRouter().options.compile).toBe('eager');
        // Lazy still checks the module against every route at registration.
        const changed = {...routes, users: {...routes.users, extra: (ctx: CallContext): string => 'x'}};
        expect(staleMessage(() => createRouter({compiled}).registerRoutes(withoutTypes(changed)))).toContain('"users/extra" is not in it');
    });

    it('reads the module in registration order, and still finds routes and hooks registered in another order', async () => {
        const compiled = await build();
        // The build writes routes and hooks in the order a router registers them.
        expect(compiled.routes.split('\n').map((line) => line.split('\t')[0])).toEqual(['users/get', 'users/save', 'users/count']);
        expect(compiled.hooks.split('\n').map((line) => line.split('\t').slice(0, 2).join(' '))).toEqual([
            'auth headerHook',
            'raw rawHook',
            'log hook',
        ]);
        const reordered = {
            auth: routes.auth,
            log: routes.log,
            users: {count: routes.users.count, save: routes.users.save, get: routes.users.get},
            raw: routes.raw,
        };
        const router = createRouter({compiled});
        router.registerRoutes(withoutTypes(reordered));
        const auth = {headers: {authorization: 'secret'}};
        expect((await router.call('users/get', [1], auth)).json()).toEqual({
            'users/get': {id: 1, name: 'Ada', since: '1970-01-01T00:00:00.000Z'},
        });
        expect((await router.call('users/count', [7], auth)).json()).toEqual({'users/count': 7});
        expect((await router.call('users/count', ['x'], auth)).statusCode).toBe(400);
        expect((await router.call('users/get', [1], {headers: {authorization: 'wrong'}})).statusCode).toBe(401);
    });

    it('is deterministic: the same routes write the same module', async () => {
        const a = createRouter();
        a.registerRoutes(routes);
        const b = createRouter();
        b.registerRoutes(routes);
        expect(a.compiledModule(command).js).toBe(b.compiledModule(command).js);
    });
});

describe('routes bound on their first call (a compiled module, compile: lazy)', () => {
    const levels = {
        first: (ctx: CallContext): boolean => ctx.shared.marked === true,
        mark: hook((ctx: CallContext): void => {
            ctx.shared.marked = true;
        }),
        second: (ctx: CallContext): boolean => ctx.shared.marked === true,
        nested: {third: (ctx: CallContext, n: number): number => n * 2},
    } satisfies Routes;

    it('runs each route with the hooks around it, and answers tools as an eager router does', async () => {
        const compiled = await compiledModuleOf(levels);
        const router = createRouter({compiled});
        router.registerRoutes(withoutTypes(levels));
        expect(router.routeIds()).toEqual(['first', 'second', 'nested/third']);
        // The hook between the two routes runs after the first and before the second.
        expect((await router.call('first')).json()).toEqual({first: false});
        expect((await router.call('second')).json()).toEqual({second: true});
        const steps = (id: string): string[] | undefined => router.getExecutionPath(id)?.procedures.map((p) => p.id);
        expect(steps('first')?.indexOf('mark')).toBeGreaterThan(steps('first')?.indexOf('first') ?? Infinity);
        expect(steps('nested/third')?.indexOf('mark')).toBeLessThan(steps('nested/third')?.indexOf('nested/third') ?? -1);
        expect((await router.call('nested/third', [4])).json()).toEqual({'nested/third': 8});
        expect((await router.call('nested/third', ['x'])).statusCode).toBe(400);
        expect(Object.keys(router.getMetadata().routes)).toEqual(['first', 'second', 'nested/third']);
        // A later registration can't take an id.
        expect(() => router.registerRoutes(withoutTypes({second: levels.second}))).toThrow(StartupErrorCodes.DUPLICATE_ROUTE_ID);
    });

    it('serves a route first called in a batch', async () => {
        const compiled = await compiledModuleOf(levels);
        const router = createRouter({compiled});
        router.registerRoutes(withoutTypes(levels));
        const res = await router.inject({path: '/@batch', headers: {}, body: [{route: 'nested/third', body: {'nested/third': [5]}}]});
        expect(res.json()).toEqual([{status: 200, body: {'nested/third': 10}}]);
    });
});

describe('a compiled module out of date is a startup error naming the route and the command', () => {
    it.each([
        ['a route added', {...routes, users: {...routes.users, extra: (ctx: CallContext): string => 'x'}}, '"users/extra" is not in it'],
        [
            'a route missing',
            {...routes, users: {get: routes.users.get, save: routes.users.save}},
            '"users/count" is in it but not in the routes',
        ],
        [
            'a param added',
            {...routes, users: {...routes.users, get: (ctx: CallContext, id: number, more: string): User => null as never}},
            'takes 3 params',
        ],
        [
            'a route turned into a hook',
            {...routes, users: {...routes.users, count: hook((ctx: CallContext, limit?: number): void => undefined)}},
            '"users/count" is a hook here, a route in it',
        ],
        ['a hook missing', {users: routes.users, raw: routes.raw, log: routes.log}, '"auth" is in it but not in the routes'],
    ] as [string, Routes, string][])('%s', async (_name, changed, expected) => {
        const compiled = await compiledModuleOf(routes);
        const message = staleMessage(() => createRouter({compiled}).registerRoutes(withoutTypes(changed)));
        expect(message).toContain(expected);
        expect(message).toContain(command);
    });

    it('a param type changed (where the handler carries types to compare)', async () => {
        const compiled = await compiledModuleOf(routes);
        const changed = {...routes, users: {...routes.users, get: (ctx: CallContext, id: string): User => null as never}};
        const message = staleMessage(() => createRouter({compiled, compile: 'eager'}).registerRoutes(changed));
        expect(message).toContain('the types of "users/get" changed since the build');
    });

    it('a module of another format, or not a module at all', async () => {
        const compiled = await compiledModuleOf(routes);
        expect(staleMessage(() => createRouter({compiled: {...compiled, format: 'hookline-compiled/0' as never}}))).toContain('format');
        expect(() => createRouter({compiled: {} as never})).toThrow(StartupErrorCodes.INVALID_OPTION);
        expect(staleMessage(() => createRouter({compiled: {...compiled, routes: {} as never}}))).toContain('damaged');
    });
});

describe('a streaming route on a compiled module', () => {
    interface Tick {
        n: number;
        at: Date;
    }
    const streamRoutes = {
        ticks: async function* (ctx: CallContext, count: number): AsyncGenerator<Tick, {count: number}> {
            for (let n = 1; n <= count; n++) yield {n, at: new Date(0), secret: 'x'} as Tick;
            return {count};
        },
        bad: async function* (ctx: CallContext): AsyncGenerator<number> {
            yield 'one' as unknown as number;
        },
    } satisfies Routes;
    const expected =
        'event: item\ndata: {"n":1,"at":"1970-01-01T00:00:00.000Z"}\n\nevent: item\ndata: {"n":2,"at":"1970-01-01T00:00:00.000Z"}\n\nevent: result\ndata: {"count":2}\n\n';

    it.each([
        ['full', false],
        ['compact', true],
    ])('%s: items and the final value checked and written by their types, without eval', async (_name, compact) => {
        const compiled = await compiledModuleOf(streamRoutes, compact);
        const [ok, bad, meta] = await withoutEval(async () => {
            const router = createRouter({compiled, compile: 'eager', logInternalErrors: false});
            router.registerRoutes(withoutTypes(streamRoutes));
            return [(await router.call('ticks', [2])).body, (await router.call('bad')).body, router.getMetadata().routes.ticks?.stream];
        });
        expect(ok).toBe(expected);
        expect(bad).toContain('event: error\ndata: {"bad":{"name":"invalid-return"');
        expect(meta).toMatchObject({item: {kind: 'object', name: 'Tick'}, result: {kind: 'object'}});
    });

    it('a module whose route no longer streams (or now does) is stale', async () => {
        const compiled = await compiledModuleOf(streamRoutes);
        const router = createRouter({compiled, compile: 'eager'});
        expect(
            staleMessage(() => router.registerRoutes({...streamRoutes, ticks: (ctx: CallContext, count: number): number => count})),
        ).toContain('the types of "ticks" changed');
    });
});
