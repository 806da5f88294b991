// Every code sample of seeds/000_* (Call Context) and seeds/003_* (Hooks) run against Hookline, copied into
// test/seeds/samples/ with only the import specifiers changed, through real dispatch.
//
// Not run here: the "Type Reference" snippets of both seeds (000: `CallContext`; 003: `HookBase`/`RawHookDef`,
// `HookDef`, `HeaderHookDef`, `RawHookDef`). They are type declarations copied from mion's own source, not samples
// of use: Hookline has its own declarations of these names (the type-level checks below cover `CallContext`).
//
// The samples register their routes on the default router when imported, so every test starts from a fresh module
// graph (`vi.resetModules()`), a fresh default router (`resetRouter()`), and imports the sample again.
import {afterEach, describe, expect, expectTypeOf, it, vi} from 'vitest';
import {CallContext, RouterRequest, RouterResponse} from '@hookline/router';

vi.mock('MyAuth', () => import('./stubs/my-auth'));

type Hookline = typeof import('@hookline/router');
type MyAppModule = typeof import('./samples/myApp');
type AuthModule = typeof import('./stubs/my-auth');

interface Fresh {
    hl: Hookline;
    myApp: MyAppModule['myApp'];
    auth: AuthModule;
}

/** A fresh module graph and default router; the modules the samples import are the ones returned here. */
async function fresh(): Promise<Fresh> {
    vi.resetModules();
    const hl = await import('@hookline/router');
    hl.resetRouter();
    const {myApp} = await import('./samples/myApp');
    const auth: AuthModule = await import('MyAuth');
    // vi.mock keeps the mocked module across vi.resetModules(): empty its records.
    auth.authCalls.length = 0;
    myApp.resetRecords();
    return {hl, myApp, auth};
}

const unauthorized = {name: 'RpcError', statusCode: 401, message: 'user is not authorized'};

describe('seed 000, Call Context: "Sharing Data between Hooks and Routes" (samples/000-sharing-data.ts)', () => {
    async function load(): Promise<Fresh & {sample: typeof import('./samples/000-sharing-data')}> {
        const f = await fresh();
        const sample = await import('./samples/000-sharing-data');
        return {...f, sample};
    }

    it('registers the header hook and the route on the default router; the apiSpec describes them', async () => {
        const {hl, sample} = await load();
        expect(hl.getRouter().routeIds()).toEqual(['sayMyName']);
        expect(sample.apiSpec.authorizationHook).toMatchObject({id: 'authorizationHook', kind: 'headerHook', headerName: 'authorization'});
        expect(sample.apiSpec.authorizationHook.params).toEqual([{kind: 'string'}]);
        expect(sample.apiSpec.sayMyName).toMatchObject({id: 'sayMyName', kind: 'route', path: '/sayMyName', hooks: ['authorizationHook']});
        expect(
            hl
                .getRouter()
                .describe('sayMyName')
                ?.steps.map((s) => s.id),
        ).toEqual(['@parseBody', 'authorizationHook', 'sayMyName', '@serializeBody']);
    });

    it('rejects a token of a user that is not authorized: 401 with the public message under the hook id', async () => {
        const {hl, auth} = await load();
        const res = await hl.getRouter().inject({path: '/sayMyName', headers: {authorization: auth.TOKENS.inactive}});
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({authorizationHook: unauthorized});
        expect(auth.authCalls).toEqual([auth.TOKENS.inactive]);
    });

    it('rejects an unknown token with the same 401, and the route does not run', async () => {
        const {hl, auth} = await load();
        const res = await hl.getRouter().call('sayMyName', [], {headers: {Authorization: auth.TOKENS.unknown}});
        expect(res.statusCode).toBe(401);
        expect(res.body).toBe(JSON.stringify({authorizationHook: unauthorized}));
    });

    it('answers `hello <name>` from ctx.shared.myUser with a good token', async () => {
        const {hl, auth} = await load();
        const ada = await hl.getRouter().call('sayMyName', [], {headers: {authorization: auth.TOKENS.good}});
        expect(ada.statusCode).toBe(200);
        expect(ada.json()).toEqual({sayMyName: 'hello Ada'});
        const grace = await hl.getRouter().call('sayMyName', [], {headers: {authorization: auth.TOKENS.good2}});
        expect(grace.statusCode).toBe(200);
        expect(grace.json()).toEqual({sayMyName: 'hello Grace'});
        expect(auth.authCalls).toEqual([auth.TOKENS.good, auth.TOKENS.good2]);
    });

    it.each(['authorization', 'Authorization', 'AUTHORIZATION', 'aUtHoRiZaTiOn'])(
        'matches the header name %s case-insensitively',
        async (name) => {
            const {hl, auth} = await load();
            const ok = await hl.getRouter().inject({path: '/sayMyName', headers: {[name]: auth.TOKENS.good}});
            expect(ok.statusCode).toBe(200);
            expect(ok.json()).toEqual({sayMyName: 'hello Ada'});
            const denied = await hl.getRouter().inject({path: '/sayMyName', headers: {[name]: auth.TOKENS.inactive}});
            expect(denied.statusCode).toBe(401);
            expect(denied.json()).toEqual({authorizationHook: unauthorized});
        },
    );

    it('answers 400 (not 500) when the authorization header is missing, and never calls the auth service', async () => {
        const {hl, auth} = await load();
        const res = await hl.getRouter().call('sayMyName');
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
            authorizationHook: {
                name: 'invalid-header',
                statusCode: 400,
                message: 'header "authorization" is required',
                errorData: {header: 'authorization'},
            },
        });
        expect(auth.authCalls).toEqual([]);
    });
});

