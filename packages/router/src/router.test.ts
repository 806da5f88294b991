import {describe, expect, it} from 'vitest';
import {
    CallContext,
    createRouter,
    getRouter,
    hook,
    initRouter,
    registerRoutes,
    resetRouter,
    route,
    Router,
    Routes,
    StartupError,
    StartupErrorCodes,
} from './index.js';
import {savePet} from './test-support/import-type-handler.js';

function startupCode(fn: () => unknown): string | undefined {
    try {
        fn();
    } catch (e) {
        if (e instanceof StartupError) return e.code;
        throw e;
    }
    return undefined;
}

const ok = (ctx: CallContext): string => 'ok';

describe('startup errors', () => {
    it.each([
        ['numeric key', {1: ok} as Routes, StartupErrorCodes.INVALID_ROUTE_KEY],
        ['key with a slash', {'a/b': ok} as Routes, StartupErrorCodes.INVALID_ROUTE_KEY],
        ['reserved @ key', {'@metadata': ok} as Routes, StartupErrorCodes.INVALID_ROUTE_KEY],
        ['empty routes', {} as Routes, StartupErrorCodes.EMPTY_ROUTES],
        ['empty nested routes', {a: {}} as Routes, StartupErrorCodes.EMPTY_ROUTES],
        ['only hooks', {h: hook((ctx: CallContext): void => undefined)} as Routes, StartupErrorCodes.EMPTY_ROUTES],
        ['not a definition', {a: 42} as unknown as Routes, StartupErrorCodes.INVALID_DEFINITION],
        ['route object with an unknown key', {a: {route: ok, other: ok}} as unknown as Routes, StartupErrorCodes.INVALID_DEFINITION],
        ['no type metadata', {a: new Function('ctx', 'return 1') as (ctx: CallContext) => number}, StartupErrorCodes.MISSING_TYPE_METADATA],
        ['import type param', {savePet}, StartupErrorCodes.NEVER_PARAM],
        ['Map param', {a: (ctx: CallContext, m: Map<string, number>): number => m.size}, StartupErrorCodes.UNSUPPORTED_TYPE],
        [
            'header hook with two params',
            {h: {headerName: 'x-a', hook: (ctx: CallContext, a: string, b: string): void => undefined}, ok},
            StartupErrorCodes.INVALID_HEADER_HOOK,
        ],
        [
            'header hook with an object param',
            {h: {headerName: 'x-a', hook: (ctx: CallContext, a: {x: 1}): void => undefined}, ok},
            StartupErrorCodes.INVALID_HEADER_HOOK,
        ],
        [
            'header hook with a bad name',
            {h: {headerName: 'x a', hook: (ctx: CallContext, a: string): void => undefined}, ok},
            StartupErrorCodes.INVALID_HEADER_HOOK,
        ],
    ])('%s', (_name, routes, code) => {
        expect(startupCode(() => createRouter().registerRoutes(routes))).toBe(code);
    });

    it('too deep nesting', () => {
        let routes: Routes = {ok};
        for (let i = 0; i < 4; i++) routes = {deeper: routes};
        expect(startupCode(() => createRouter({maxRouteDepth: 4}).registerRoutes(routes))).toBe(StartupErrorCodes.ROUTES_TOO_DEEP);
        expect(startupCode(() => createRouter({maxRouteDepth: 5}).registerRoutes(routes))).toBeUndefined();
    });

    it('duplicate ids across registerRoutes calls', () => {
        const router = createRouter();
        router.registerRoutes({users: {get: ok}});
        expect(startupCode(() => router.registerRoutes({users: {get: ok}}))).toBe(StartupErrorCodes.DUPLICATE_ROUTE_ID);
        router.registerRoutes({users2: {get: ok}});
        expect(router.routeIds()).toEqual(['users/get', 'users2/get']);
    });

    it('invalid options', () => {
        expect(startupCode(() => createRouter({maxBodySize: -1}))).toBe(StartupErrorCodes.INVALID_OPTION);
        expect(startupCode(() => createRouter({maxRouteDepth: 1.5}))).toBe(StartupErrorCodes.INVALID_OPTION);
    });

    it('the missing-metadata error says how to enable the type compiler', () => {
        expect(() => createRouter().registerRoutes({a: new Function('ctx', 'return 1') as (ctx: CallContext) => number})).toThrow(
            /"reflection": true/,
        );
    });
});

