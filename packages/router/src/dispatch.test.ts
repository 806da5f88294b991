import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, hook, LogLine, RpcError, route, RouterRequest, RouterResponse} from './index.js';
import {routeInfo} from './call-context.js';
import {buildExecutionPath} from './execution-path.js';
import {internalProcedure, Procedure} from './procedure.js';

interface User {
    id: number;
    name: string;
    lastUpdate: Date;
    tags?: string[];
}

const internal: RpcError[][] = [];
const router = createRouter({maxBodySize: 1000});
router.registerRoutes({
    auth: headersHook('Authorization', (ctx: CallContext, token: string): void => {
        if (token !== 'ok') throw new RpcError({statusCode: 401, publicMessage: 'bad token', message: 'token mismatch for tenant 42'});
    }),
    secure: {
        whoami: (ctx: CallContext): string => 'you',
    },
    open: {
        hello: (ctx: CallContext): {hello: string} => ({hello: 'world'}),
        echo: (ctx: CallContext, text: string): string => text,
        updateUser: (ctx: CallContext, user: User): User => {
            expect(user.lastUpdate).toBeInstanceOf(Date);
            const lastUpdate = new Date(user.lastUpdate);
            lastUpdate.setUTCMonth(lastUpdate.getUTCMonth() + 1);
            return {...user, lastUpdate};
        },
        leaky: (ctx: CallContext): {id: number} => ({id: 1, password: 'hunter2'}) as {id: number},
        wrongReturn: (ctx: CallContext): number => 'not a number' as unknown as number,
        crash: (ctx: CallContext): string => {
            throw new Error('SELECT * FROM secrets failed at /srv/app/db.ts:12');
        },
        crashAsync: async (ctx: CallContext): Promise<string> => {
            throw new TypeError('cannot read x of undefined');
        },
        throwsPlain403: (ctx: CallContext): string => {
            throw {code: 403, message: 'not yours'};
        },
        throwsPlainStatus: (ctx: CallContext): string => {
            throw {statusCode: 422, message: 'unprocessable'};
        },
        throwsPlain500: (ctx: CallContext): string => {
            throw {code: 500, message: 'internal detail'};
        },
        returnsError: (ctx: CallContext): string | RpcError =>
            new RpcError({statusCode: 409, publicMessage: 'conflict', errorData: {field: 'name'}}),
    },
    pages: {
        sends: headersHook('x-next', (ctx: CallContext, n: number): string => (n === 13 ? 'bad\r\nset-cookie: x' : `page-${n + 1}`)),
        paged: (ctx: CallContext): boolean => true,
    },
    logger: hook((ctx: CallContext): void => void internal.push([...ctx.request.internalErrors]), {runOnError: true}),
});

const json = 'application/json';
async function post(
    path: string,
    body: unknown,
    headers: Record<string, string | string[]> = {},
): Promise<RouterResponse & {json: () => any}> {
    return router.inject({method: 'POST', path, body, headers: {authorization: 'ok', 'content-type': json, ...headers}});
}