describe('seed 000, Call Context: "Shared Data Factory" (samples/000-shared-data-factory.ts)', () => {
    type Sample = typeof import('./samples/000-shared-data-factory');

    async function load(): Promise<Fresh & {sample: Sample}> {
        const f = await fresh();
        const sample = await import('./samples/000-shared-data-factory');
        return {...f, sample};
    }

    it('initRouter({sharedDataFactory}) makes the default router that registerRoutes then uses', async () => {
        const {hl, sample} = await load();
        const router = hl.getRouter();
        expect(router.options.sharedDataFactory).toBe(sample.initSharedData);
        expect(router.routeIds()).toEqual(['getMyPet']);
        expect(sample.apiSpec.getMyPet).toMatchObject({id: 'getMyPet', kind: 'route', path: '/getMyPet', params: []});
    });

    it('getMyPet reads ctx.shared.myUser, which the factory set to null', async () => {
        const {hl, myApp, sample} = await load();
        const res = await hl.getRouter().call('getMyPet');
        expect(res.statusCode).toBe(200);
        // Pet declares name and species: the db row's ownerId is not sent.
        expect(res.json()).toEqual({getMyPet: {name: 'Stray', species: 'cat'}});
        expect(myApp.db.petQueries).toEqual([null]);
        expect(sample.initSharedData()).toEqual({myUser: null});
    });

    it('gives each call a fresh shared object: a user set by one call is not seen by the next', async () => {
        const {hl, myApp, sample} = await load();
        const router = hl.getRouter();
        const seen: unknown[] = [];
        const atEntry: unknown[] = [];
        type Shared = ReturnType<Sample['initSharedData']>;
        router.registerRoutes({
            login: {
                setUser: hl.hook((ctx: CallContext<Shared>): void => {
                    seen.push(ctx.shared);
                    atEntry.push(structuredClone(ctx.shared));
                    ctx.shared.myUser = {id: 1, name: 'Ada'};
                }),
                getMyPet: sample.getMyPet,
            },
        });
        const first = await router.call('login/getMyPet');
        expect(first.statusCode).toBe(200);
        expect(first.json()).toEqual({'login/getMyPet': {name: 'Rex', species: 'dog'}});
        const second = await router.call('login/getMyPet');
        expect(second.json()).toEqual({'login/getMyPet': {name: 'Rex', species: 'dog'}});
        const plain = await router.call('getMyPet');
        expect(plain.json()).toEqual({getMyPet: {name: 'Stray', species: 'cat'}});
        expect(myApp.db.petQueries).toEqual([{id: 1, name: 'Ada'}, {id: 1, name: 'Ada'}, null]);
        expect(seen).toHaveLength(2);
        expect(seen[0]).not.toBe(seen[1]);
        expect(atEntry).toEqual([{myUser: null}, {myUser: null}]);
    });

    it('CallContext<SharedData> types ctx.shared (type-level, checked by tsc -p test/seeds/tsconfig.json)', async () => {
        const {sample} = await load();
        type Ctx = Parameters<typeof sample.getMyPet>[0];
        type SharedData = ReturnType<typeof sample.initSharedData>;
        expectTypeOf<Ctx>().toEqualTypeOf<CallContext<SharedData>>();
        expectTypeOf<Ctx['shared']>().toEqualTypeOf<SharedData>();
        expectTypeOf<Ctx['shared']['myUser']>().toEqualTypeOf<{id: number; name: string} | null>();
        expectTypeOf<Ctx['path']>().toBeString();
        expectTypeOf(sample.getMyPet).returns.resolves.toEqualTypeOf<{name: string; species: string}>();
        // CallContext without a type argument: shared is any (the hooks sample relies on it).
        expectTypeOf<CallContext['shared']>().toBeAny();
        const readonlyPath = (ctx: Ctx): void => {
            // @ts-expect-error path is read only
            ctx.path = '/elsewhere';
            // @ts-expect-error shared.myUser is User | null
            ctx.shared.myUser = 'Ada';
        };
        expect(typeof readonlyPath).toBe('function');
    });
});

