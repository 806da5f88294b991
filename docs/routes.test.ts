// Runs docs/routes.md: its examples, curl exchanges, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {
    CallContext,
    createRouter,
    defaultRouterOptions,
    getRouter,
    hook,
    initRouter,
    LogLine,
    rawHook,
    registerRoutes,
    resetRouter,
    route,
    StartupError,
    StartupErrorCodes,
} from '@hookline/router';
import * as returnValuesExample from './examples/return-values.js';
import * as routeOptionsExample from './examples/route-options.js';
import * as routesExample from './examples/routes.js';
// Registers the seed-style routes on the default router, which the last describe replaces.
import './examples/seed-style.js';
import {noop, startupCode, tick} from './test-support/helpers.js';
import {firstCode, markedTable} from './test-support/markdown.js';
import {checkPageBlocks, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('routes.md');

describe('routes.md', () => {
    it('lists every route of the example with its URL path and methods', () => {
        const router = routesExample.router;
        const rows = markedTable('route-paths');
        expect(rows.map((r) => firstCode(r[0] as string))).toEqual(router.routeIds());
        for (const [id, path, methods] of rows as [string, string, string][]) {
            const ep = router.getExecutionPath(firstCode(id));
            expect(ep?.path).toBe(firstCode(path));
            expect(ep?.allow).toBe(firstCode(methods));
        }
        expect(routesExample.apiSpec.users.getUser.path).toBe('/api/users/getUser');
    });

    it('builds URL paths from prefix (slashes stripped), id and suffix', () => {
        expect(createRouter({prefix: '/api/v1/'}).urlPathOf('users/getUser')).toBe('/api/v1/users/getUser');
        expect(createRouter({suffix: '.json'}).urlPathOf('users/getUser')).toBe('/users/getUser.json');
        expect(createRouter().urlPathOf('sayHello')).toBe('/sayHello');
    });

    it('refuses the keys the key rules name', () => {
        for (const key of ['', '1', '01', 'a/b', 'a b', 'a?b', 'a#b', 'a%b', 'a\\b', '@a', '@metadata']) {
            expect(
                startupCode(() => createRouter().registerRoutes({[key]: noop})),
                JSON.stringify(key),
            ).toBe(StartupErrorCodes.INVALID_ROUTE_KEY);
        }
        expect(startupCode(() => createRouter().registerRoutes({'a-b.c~d_e': noop}))).toBeUndefined();
        expect(startupCode(() => createRouter().registerRoutes({users: {route: noop, getUser: noop}}))).toBe(
            StartupErrorCodes.INVALID_DEFINITION,
        );
        expect(startupCode(() => createRouter().registerRoutes({users: {hook: noop, getUser: noop}}))).toBe(
            StartupErrorCodes.INVALID_DEFINITION,
        );
    });

    it('reflects an inferred return type as any: not checked, JSON.stringify', () => {
        const steps = returnValuesExample.router.describe('getUserInferred')?.steps;
        const step = steps?.find((s) => s.id === 'getUserInferred');
        expect(step?.returns).toBe('any');
        expect(step?.returnSchema).toBeUndefined();
        const declared = returnValuesExample.router.describe('getUser')?.steps.find((s) => s.id === 'getUser');
        expect(declared?.returnSchema).toEqual({
            type: 'object',
            properties: {id: {type: 'number'}, name: {type: 'string'}},
            required: ['id', 'name'],
        });
    });

    it('sends nothing for void routes and awaits promises', async () => {
        const router = createRouter();
        router.registerRoutes({
            nothing: (ctx: CallContext): void => undefined,
            later: async (ctx: CallContext): Promise<number> => 7,
            laterVoid: async (ctx: CallContext): Promise<void> => undefined,
        });
        expect((await router.call('nothing')).json()).toEqual({});
        expect((await router.call('later')).json()).toEqual({later: 7});
        expect((await router.call('laterVoid')).json()).toEqual({});
    });

    it('documents route-options behaviour', async () => {
        const router = routeOptionsExample.router;
        expect(router.describe('addEntry')?.steps.find((s) => s.id === 'addEntry')?.description).toBe('Adds a journal entry');
        expect(router.getMetadata().routes['addEntry']?.description).toBe('Adds a journal entry');
        const last = await router.call('lastEntry');
        expect(last.json()).toEqual({lastEntry: {at: '1970-01-01T00:00:00.000Z', text: 'first'}});
    });

    it('useSerialization: false writes undeclared fields; validateReturn: false still needs a writable value', async () => {
        const router = createRouter();
        router.registerRoutes({
            raw: route((ctx: CallContext): {id: number} => ({id: 1, secret: 's'}) as {id: number}, {useSerialization: false}),
            unchecked: route((ctx: CallContext): {id: number} => ({id: 1, secret: 's'}) as {id: number}, {validateReturn: false}),
            wrongType: route((ctx: CallContext): {n: number} => ({n: 'abc'}) as unknown as {n: number}, {validateReturn: false}),
            missing: route((ctx: CallContext): {n: number} => ({}) as {n: number}, {validateReturn: false}),
        });
        expect((await router.call('raw')).json()).toEqual({raw: {id: 1, secret: 's'}});
        expect((await router.call('unchecked')).json()).toEqual({unchecked: {id: 1}});
        for (const id of ['wrongType', 'missing']) {
            const res = await router.call(id);
            expect(res.statusCode).toBe(500);
            expect(res.json()[id].name).toBe('invalid-return');
        }
    });

    it('turns input that breaks an unvalidated handler into a 500', async () => {
        const router = createRouter();
        router.registerRoutes({
            add: route((ctx: CallContext, entry: {at: Date}): string => entry.at.toISOString(), {useValidation: false}),
        });
        const res = await router.call('add', [null]);
        expect(res.statusCode).toBe(500);
        expect(res.json().add.name).toBe('unexpected-error');
    });

    it('leaves input the deserializer cannot convert as it is when validation is off', async () => {
        const router = createRouter();
        const describeValue = (v: unknown): string =>
            v instanceof Date ? 'Date' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
        router.registerRoutes({
            seen: route(
                (ctx: CallContext, at: Date, list: Date[], pair: [Date, Date], entry: {at: Date}): string[] =>
                    [at, list, pair, entry].map(describeValue),
                {useValidation: false},
            ),
            items: route((ctx: CallContext, list: Date[]): string[] => list.map(describeValue), {useValidation: false}),
        });
        expect((await router.call('seen', [42, {x: 1}, 'nope', 7])).json()).toEqual({seen: ['number', 'object', 'string', 'number']});
        expect((await router.call('seen', [null, null, null, null])).json()).toEqual({seen: ['null', 'null', 'null', 'null']});
        expect((await router.call('items', [['2024-01-01', 5, null]])).json()).toEqual({items: ['Date', 'number', 'null']});
        router.registerRoutes({
            invalid: route((ctx: CallContext, at: Date): string => `${at instanceof Date} ${at.getTime()}`, {useValidation: false}),
        });
        expect((await router.call('invalid', ['nope'])).json()).toEqual({invalid: 'true NaN'});
    });

    it('compiles each registerRoutes call on its own, all or nothing', async () => {
        const router = createRouter();
        const trail: string[] = [];
        router.registerRoutes({first: hook((ctx: CallContext): void => void trail.push('hook')), a: (ctx: CallContext): string => 'a'});
        router.registerRoutes({b: (ctx: CallContext): string => 'b'});
        await router.call('b');
        expect(trail).toEqual([]);
        await router.call('a');
        expect(trail).toEqual(['hook']);
        expect(startupCode(() => router.registerRoutes({c: noop, d: {}}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
        expect(router.routeIds()).toEqual(['a', 'b']);
        expect(startupCode(() => router.registerRoutes({a: noop}))).toBe(StartupErrorCodes.DUPLICATE_ROUTE_ID);
    });

    it('lists every router option with its default', () => {
        const rows = markedTable('router-options');
        const names = rows.map((r) => firstCode(r[0] as string));
        expect([...names].sort()).toEqual(Object.keys(defaultRouterOptions).sort());
        const parse = (text: string): unknown =>
            text === 'undefined' ? undefined : /^'.*'$/.test(text) ? text.slice(1, -1) : JSON.parse(text);
        for (const row of rows) {
            const name = firstCode(row[0] as string) as keyof typeof defaultRouterOptions;
            if (name === 'logSink') {
                // A function: named by the call that makes it, and checked by what it does.
                expect(firstCode(row[2] as string)).toBe('jsonLinesSink()');
                const line: LogLine = {time: 0, level: 'info', msg: 'm', requestId: 'r', route: 'x'};
                const written: string[] = [];
                const write = process.stdout.write;
                process.stdout.write = ((chunk: unknown): boolean => written.push(String(chunk)) > 0) as typeof process.stdout.write;
                try {
                    defaultRouterOptions.logSink([line, line]);
                } finally {
                    process.stdout.write = write;
                }
                expect(written).toEqual([`${JSON.stringify(line)}\n${JSON.stringify(line)}\n`]);
            } else expect(defaultRouterOptions[name], name).toEqual(parse(firstCode(row[2] as string)));
        }
        expect(createRouter().options).toEqual(defaultRouterOptions);
    });

    it('checks every option when the router is created: HL_INVALID_OPTION for a value of the wrong type or range', () => {
        const invalid: Record<keyof typeof defaultRouterOptions, unknown[]> = {
            prefix: [1, null],
            suffix: [2, null],
            sharedDataFactory: [3, {}, null],
            useValidation: ['yes', 1, null],
            useSerialization: ['no', 0],
            validateReturn: [null, 'true'],
            maxBodySize: [0, -1, 1.5, '1024', NaN, null],
            maxRouteDepth: [0, 1.5, '10'],
            maxJsonDepth: [0, -3, 2.5, '64', NaN, null],
            exposeMetadata: [0, 'false'],
            compile: ['now', 'EAGER', true, null],
            requestIdHeader: [1, '', 'x request id', 'x-id:', 'é', null],
            echoRequestId: ['yes', 1],
            logSink: [3, 'stdout', {}, null],
            logLevel: ['verbose', 'INFO', 1, null],
            logInternalErrors: [1, 'true'],
            asyncContext: [1, {}],
            callTimeout: [-1, '1', NaN, null],
            streamPingInterval: [-1, '1', NaN, null],
            streamIdleTimeout: [-5, '60000', NaN, null],
            maxBatchCalls: [-1, 1.5, '32', NaN, null],
            compiled: [1, 'x', {}, null],
        };
        for (const [name, values] of Object.entries(invalid)) {
            for (const value of values) {
                let error: unknown;
                try {
                    createRouter({[name]: value} as never);
                } catch (e) {
                    error = e;
                }
                expect(error, `${name}: ${String(value)}`).toBeInstanceOf(StartupError);
                expect((error as StartupError).code, `${name}: ${String(value)}`).toBe(StartupErrorCodes.INVALID_OPTION);
                expect((error as StartupError).message, `${name}: ${String(value)}`).toContain(name);
            }
        }
        // Valid values of each, and undefined for the default.
        const valid: Partial<Record<keyof typeof defaultRouterOptions, unknown>> = {
            useValidation: false,
            useSerialization: false,
            validateReturn: false,
            exposeMetadata: false,
            compile: 'lazy',
            requestIdHeader: 'X-Correlation-Id',
            echoRequestId: true,
            logSink: () => undefined,
            logLevel: 'debug',
            logInternalErrors: false,
            asyncContext: true,
            callTimeout: 0,
        };
        for (const [name, value] of Object.entries(valid)) {
            expect(
                startupCode(() => createRouter({[name]: value})),
                name,
            ).toBeUndefined();
        }
        for (const name of Object.keys(defaultRouterOptions) as (keyof typeof defaultRouterOptions)[]) {
            expect(createRouter({[name]: undefined}).options[name], name).toEqual(defaultRouterOptions[name]);
        }
    });

    it("compiles types on a route's first call with compile: 'lazy', and compileAll() throws the first type error", async () => {
        const router = createRouter({compile: 'lazy'});
        router.registerRoutes({
            ok: (ctx: CallContext, n: number): number => n * 2,
            broken: (ctx: CallContext, m: Map<string, number>): number => m.size,
        });
        expect(startupCode(() => router.registerRoutes({a: new Function('ctx', 'return 1') as (ctx: CallContext) => number}))).toBe(
            StartupErrorCodes.MISSING_TYPE_METADATA,
        );
        expect((await router.call('ok', [21])).json()).toEqual({ok: 42});
        const warnings: Error[] = [];
        const onWarning = (w: Error): number => warnings.push(w);
        process.on('warning', onWarning);
        try {
            for (let i = 0; i < 2; i++) {
                const res = await router.call('broken', [{}]);
                expect([res.statusCode, res.json()['@router'].name]).toEqual([500, 'unexpected-error']);
            }
            await tick(10);
            expect(warnings.map((w) => (w as StartupError).code)).toEqual([StartupErrorCodes.UNSUPPORTED_TYPE]);
        } finally {
            process.off('warning', onWarning);
        }
        expect(startupCode(() => router.compileAll())).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
    });

    it('times out only calls waiting on a promise, keeping what the steps finished before (callTimeout)', async () => {
        let late: (value: string) => void = () => undefined;
        const router = createRouter({callTimeout: 30, logSink: () => undefined});
        router.registerRoutes({
            version: hook((ctx: CallContext): string => 'v1'),
            busy: (ctx: CallContext): string => {
                const until = Date.now() + 60;
                while (Date.now() < until);
                return 'done';
            },
            hangs: (ctx: CallContext): Promise<string> => new Promise<string>((resolve) => (late = resolve)),
        });
        expect((await router.call('busy')).json()).toEqual({version: 'v1', busy: 'done'});
        const res = await router.call('hangs');
        late('too late');
        await tick(5);
        expect([res.statusCode, res.json()]).toEqual([
            503,
            {version: 'v1', '@router': {name: 'call-timeout', statusCode: 503, message: 'the call did not finish within 30 ms'}},
        ]);
        expect(createRouter({callTimeout: 0}).options.callTimeout).toBe(0);
    });

    it('passes undefined raw objects to raw hooks in router.call', async () => {
        const seen: unknown[] = [];
        const router = createRouter();
        router.registerRoutes({
            raw: rawHook((ctx: CallContext, req: unknown, res: unknown): void => void seen.push(req, res)),
            r: noop,
        });
        await router.call('r');
        expect(seen).toEqual([undefined, undefined]);
    });

    it('lets several routers live side by side', async () => {
        const a = createRouter();
        const b = createRouter();
        a.registerRoutes({x: (ctx: CallContext): string => 'a'});
        b.registerRoutes({x: (ctx: CallContext): string => 'b'});
        expect((await a.call('x')).json()).toEqual({x: 'a'});
        expect((await b.call('x')).json()).toEqual({x: 'b'});
    });
});

// ---------------------------------------------------------------------------------------------
// The default router, last: it replaces the seed-style example's router.

describe('default router (seed style)', () => {
    it('initRouter replaces the default router; registerRoutes and getRouter create one when needed', async () => {
        const seeded = getRouter();
        expect(seeded.routeIds()).toEqual(['sayMyName', 'getMyPet']);
        const fresh = initRouter({prefix: 'v2'});
        expect(getRouter()).toBe(fresh);
        expect(fresh.routeIds()).toEqual([]);
        resetRouter();
        const spec = registerRoutes({ping: (ctx: CallContext): string => 'pong'});
        expect(spec.ping.path).toBe('/ping');
        expect((await getRouter().call('ping')).json()).toEqual({ping: 'pong'});
        resetRouter();
        expect(getRouter().routeIds()).toEqual([]);
    });
});