describe('protocol: success', () => {
    it('POST with params returns {id: value}', async () => {
        const res = await post('/open/echo', {'open/echo': ['hé ✓']});
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.json()).toEqual({'open/echo': 'hé ✓'});
    });

    it('GET works for a path without body params, POST with an empty body too', async () => {
        const get = await router.inject({method: 'GET', path: '/open/hello', headers: {authorization: 'ok'}});
        expect(get.json()).toEqual({'open/hello': {hello: 'world'}});
        const post = await router.inject({method: 'POST', path: '/open/hello', headers: {authorization: 'ok'}});
        expect(post.json()).toEqual({'open/hello': {hello: 'world'}});
    });

    it('Dates come in as Date objects and go out as ISO strings', async () => {
        const res = await post('/open/updateUser', {'open/updateUser': [{id: 7, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'}]});
        expect(res.json()).toEqual({'open/updateUser': {id: 7, name: 'Ada', lastUpdate: '2024-03-02T10:00:00.000Z'}});
    });

    it('undeclared fields of a return value are never sent', async () => {
        const res = await post('/open/leaky', {});
        expect(res.body).toBe('{"open/leaky":{"id":1}}');
    });

    it('a header hook sets the response header from its return value', async () => {
        const res = await post('/pages/paged', {}, {'X-Next': '1'});
        expect(res.headers['x-next']).toBe('page-2');
        expect(res.json()).toEqual({'pages/paged': true});
    });

    it('a returned RpcError is an error like a thrown one', async () => {
        const res = await post('/open/returnsError', {});
        expect(res.statusCode).toBe(409);
        expect(res.json()).toEqual({
            'open/returnsError': {name: 'RpcError', statusCode: 409, message: 'conflict', errorData: {field: 'name'}},
        });
    });
});

describe('protocol: every error path', () => {
    const routerErrorOf = (res: {json: () => any}) => res.json()['@router'];

    it('404 route-not-found', async () => {
        const res = await post('/nope', {});
        expect(res.statusCode).toBe(404);
        expect(routerErrorOf(res)).toEqual({name: 'route-not-found', statusCode: 404, message: 'no route at /nope'});
    });

    it('405 method-not-allowed, with Allow', async () => {
        const put = await router.inject({method: 'PUT', path: '/open/hello'});
        expect(put.statusCode).toBe(405);
        expect(put.headers['allow']).toBe('GET, POST');
        expect(routerErrorOf(put).name).toBe('method-not-allowed');
        const get = await router.inject({method: 'GET', path: '/open/echo'});
        expect(get.statusCode).toBe(405);
        expect(get.headers['allow']).toBe('POST');
    });

    it('415 unsupported-media-type for a body that is not application/json (UTF-8)', async () => {
        for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
            const res = await post('/open/echo', '{"open/echo":["x"]}', {'content-type': contentType});
            expect(res.statusCode, contentType).toBe(415);
            expect(routerErrorOf(res).name).toBe('unsupported-media-type');
        }
        const missing = await router.inject({path: '/open/echo', body: '{"open/echo":["x"]}', headers: {authorization: 'ok'}});
        expect(missing.statusCode).toBe(415);
        const ok = await post('/open/echo', '{"open/echo":["x"]}', {'content-type': 'Application/JSON; Charset=UTF-8'});
        expect(ok.statusCode).toBe(200);
    });

    it('413 body-too-large counts bytes, not characters', async () => {
        const atLimit = `{"open/echo":["${'a'.repeat(1000 - 18)}"]}`;
        expect(Buffer.byteLength(atLimit)).toBe(1000);
        expect((await post('/open/echo', atLimit)).statusCode).toBe(200);
        const overByOne = `{"open/echo":["${'a'.repeat(1000 - 17)}"]}`;
        const res = await post('/open/echo', overByOne);
        expect(res.statusCode).toBe(413);
        expect(res.headers['connection']).toBe('close');
        expect(routerErrorOf(res).name).toBe('body-too-large');
        const multiByte = `{"open/echo":["${'é'.repeat(495)}"]}`;
        expect(multiByte.length).toBeLessThan(1000);
        expect((await post('/open/echo', multiByte)).statusCode).toBe(413);
        const bytes = new Uint8Array(1001).fill(32);
        const raw = await router.dispatch({method: 'POST', path: '/open/echo', headers: {'content-type': json}, body: bytes});
        expect(raw.statusCode).toBe(413);
    });

    it('400 invalid-json for malformed JSON and invalid UTF-8', async () => {
        const res = await post('/open/echo', '{"open/echo": [');
        expect(res.statusCode).toBe(400);
        expect(routerErrorOf(res).name).toBe('invalid-json');
        const bad = await router.dispatch({
            method: 'POST',
            path: '/open/echo',
            headers: {'content-type': json},
            body: new Uint8Array([0x7b, 0xff, 0x7d]),
        });
        expect(bad.statusCode).toBe(400);
        expect(JSON.parse(bad.body)['@router'].name).toBe('invalid-json');
    });

    it('400 invalid-body for a body that is not an object of known ids', async () => {
        for (const body of ['[]', 'null', '"x"', '{"open/hello":[],"other":[1]}']) {
            const res = await post('/open/echo', body);
            expect(res.statusCode, body).toBe(400);
            expect(routerErrorOf(res).name, body).toBe('invalid-body');
        }
    });

    it('400 invalid-params for params that are missing or not an array', async () => {
        const missing = await post('/open/echo', {});
        expect(missing.statusCode).toBe(400);
        expect(missing.json()['open/echo'].name).toBe('invalid-params');
        const notArray = await post('/open/echo', {'open/echo': 'x'});
        expect(notArray.json()['open/echo'].name).toBe('invalid-params');
        const tooMany = await post('/open/hello', {'open/hello': [1]});
        expect(tooMany.statusCode).toBe(400);
        expect(tooMany.json()['open/hello'].name).toBe('invalid-params');
    });

    it('400 validation-failed lists every failing path', async () => {
        const res = await post('/open/updateUser', {
            'open/updateUser': [{id: '7', name: 'Ada', lastUpdate: 'yesterday', tags: ['a', 2], role: 'admin'}],
        });
        expect(res.statusCode).toBe(400);
        const error = res.json()['open/updateUser'];
        expect(error.name).toBe('validation-failed');
        expect(error.errorData.errors.map((e: {path: string}) => e.path)).toEqual([
            'open/updateUser[0].id',
            'open/updateUser[0].lastUpdate',
            'open/updateUser[0].tags[1]',
            'open/updateUser[0].role',
        ]);
        const count = await post('/open/echo', {'open/echo': ['a', 'b']});
        expect(count.json()['open/echo'].name).toBe('validation-failed');
    });

    it('400 invalid-header for a missing, repeated or unconvertible header', async () => {
        const missing = await router.inject({path: '/secure/whoami'});
        expect(missing.statusCode).toBe(400);
        expect(missing.json().auth).toMatchObject({name: 'invalid-header', statusCode: 400, errorData: {header: 'authorization'}});
        const repeated = await router.inject({path: '/secure/whoami', headers: {authorization: ['ok', 'ok']}});
        expect(repeated.json().auth.name).toBe('invalid-header');
        const notNumber = await post('/pages/paged', {}, {'x-next': 'abc'});
        expect(notNumber.statusCode).toBe(400);
        expect(notNumber.json()['pages/sends'].name).toBe('invalid-header');
    });

    it('401 from an RpcError: public message only', async () => {
        const res = await router.inject({path: '/secure/whoami', headers: {Authorization: 'nope'}});
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({auth: {name: 'RpcError', statusCode: 401, message: 'bad token'}});
        expect(res.body).not.toContain('tenant');
    });

    it('500 unexpected-error for thrown non-RpcErrors: generic message, original kept server side', async () => {
        for (const path of ['/open/crash', '/open/crashAsync']) {
            internal.length = 0;
            const res = await post(path, {});
            expect(res.statusCode).toBe(500);
            expect(res.json()).toEqual({[path.slice(1)]: {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
            expect(res.body).not.toMatch(/SELECT|srv|TypeError|cannot read|at /);
            expect(internal[0]?.[0]?.originalError).toBeInstanceOf(Error);
        }
    });

    it('the seed form {code|statusCode: 4xx, message} becomes that 4xx; a 5xx plain object does not', async () => {
        expect((await post('/open/throwsPlain403', {})).json()).toEqual({
            'open/throwsPlain403': {name: 'RpcError', statusCode: 403, message: 'not yours'},
        });
        expect((await post('/open/throwsPlainStatus', {})).statusCode).toBe(422);
        const five = await post('/open/throwsPlain500', {});
        expect(five.statusCode).toBe(500);
        expect(five.body).not.toContain('internal detail');
    });

    it('500 invalid-return for a value that does not match the declared type, and for a header with CR/LF', async () => {
        internal.length = 0;
        const res = await post('/open/wrongReturn', {});
        expect(res.statusCode).toBe(500);
        expect(res.json()['open/wrongReturn'].name).toBe('invalid-return');
        expect(res.body).not.toContain('not a number');
        expect(internal[0]?.[0]?.message).toContain('open/wrongReturn');
        const header = await post('/pages/paged', {}, {'x-next': '13'});
        expect(header.statusCode).toBe(500);
        expect(header.headers['x-next']).toBeUndefined();
    });
});

describe('shared data', () => {
    it('sharedDataFactory gives every call its own object; a throwing factory is a 500', async () => {
        let n = 0;
        const r = createRouter({sharedDataFactory: () => ({n: ++n, seen: [] as string[]})});
        r.registerRoutes({
            mark: hook((ctx: CallContext<{n: number; seen: string[]}>): void => void ctx.shared.seen.push('mark')),
            read: (ctx: CallContext<{n: number; seen: string[]}>): {n: number; seen: string[]} => ctx.shared,
        });
        expect((await r.call('read')).json()).toEqual({read: {n: 1, seen: ['mark']}});
        expect((await r.call('read')).json()).toEqual({read: {n: 2, seen: ['mark']}});
        const broken = createRouter({
            sharedDataFactory: () => {
                throw new Error('factory');
            },
        });
        broken.registerRoutes({x: route((ctx: CallContext): number => 1)});
        const res = await broken.call('x');
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain('factory');
    });

    it('200 concurrent calls with interleaved awaits each see only their own shared data', async () => {
        const r = createRouter({sharedDataFactory: () => ({id: -1})});
        r.registerRoutes({
            setId: hook(async (ctx: CallContext<{id: number}>, id: number): Promise<void> => {
                await new Promise((res) => setTimeout(res, Math.random() * 5));
                ctx.shared.id = id;
            }),
            getId: async (ctx: CallContext<{id: number}>): Promise<number> => {
                await new Promise((res) => setTimeout(res, Math.random() * 5));
                return ctx.shared.id;
            },
        });
        const results = await Promise.all(Array.from({length: 200}, (_, i) => r.call('getId', [], {hooks: {setId: [i]}})));
        results.forEach((res, i) => expect(res.json()).toEqual({getId: i}));
    });
});

describe('fixes from the docs review', () => {
    interface Pet {
        name: string;
    }
    interface Dog {
        name: string;
        breed: string;
        goodBoy: boolean;
    }
    const r = createRouter({logSink: () => undefined});
    r.registerRoutes({
        pet: (ctx: CallContext, dog: boolean): Pet | Dog => (dog ? {name: 'Rex', breed: 'collie', goodBoy: true} : {name: 'Tom'}),
        maybe: (ctx: CallContext, a: number, b: number | undefined): string => `${a} ${b}`,
        anything: (ctx: CallContext, x: unknown): string => typeof x,
    });

    it('a union of object types is written as the most specific member that matches', async () => {
        expect((await r.call('pet', [true])).json()).toEqual({pet: {name: 'Rex', breed: 'collie', goodBoy: true}});
        expect((await r.call('pet', [false])).json()).toEqual({pet: {name: 'Tom'}});
    });

    it('trailing params that accept undefined may be left out, with or without the id in the body', async () => {
        expect((await r.call('anything')).json()).toEqual({anything: 'undefined'});
        expect((await r.call('maybe', [1])).json()).toEqual({maybe: '1 undefined'});
        expect((await r.call('maybe')).statusCode).toBe(400);
    });

    it('a never member of a param union is refused at startup (Buffer and URL reflect as never too)', () => {
        expect(() => createRouter().registerRoutes({a: (ctx: CallContext, s: string | never): string => s})).toThrow(/HL_NEVER_PARAM/);
        expect(() => createRouter().registerRoutes({b: (ctx: CallContext, s: Buffer | string): number => s.length})).toThrow(
            /HL_NEVER_PARAM/,
        );
    });
});

describe('hostile bodies', () => {
    interface Tree {
        value: number;
        children: Tree[];
    }
    // maxJsonDepth raised so the guards' own depth handling is what these tests reach.
    const r = createRouter({maxBodySize: 10_000_000, maxJsonDepth: 1_000_000, logSink: () => undefined});
    r.registerRoutes({
        tree: (ctx: CallContext, t: Tree): number => t.value,
        bag: (ctx: CallContext, b: Record<string, unknown>): number => Object.keys(b).length,
    });

    it('refuses keys that could reach a prototype, at any depth, and leaves Object.prototype alone', async () => {
        for (const body of [
            '{"bag":[{"__proto__":{"polluted":true}}]}',
            '{"bag":[{"a":{"b":[{"constructor":{"prototype":{"polluted":true}}}]}}]}',
            '{"__proto__":{"polluted":true},"bag":[{}]}',
            '{"bag":[{"list":[{"prototype":1}]}]}',
        ]) {
            const res = await r.inject({path: '/bag', body, headers: {'content-type': 'application/json'}});
            expect(res.statusCode, body).toBe(400);
            expect(res.json()['@router'].name).toBe('invalid-body');
        }
        expect(({} as {polluted?: boolean}).polluted).toBeUndefined();
        const ok = await r.inject({
            path: '/bag',
            body: '{"bag":[{"note":"the constructor of \\"__proto__\\""}]}',
            headers: {'content-type': 'application/json'},
        });
        expect(ok.json()).toEqual({bag: 1});
    });

    it('a body nested deeper than maxJsonDepth is a 400 invalid-body before any step runs', async () => {
        const ran: string[] = [];
        const limited = createRouter({maxJsonDepth: 5, logSink: () => undefined});
        limited.registerRoutes({
            before: hook((ctx: CallContext): void => void ran.push('before')),
            any: (ctx: CallContext, v: unknown): unknown => (ran.push('any'), v),
        });
        const send = (v: string): Promise<RouterResponse & {json: () => any}> =>
            limited.inject({path: '/any', body: `{"any":[${v}]}`, headers: {'content-type': json}});
        // 5 levels: the body, the params array and three more.
        const ok = await send('{"a":[{"b":"[[[[[[{{{{"}]}');
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({any: {a: [{b: '[[[[[[{{{{'}]}});
        ran.length = 0;
        const deep = await send('{"a":[{"b":[1]}]}');
        expect(deep.statusCode).toBe(400);
        expect(deep.json()['@router']).toEqual({
            name: 'invalid-body',
            statusCode: 400,
            message: 'the body is nested deeper than maxJsonDepth (5 levels)',
        });
        expect(ran).toEqual([]);
        // The default, 64 levels, against a body of 10,000.
        const d = 10_000;
        const res = await r.inject({
            path: '/bag',
            body: `{"bag":[${'{"a":'.repeat(d)}1${'}'.repeat(d)}]}`,
            headers: {'content-type': json},
        });
        expect(res.statusCode).toBe(200);
        const dflt = createRouter({logSink: () => undefined});
        dflt.registerRoutes({bag: (ctx: CallContext, b: Record<string, unknown>): number => Object.keys(b).length});
        const refused = await dflt.inject({
            path: '/bag',
            body: `{"bag":[${'{"a":'.repeat(d)}1${'}'.repeat(d)}]}`,
            headers: {'content-type': json},
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.json()['@router'].name).toBe('invalid-body');
    });

    it('a recursive value nested deeper than the stack is a 400, not a 500', async () => {
        const depth = 200_000;
        const body = `{"tree":[${'{"value":1,"children":['.repeat(depth)}${']}'.repeat(depth)}]}`;
        const res = await r.inject({path: '/tree', body, headers: {'content-type': 'application/json'}});
        expect(res.statusCode).toBe(400);
        expect(res.json().tree.name).toBe('validation-failed');
    });
});

describe('return values that cannot be serialized', () => {
    it('a deep, cyclic or BigInt value returned as unknown or any is a logged 500 with a clear internal message, never a crash or a leak', async () => {
        const logged: LogLine[] = [];
        const r = createRouter({logSink: (lines) => void logged.push(...lines)});
        const deep = (): unknown => {
            let v: unknown = 1;
            for (let i = 0; i < 10_000; i++) v = {a: v};
            return v;
        };
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        r.registerRoutes({
            deepUnknown: (ctx: CallContext): unknown => deep(),
            deepAny: (ctx: CallContext): any => deep(),
            deepRecord: (ctx: CallContext): Record<string, unknown> => deep() as Record<string, unknown>,
            cycle: (ctx: CallContext): unknown => cycle,
            big: (ctx: CallContext): unknown => ({n: 10n}),
        });
        for (const [id, why] of [
            ['deepUnknown', 'RangeError: Maximum call stack size exceeded (nested too deeply to serialize)'],
            ['deepAny', 'RangeError: Maximum call stack size exceeded (nested too deeply to serialize)'],
            ['deepRecord', 'RangeError: Maximum call stack size exceeded (nested too deeply to serialize)'],
            ['cycle', 'TypeError: Converting circular structure to JSON'],
            ['big', 'TypeError: Do not know how to serialize a BigInt'],
        ] as const) {
            const res = await r.inject({method: 'POST', path: `/${id}`});
            expect(res.statusCode, id).toBe(500);
            expect(res.json(), id).toEqual({
                [id]: {name: 'invalid-return', statusCode: 500, message: 'The server produced an invalid response'},
            });
            await new Promise((resolve) => setImmediate(resolve));
            const line = logged.find((l) => l.route === id);
            expect(line?.level, id).toBe('error');
            expect(line?.msg, id).toContain(`invalid-return: "${id}" returned a value that can't be serialized as JSON: ${why}`);
        }
    });
});

describe('a path without hooks runs its three steps directly, with the answers of the general loop', () => {
    interface Person {
        name: string;
    }
    const seen: string[] = [];
    const routes = {
        greet: (ctx: CallContext, p: Person): string => `hello ${p.name}`,
        nothing: (ctx: CallContext): void => undefined,
        later: async (ctx: CallContext, p: Person): Promise<string> => `later ${p.name}`,
        laterFails: async (ctx: CallContext): Promise<string> => {
            throw new RpcError({statusCode: 409, publicMessage: 'conflict'});
        },
        thenable: (ctx: CallContext): string => ({then: (ok: (v: string) => void) => ok('from a thenable')}) as unknown as string,
        crash: (ctx: CallContext): string => {
            throw new Error('boom');
        },
        refuse: (ctx: CallContext): string => {
            throw new RpcError({statusCode: 403, publicMessage: 'no'});
        },
        returnsError: (ctx: CallContext): string => new RpcError({statusCode: 418, publicMessage: 'teapot'}) as unknown as string,
        wrong: (ctx: CallContext): number => 'x' as unknown as number,
        big: (ctx: CallContext): unknown => ({n: 10n}),
        readsBody: (ctx: CallContext, p: Person): string => JSON.stringify(ctx.request.body),
    };
    const direct = createRouter({logSink: () => undefined});
    direct.registerRoutes(routes);
    // The same routes behind a hook that does nothing: the general loop runs them.
    const looped = createRouter({logSink: () => undefined});
    looped.registerRoutes({
        first: hook((ctx: CallContext): void => void seen.push('first')),
        ...routes,
    });

    it('marks only a path of @parseBody, the route and @serializeBody as direct', () => {
        const step = (id: string): Procedure => internalProcedure(id, false, () => undefined, id);
        const info = routeInfo('r', '/r');
        expect(buildExecutionPath(info, step('r'), [], []).direct).toBe(true);
        expect(buildExecutionPath(info, step('r'), [step('before')], []).direct).toBe(false);
        expect(buildExecutionPath(info, step('r'), [], [step('after')]).direct).toBe(false);
    });

    it('answers every outcome exactly as the general loop does', async () => {
        const cases: [string, string | undefined][] = [
            ['/greet', '{"greet":[{"name":"Ada"}]}'],
            ['/greet', '{"greet":[{"name":1}]}'],
            ['/greet', '{"greet":{"name":"Ada"}}'],
            ['/greet', '{"greet":[{"name":"Ada"}],"other":[]}'],
            ['/greet', '{"greet":'],
            ['/greet', '[1]'],
            ['/greet', '{"greet":[{"__proto__":{"x":1}}]}'],
            ['/greet', undefined],
            ['/nothing', undefined],
            ['/nothing', '{"nothing":[1]}'],
            ['/later', '{"later":[{"name":"Ada"}]}'],
            ['/later', '{"later":[{}]}'],
            ['/laterFails', undefined],
            ['/thenable', undefined],
            ['/crash', undefined],
            ['/refuse', undefined],
            ['/returnsError', undefined],
            ['/wrong', undefined],
            ['/big', undefined],
            ['/readsBody', '{"readsBody":[{"name":"Ada"}]}'],
        ];
        for (const [path, body] of cases) {
            const request = {path, body, headers: {'content-type': 'application/json'}};
            const a = await direct.inject(request);
            const b = await looped.inject(request);
            expect({status: a.statusCode, body: a.body, headers: a.headers}, `${path} ${body}`).toEqual({
                status: b.statusCode,
                body: b.body,
                headers: b.headers,
            });
        }
        expect(seen.length).toBeGreaterThan(0);
        const greeted = await direct.inject({path: '/greet', body: '{"greet":[{"name":"Ada"}]}', headers: {'content-type': json}});
        expect(greeted.json()).toEqual({greet: 'hello Ada'});
        const failed = await direct.inject({path: '/laterFails'});
        expect(failed.statusCode).toBe(409);
    });
});

describe("the request's headers are read when a step reads them", () => {
    const r = createRouter({logSink: () => undefined});
    r.registerRoutes({
        echo: (ctx: CallContext, text: string): string => text,
        agent: (ctx: CallContext): string => String(ctx.request.headers['user-agent']),
    });
    /** A request whose headers count their reads. */
    const request = (path: string, body: string, contentType?: string): {req: RouterRequest; reads: () => number} => {
        let reads = 0;
        const headers = {'content-type': 'application/json', 'user-agent': 'test'};
        const req: RouterRequest = {
            method: 'POST',
            path,
            body,
            contentType,
            get headers() {
                reads++;
                return headers;
            },
        };
        return {req, reads: () => reads};
    };

    it('a call whose steps read no header never reads them when the adapter gives the content type', async () => {
        const {req, reads} = request('/echo', '{"echo":["hi"]}', 'application/json');
        const res = await r.dispatch(req);
        expect(res.body).toBe('{"echo":"hi"}');
        expect(reads()).toBe(0);
    });

    it("without the adapter's content type, the headers' one is checked; a step that reads headers gets them", async () => {
        const plain = request('/echo', '{"echo":["hi"]}');
        expect((await r.dispatch(plain.req)).statusCode).toBe(200);
        expect(plain.reads()).toBe(1);
        const agent = request('/agent', '', 'application/json');
        expect((await r.dispatch(agent.req)).body).toBe('{"agent":"test"}');
        expect(agent.reads()).toBe(1);
    });

    it("the adapter's content type is checked as the header would be", async () => {
        const res = await r.dispatch(request('/echo', '{"echo":["hi"]}', 'text/plain').req);
        expect(res.statusCode).toBe(415);
        expect(JSON.parse(res.body)['@router'].name).toBe('unsupported-media-type');
    });
});