describe.each([
    ['"Defining a Hook" (samples/003-hooks-definition.ts)', () => import('./samples/003-hooks-definition')],
    ['"Force Run On Errors" (samples/003-hooks-force-run-on-errors.ts)', () => import('./samples/003-hooks-force-run-on-errors')],
])('seed 003, Hooks: %s', (_title, importSample) => {
    interface Loaded extends Fresh {
        ran: string[];
    }

    // The sample holds only its logger: register it with routes of our own before it (the logger runs after them)
    // and one route after it (the logger runs before that one).
    async function load(): Promise<Loaded> {
        const f = await fresh();
        const {routes} = await importSample();
        const {hl} = f;
        const ran: string[] = [];
        hl.registerRoutes({
            setMe: hl.hook((ctx: CallContext): void => {
                ctx.shared.me = {name: 'Ada'};
            }),
            ok: (ctx: CallContext): string => {
                ran.push('ok');
                return 'ok';
            },
            fails: (ctx: CallContext): string => {
                ran.push('fails');
                throw new Error('db is down');
            },
            admin: {
                guard: hl.hook((ctx: CallContext): void => {
                    throw new hl.RpcError({statusCode: 403, publicMessage: 'admins only', message: 'Ada is not an admin'});
                }),
                stats: (ctx: CallContext): number => {
                    ran.push('admin/stats');
                    return 1;
                },
            },
            ...routes,
            lateFailure: (ctx: CallContext): string => {
                ran.push('lateFailure');
                throw new Error('failed after the logger');
            },
        });
        return {...f, ran};
    }

    it('places the logger after the routes before it, with runOnError, and before the route after it', async () => {
        const {hl} = await load();
        const ids = (routeId: string): string[] | undefined =>
            hl
                .getRouter()
                .describe(routeId)
                ?.steps.map((s) => s.id);
        expect(ids('ok')).toEqual(['@parseBody', 'setMe', 'ok', 'logger', '@serializeBody']);
        expect(ids('admin/stats')).toEqual(['@parseBody', 'setMe', 'admin/guard', 'admin/stats', 'logger', '@serializeBody']);
        expect(ids('lateFailure')).toEqual(['@parseBody', 'setMe', 'logger', 'lateFailure', '@serializeBody']);
        expect(
            hl
                .getRouter()
                .describe('ok')
                ?.steps.find((s) => s.id === 'logger')?.runOnError,
        ).toBe(true);
    });

    it('on success logs ctx.path and ctx.shared.me.name', async () => {
        const {hl, myApp, ran} = await load();
        const res = await hl.getRouter().call('ok');
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ok: 'ok'});
        expect(ran).toEqual(['ok']);
        expect(myApp.cloudLogs.logs).toEqual([{path: '/ok', data: 'Ada'}]);
        expect(myApp.cloudLogs.errors).toEqual([]);
    });

    it('runs after a failing route and sends ctx.request.internalErrors to cloudLogs.error', async () => {
        const {hl, myApp, ran} = await load();
        const res = await hl.getRouter().call('fails');
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({fails: {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
        expect(res.body).not.toContain('db is down');
        expect(ran).toEqual(['fails']);
        expect(myApp.cloudLogs.logs).toEqual([]);
        expect(myApp.cloudLogs.errors).toHaveLength(1);
        const [entry] = myApp.cloudLogs.errors;
        expect(entry?.path).toBe('/fails');
        const errors = entry?.data as InstanceType<Hookline['RpcError']>[];
        expect(errors).toHaveLength(1);
        expect(errors[0]).toBeInstanceOf(hl.RpcError);
        expect(errors[0]).toMatchObject({statusCode: 500, publicMessage: 'Unexpected error', message: 'db is down'});
        expect(errors[0]?.originalError).toBeInstanceOf(Error);
        expect((errors[0]?.originalError as Error).message).toBe('db is down');
    });

    it('runs after a failing hook (the route is skipped) and logs the hook error with its private message', async () => {
        const {hl, myApp, ran} = await load();
        const res = await hl.getRouter().call('admin/stats');
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({'admin/guard': {name: 'RpcError', statusCode: 403, message: 'admins only'}});
        expect(ran).toEqual([]);
        expect(myApp.cloudLogs.logs).toEqual([]);
        expect(myApp.cloudLogs.errors).toHaveLength(1);
        expect(myApp.cloudLogs.errors[0]?.path).toBe('/admin/stats');
        expect(myApp.cloudLogs.errors[0]?.data).toEqual([
            expect.objectContaining({statusCode: 403, publicMessage: 'admins only', message: 'Ada is not an admin'}),
        ]);
    });

    it('a logger placed before a route runs before it: it sees no error yet and logs the name', async () => {
        const {hl, myApp, ran} = await load();
        const res = await hl.getRouter().call('lateFailure');
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({lateFailure: {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
        expect(ran).toEqual(['lateFailure']);
        expect(myApp.cloudLogs.logs).toEqual([{path: '/lateFailure', data: 'Ada'}]);
        expect(myApp.cloudLogs.errors).toEqual([]);
    });
});

describe('seed 003, Hooks: "Header Hooks" (samples/003-hooks-header-definition.ts)', () => {
    interface Loaded extends Fresh {
        /** `ctx.request.internalErrors` as a runOnError hook after the route saw them, per call. */
        captured: unknown[][];
    }

    async function load(): Promise<Loaded> {
        const f = await fresh();
        const {routes} = await import('./samples/003-hooks-header-definition');
        const {hl} = f;
        const captured: unknown[][] = [];
        hl.registerRoutes({
            ...routes,
            whoAmI: (ctx: CallContext): string => ctx.shared.auth.me.name,
            myAuth: (ctx: CallContext): {me: {id: number; name: string; active: boolean}} => ctx.shared.auth,
            capture: hl.hook(
                (ctx: CallContext): void => {
                    captured.push([...ctx.request.internalErrors]);
                },
                {runOnError: true},
            ),
        });
        return {...f, captured};
    }

    it('is a header hook on "authorization" with one string param', async () => {
        const {hl} = await load();
        const step = hl
            .getRouter()
            .describe('whoAmI')
            ?.steps.find((s) => s.id === 'auth');
        expect(step).toMatchObject({kind: 'headerHook', headerName: 'authorization', params: [{name: 'token', type: 'string'}]});
    });

    it('turns the thrown plain object {code: 401, message} into a 401 with that message', async () => {
        const {hl, auth, captured} = await load();
        const res = await hl.getRouter().call('whoAmI', [], {headers: {authorization: auth.TOKENS.inactive}});
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({auth: unauthorized});
        expect(captured).toHaveLength(1);
        expect(captured[0]).toHaveLength(1);
        const error = captured[0]?.[0] as InstanceType<Hookline['RpcError']>;
        expect(error).toBeInstanceOf(hl.RpcError);
        expect(error).toMatchObject({statusCode: 401, publicMessage: 'user is not authorized'});
        expect(error.originalError).toEqual({code: 401, message: 'user is not authorized'});
    });

    it('denies an unknown token too, whatever the case of the header name', async () => {
        const {hl, auth} = await load();
        const res = await hl.getRouter().inject({path: '/myAuth', headers: {AUTHORIZATION: auth.TOKENS.unknown}});
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({auth: unauthorized});
    });

    it('lets a good token through and sets ctx.shared.auth = {me}', async () => {
        const {hl, auth, captured} = await load();
        const who = await hl.getRouter().call('whoAmI', [], {headers: {Authorization: auth.TOKENS.good}});
        expect(who.statusCode).toBe(200);
        expect(who.json()).toEqual({whoAmI: 'Ada'});
        const me = await hl.getRouter().inject({path: '/myAuth', headers: {AUTHORIZATION: auth.TOKENS.good2}});
        expect(me.statusCode).toBe(200);
        expect(me.json()).toEqual({myAuth: {me: {id: 3, name: 'Grace', active: true}}});
        expect(captured).toEqual([[], []]);
        expect(auth.authCalls).toEqual([auth.TOKENS.good, auth.TOKENS.good2]);
    });
});

describe('seed 003, Hooks: "Raw Hooks" (samples/003-hooks-raw-definition.ts)', () => {
    /** What the seed's progress hook writes: every 10 ms, 10% more, up to 1000%; then once more after it resolved. */
    const expectedWrites = Array.from({length: 101}, (_, i) => `\n${(i + 1) * 10}%`);

    /** A stand-in for Node's ServerResponse that records `write` calls. */
    class FakeRawResponse {
        readonly writes: string[] = [];
        write(chunk: string): boolean {
            this.writes.push(chunk);
            return true;
        }
    }

    interface Loaded extends Fresh {
        rawRequest: {url: string; body: unknown};
        rawResponse: FakeRawResponse;
        /** The raw objects the test's own raw hook (before the seed's) received. */
        seenRaw: unknown[][];
        /** How many writes had happened when the route ran. */
        writesWhenRouteRan: number[];
        dispatch(): RouterResponse | Promise<RouterResponse>;
    }

    async function load(): Promise<Loaded> {
        const f = await fresh();
        const {routes} = await import('./samples/003-hooks-raw-definition');
        const {hl} = f;
        const rawRequest = {url: '/hello', body: undefined};
        const rawResponse = new FakeRawResponse();
        const seenRaw: unknown[][] = [];
        const writesWhenRouteRan: number[] = [];
        hl.registerRoutes({
            seeRaw: hl.rawHook((ctx, req: unknown, res: unknown): void => {
                seenRaw.push([req, res]);
            }),
            ...routes,
            hello: (ctx: CallContext): {hello: string} => {
                writesWhenRouteRan.push(rawResponse.writes.length);
                return {hello: 'world'};
            },
        });
        const request: RouterRequest = {method: 'POST', path: '/hello', headers: {}, body: ''};
        const dispatch = (): RouterResponse | Promise<RouterResponse> => hl.getRouter().dispatch(request, rawRequest, rawResponse);
        return {...f, rawRequest, rawResponse, seenRaw, writesWhenRouteRan, dispatch};
    }

    afterEach(() => {
        vi.useRealTimers();
    });

    it('gets the raw request and response given to router.dispatch and writes the progress to the raw response', async () => {
        vi.useFakeTimers();
        const {rawRequest, rawResponse, seenRaw, writesWhenRouteRan, dispatch} = await load();
        const pending = Promise.resolve(dispatch());
        await vi.advanceTimersByTimeAsync(2000);
        const res = await pending;
        expect(seenRaw).toHaveLength(1);
        expect(seenRaw[0]?.[0]).toBe(rawRequest);
        expect(seenRaw[0]?.[1]).toBe(rawResponse);
        expect(rawResponse.writes).toEqual(expectedWrites);
        // The route ran after the raw hook had finished writing; its body is the response that follows.
        expect(writesWhenRouteRan).toEqual([101]);
        expect(res.statusCode).toBe(200);
        expect(JSON.parse(res.body)).toEqual({hello: {hello: 'world'}});
    });

    it('does not answer before the raw hook resolves', async () => {
        vi.useFakeTimers();
        const {rawResponse, writesWhenRouteRan, dispatch} = await load();
        let settled: RouterResponse | undefined;
        const pending = Promise.resolve(dispatch()).then((r) => (settled = r));
        await vi.advanceTimersByTimeAsync(500);
        expect(rawResponse.writes).toEqual(expectedWrites.slice(0, 50));
        expect(settled).toBeUndefined();
        expect(writesWhenRouteRan).toEqual([]);
        await vi.advanceTimersByTimeAsync(1500);
        await pending;
        expect(settled?.statusCode).toBe(200);
        expect(rawResponse.writes).toEqual(expectedWrites);
    });

    it('works with real timers too', async () => {
        const {rawResponse, writesWhenRouteRan, dispatch} = await load();
        const res = await dispatch();
        expect(rawResponse.writes).toEqual(expectedWrites);
        expect(writesWhenRouteRan).toEqual([101]);
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('{"hello":{"hello":"world"}}');
    });

    it('puts nothing of its own in the body and is not visible to clients', async () => {
        const {hl} = await load();
        const steps = hl.getRouter().describe('hello')?.steps;
        expect(steps?.map((s) => [s.id, s.kind])).toEqual([
            ['@parseBody', 'internal'],
            ['seeRaw', 'rawHook'],
            ['progress', 'rawHook'],
            ['hello', 'route'],
            ['@serializeBody', 'internal'],
        ]);
        expect(hl.getRouter().getMetadata().routes.hello?.hooks).toEqual([]);
    });
});