describe('router instances', () => {
    it('two routers side by side keep their own routes, options and shared data', async () => {
        const a = createRouter({prefix: 'api/v1', sharedDataFactory: () => ({who: 'a'})});
        const b = createRouter({suffix: '.json', sharedDataFactory: () => ({who: 'b'})});
        const who = (ctx: CallContext<{who: string}>): string => ctx.shared.who;
        a.registerRoutes({who});
        b.registerRoutes({who, only: route((ctx: CallContext): number => 2)});
        expect((await a.inject({path: '/api/v1/who'})).json()).toEqual({who: 'a'});
        expect((await b.inject({path: '/who.json'})).json()).toEqual({who: 'b'});
        expect((await a.inject({path: '/who'})).statusCode).toBe(404);
        expect((await a.inject({path: '/only'})).statusCode).toBe(404);
        expect(a.routeIds()).toEqual(['who']);
    });

    it('prefix slashes are normalized', () => {
        expect(createRouter({prefix: '/api/'}).urlPathOf('x/y')).toBe('/api/x/y');
    });

    it('initRouter/registerRoutes use one default instance, replaced by initRouter', async () => {
        resetRouter();
        const spec = registerRoutes({hello: ok});
        expect(spec.hello.path).toBe('/hello');
        expect(getRouter()).toBeInstanceOf(Router);
        expect((await getRouter().call('hello')).json()).toEqual({hello: 'ok'});
        const replaced = initRouter({prefix: 'v2'});
        expect(getRouter()).toBe(replaced);
        expect(registerRoutes({hello: ok}).hello.path).toBe('/v2/hello');
        resetRouter();
    });
});

describe('api spec and metadata', () => {
    const router = createRouter({prefix: 'api'});
    const spec = router.registerRoutes({
        auth: {headerName: 'Authorization', hook: (ctx: CallContext, token: string): void => undefined},
        users: {
            getUser: (ctx: CallContext, id: number): {id: number; since: Date} => ({id, since: new Date(0)}),
            audit: hook((ctx: CallContext, note?: string): void => undefined),
        },
    });

    it('registerRoutes returns the routes tree with metadata', () => {
        expect(spec.users.getUser).toMatchObject({
            id: 'users/getUser',
            kind: 'route',
            path: '/api/users/getUser',
            paramNames: ['id'],
            hooks: ['auth', 'users/audit'],
        });
        expect(spec.auth).toMatchObject({id: 'auth', kind: 'headerHook', headerName: 'authorization'});
        expect(spec.users.getUser.returns).toEqual({
            kind: 'object',
            props: [
                {name: 'id', optional: false, type: {kind: 'number'}},
                {name: 'since', optional: false, type: {kind: 'date'}},
            ],
        });
    });

    it('serves the metadata route, which can be switched off', async () => {
        const res = await router.inject({method: 'GET', path: '/api/@metadata'});
        expect(res.statusCode).toBe(200);
        const meta = res.json()['@metadata'];
        expect(Object.keys(meta.routes)).toEqual(['users/getUser']);
        expect(Object.keys(meta.hooks)).toEqual(['auth', 'users/audit']);
        expect(meta.routes['users/getUser'].params).toEqual([{kind: 'number'}]);
        const closed = createRouter({exposeMetadata: false});
        closed.registerRoutes({ok});
        expect((await closed.inject({method: 'GET', path: '/@metadata'})).statusCode).toBe(404);
    });

    it('describe() shows the execution path with types and schemas', () => {
        const d = router.describe('users/getUser');
        expect(d?.methods).toBe('POST');
        expect(d?.steps.map((s) => s.id)).toEqual(['@parseBody', 'auth', 'users/getUser', 'users/audit', '@serializeBody']);
        const routeStep = d?.steps[2];
        expect(routeStep?.params).toEqual([{name: 'id', type: 'number', optional: false}]);
        expect(routeStep?.returnSchema).toEqual({
            type: 'object',
            properties: {id: {type: 'number'}, since: {type: 'string', format: 'date-time'}},
            required: ['id', 'since'],
        });
        expect(router.describe('nope')).toBeUndefined();
    });
});

describe("compile: 'lazy'", () => {
    it('checks structure and type metadata at registration, compiles types on first use', async () => {
        const router = createRouter({compile: 'lazy'});
        const spec = router.registerRoutes({
            ok: (ctx: CallContext, n: number): number => n * 2,
            broken: (ctx: CallContext, m: Map<string, number>): number => m.size,
        });
        expect((await router.call('ok', [21])).json()).toEqual({ok: 42});
        expect(spec.ok.params).toEqual([{kind: 'number'}]);
        const warnings: Error[] = [];
        const onWarning = (w: Error): number => warnings.push(w);
        process.on('warning', onWarning);
        try {
            const res = await router.call('broken', [{}]);
            expect(res.statusCode).toBe(500);
            expect(res.json()['@router'].name).toBe('unexpected-error');
            await new Promise((r) => setTimeout(r, 10));
            expect(warnings.map((w) => (w as StartupError).code)).toEqual([StartupErrorCodes.UNSUPPORTED_TYPE]);
            expect((await router.call('broken', [{}])).statusCode).toBe(500);
            await new Promise((r) => setTimeout(r, 10));
            expect(warnings).toHaveLength(1);
        } finally {
            process.off('warning', onWarning);
        }
        expect(startupCode(() => router.compileAll())).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
    });

    it('finds a bad key among many good ones, and takes keys that are valid without being plain names', () => {
        const many = (bad: string): Routes => {
            const routes: Routes = {};
            for (let i = 0; i < 50; i++) routes[`r${i}`] = ok;
            routes[bad] = ok;
            for (let i = 50; i < 100; i++) routes[`r${i}`] = ok;
            return routes;
        };
        for (const bad of [
            '',
            '7',
            'a/b',
            '/',
            'a/',
            '/a',
            '@x',
            'a b',
            'a?b',
            'a#b',
            'a%b',
            'a\\b',
            'a\nb',
            '\tx',
            'a\u0001/b',
            'a\u0001 b',
        ]) {
            expect([bad, startupCode(() => createRouter({compile: 'lazy'}).registerRoutes(many(bad)))]).toEqual([
                bad,
                StartupErrorCodes.INVALID_ROUTE_KEY,
            ]);
        }
        const router = createRouter({compile: 'lazy'});
        router.registerRoutes(many('café'));
        router.registerRoutes({'x+y': ok, ['a@b']: ok, 'a.b-c_$': ok, 'a\u0001b': ok, '\u00017': ok});
        expect(router.routeIds()).toEqual(expect.arrayContaining(['café', 'r99', 'x+y', 'a@b', 'a.b-c_$', 'a\u0001b', '\u00017']));
    });

    it('still refuses bad structure and missing type metadata at registration', () => {
        const router = createRouter({compile: 'lazy'});
        expect(startupCode(() => router.registerRoutes({1: ok} as Routes))).toBe(StartupErrorCodes.INVALID_ROUTE_KEY);
        expect(startupCode(() => router.registerRoutes({a: new Function('ctx', 'return 1') as (ctx: CallContext) => number}))).toBe(
            StartupErrorCodes.MISSING_TYPE_METADATA,
        );
    });

    it('eager (the default) compiles everything in registerRoutes', () => {
        expect(
            startupCode(() => createRouter().registerRoutes({broken: (ctx: CallContext, m: Map<string, number>): number => m.size})),
        ).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
    });
});
