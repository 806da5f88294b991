import {mkdirSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {CallContext, CompiledApi, createRouter, headersHook, hook, LogLine, Routes, RpcError, StartupError} from './index.js';

interface User {
    id: number;
    name: string;
}

class UserNotFound extends RpcError<'user-not-found', {id: number; since: Date}, 404> {
    constructor(id: number, extra: object = {}) {
        super({name: 'user-not-found', statusCode: 404, publicMessage: `no user ${id}`, errorData: {id, since: new Date(0), ...extra}});
    }
}

class TokenExpired extends RpcError<'token-expired', undefined, 401> {
    constructor() {
        super({name: 'token-expired', statusCode: 401, publicMessage: 'token expired'});
    }
}

// No status fixed (`number`), errorData of any type.
class Conflict extends RpcError<'conflict'> {}

// Declared through a subclass of a declared error: the arguments come from the class that extends RpcError.
class AdminNotFound extends UserNotFound {}

const lines: LogLine[] = [];
const routes = {
    auth: headersHook('authorization', (ctx: CallContext, token: string): void | TokenExpired => {
        if (token === 'expired') throw new TokenExpired();
        if (token === 'bad') throw {code: 401, message: 'who are you?'};
    }),
    users: {
        get: (ctx: CallContext, id: number): User | UserNotFound => (id === 1 ? {id, name: 'Ada'} : new UserNotFound(id)),
        thrown: async (ctx: CallContext, id: number): Promise<User | UserNotFound> => {
            throw new UserNotFound(id);
        },
        leaky: (ctx: CallContext, id: number): User | UserNotFound => new UserNotFound(id, {password: 'hunter2'}),
        wrongData: (ctx: CallContext): User | UserNotFound =>
            new RpcError({name: 'user-not-found', statusCode: 404, errorData: {id: 'one'}}) as unknown as UserNotFound,
        wrongStatus: (ctx: CallContext): User | UserNotFound =>
            new RpcError({name: 'user-not-found', statusCode: 410, errorData: {id: 1, since: new Date(0)}}) as unknown as UserNotFound,
        undeclared: (ctx: CallContext): User | UserNotFound => {
            throw new RpcError({name: 'rate-limited', statusCode: 429, publicMessage: 'slow down', errorData: {retryIn: 3}});
        },
        crash: (ctx: CallContext): User | UserNotFound => {
            throw new Error('db down');
        },
        conflict: (ctx: CallContext, status: number): string | Conflict =>
            new Conflict({name: 'conflict', statusCode: status, errorData: {any: ['thing']}}),
        admin: (ctx: CallContext): User | AdminNotFound => new AdminNotFound(7),
    },
} satisfies Routes;

const untyped = {
    legacy: (ctx: CallContext): string | RpcError => new RpcError({name: 'custom', statusCode: 409, errorData: {kept: true}}),
    log: hook((ctx: CallContext): void => undefined, {runOnError: true}),
} satisfies Routes;

function newRouter(compiled?: CompiledApi) {
    const router = createRouter({logSink: (batch) => void lines.push(...batch), ...(compiled === undefined ? {} : {compiled})});
    router.registerRoutes(routes);
    return router;
}

const router = newRouter();
// Its paths hold no declared errors (the auth hook above would make every route beside it typed).
const untypedRouter = createRouter();
untypedRouter.registerRoutes({untyped});

async function call(path: string, body: unknown, authorization = 'ok', r = router) {
    const res = await r.inject({method: 'POST', path, body, headers: {authorization, 'content-type': 'application/json'}});
    return {status: res.statusCode, body: res.json() as Record<string, any>};
}

describe('declared errors', () => {
    it('a returned or thrown declared error is sent with its name, status and errorData written by its type', async () => {
        expect(await call('/users/get', {'users/get': [2]})).toEqual({
            status: 404,
            body: {
                'users/get': {
                    name: 'user-not-found',
                    statusCode: 404,
                    message: 'no user 2',
                    errorData: {id: 2, since: '1970-01-01T00:00:00.000Z'},
                },
            },
        });
        expect((await call('/users/thrown', {'users/thrown': [3]})).body['users/thrown'].errorData).toEqual({
            id: 3,
            since: '1970-01-01T00:00:00.000Z',
        });
        expect((await call('/users/admin', {})).body['users/admin']).toMatchObject({name: 'user-not-found', errorData: {id: 7}});
    });

    it('properties errorData has beyond its type are not sent', async () => {
        const res = await call('/users/leaky', {'users/leaky': [2]});
        expect(res.body['users/leaky'].errorData).toEqual({id: 2, since: '1970-01-01T00:00:00.000Z'});
    });

    it("errorData that doesn't match its type is a 500 invalid-return, logged", async () => {
        lines.length = 0;
        const res = await call('/users/wrongData', {});
        expect(res).toEqual({
            status: 500,
            body: {'users/wrongData': {name: 'invalid-return', statusCode: 500, message: 'The server produced an invalid response'}},
        });
        await router.flushLogs();
        expect(lines.some((l) => l.level === 'error' && l.msg.includes('errorData does not match its declared type'))).toBe(true);
    });

    it('an undeclared error on a typed route is sent as the generic RpcError: status and public message kept, name and errorData dropped, a warning logged', async () => {
        lines.length = 0;
        expect(await call('/users/undeclared', {})).toEqual({
            status: 429,
            body: {'users/undeclared': {name: 'RpcError', statusCode: 429, message: 'slow down'}},
        });
        expect(await call('/users/wrongStatus', {})).toMatchObject({
            status: 410,
            body: {'users/wrongStatus': {name: 'RpcError', statusCode: 410}},
        });
        await router.flushLogs();
        const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
        expect(warnings).toEqual([
            expect.stringContaining('"users/undeclared" failed with the error "rate-limited", which it does not declare'),
            expect.stringContaining('"users/wrongStatus" failed with the error "user-not-found" and the status 410, declared with 404'),
        ]);
    });

    it("a hook's declared errors are typed on the routes of its path; its undeclared ones become generic there", async () => {
        expect(await call('/users/get', {'users/get': [1]}, 'expired')).toEqual({
            status: 401,
            body: {auth: {name: 'token-expired', statusCode: 401, message: 'token expired'}},
        });
        expect(await call('/users/get', {'users/get': [1]}, 'bad')).toEqual({
            status: 401,
            body: {auth: {name: 'RpcError', statusCode: 401, message: 'who are you?'}},
        });
    });

    it("the router's own errors pass unchanged", async () => {
        expect((await call('/users/crash', {})).body['users/crash'].name).toBe('unexpected-error');
        expect((await call('/users/get', {'users/get': ['x']})).body['users/get'].name).toBe('validation-failed');
    });

    it('a declaration without a status takes any status; errorData of unknown type is sent as is', async () => {
        expect(await call('/users/conflict', {'users/conflict': [409]})).toEqual({
            status: 409,
            body: {'users/conflict': {name: 'conflict', statusCode: 409, message: 'Error', errorData: {any: ['thing']}}},
        });
    });

    it('an untyped route (nothing declared on its path) sends errors as they are, as before', async () => {
        expect(await call('/untyped/legacy', {}, 'ok', untypedRouter)).toEqual({
            status: 409,
            body: {'untyped/legacy': {name: 'custom', statusCode: 409, message: 'Error', errorData: {kept: true}}},
        });
    });

    it("the metadata lists every error declared on a typed route's path, and nothing for an untyped one", () => {
        const meta = router.getMetadata();
        expect(meta.routes['users/get']?.errors).toEqual([
            {procedureId: 'auth', name: 'token-expired', statusCode: 401, errorData: {kind: 'undefined'}},
            {
                procedureId: 'users/get',
                name: 'user-not-found',
                statusCode: 404,
                errorData: {
                    kind: 'object',
                    props: [
                        {name: 'id', optional: false, type: {kind: 'number'}},
                        {name: 'since', optional: false, type: {kind: 'date'}},
                    ],
                },
            },
        ]);
        expect(meta.routes['users/conflict']?.errors?.[1]).toEqual({
            procedureId: 'users/conflict',
            name: 'conflict',
            errorData: {kind: 'unknown'},
        });
        expect(untypedRouter.getMetadata().routes['untyped/legacy']).not.toHaveProperty('errors');
        // RpcError members are not part of the return type.
        expect(meta.routes['users/get']?.returns).toMatchObject({kind: 'object', name: 'User'});
        expect(untypedRouter.getMetadata().routes['untyped/legacy']?.returns).toEqual({kind: 'string'});
    });

    it('works the same from a compiled module (no reflection, nothing evaluated)', async () => {
        const dir = new URL('../.tmp/declared-errors-test/', import.meta.url);
        mkdirSync(dir, {recursive: true});
        for (const compact of [false, true]) {
            const file = new URL(`api-${compact ? 'compact' : 'full'}.compiled.mjs`, dir);
            writeFileSync(file, router.compiledModule('npx hookline build', compact).js);
            const compiled = ((await import(/* @vite-ignore */ file.href)) as {default: CompiledApi}).default;
            const r = newRouter(compiled);
            expect(await call('/users/leaky', {'users/leaky': [2]}, 'ok', r)).toEqual(await call('/users/leaky', {'users/leaky': [2]}));
            expect(await call('/users/get', {'users/get': [1]}, 'expired', r)).toEqual(
                await call('/users/get', {'users/get': [1]}, 'expired'),
            );
            expect(r.getMetadata().routes['users/get']?.errors).toEqual(router.getMetadata().routes['users/get']?.errors);
        }
    });
});

describe('declarations refused at startup (HL_INVALID_ERROR_DECLARATION)', () => {
    const refused = (r: Routes): string => {
        try {
            createRouter().registerRoutes(r);
        } catch (e) {
            expect(e).toBeInstanceOf(StartupError);
            expect((e as StartupError).code).toBe('HL_INVALID_ERROR_DECLARATION');
            return (e as Error).message;
        }
        throw new Error('registered');
    };

    it('an inline RpcError<...> (deepkit merges every RpcError<...> of a union into one)', () => {
        expect(refused({a: (ctx: CallContext): string | RpcError<'gone', undefined, 410> => 'x'})).toContain(
            'declare each error as a class',
        );
    });

    it("a reserved name: the router's codes, RpcError, the client's own", () => {
        class Timeout extends RpcError<'timeout'> {}
        class NotFound extends RpcError<'route-not-found'> {}
        class Generic extends RpcError<'RpcError'> {}
        expect(refused({a: (ctx: CallContext): string | Timeout => 'x'})).toContain('reserved name');
        expect(refused({a: (ctx: CallContext): string | NotFound => 'x'})).toContain('reserved name');
        expect(refused({a: (ctx: CallContext): string | Generic => 'x'})).toContain('reserved name');
    });

    it('a status outside 400-599, one name declared twice differently', () => {
        class Ok extends RpcError<'fine', undefined, 200> {}
        class A extends RpcError<'dup', undefined, 404> {}
        class B extends RpcError<'dup', undefined, 410> {}
        expect(refused({a: (ctx: CallContext): string | Ok => 'x'})).toContain('status 200');
        expect(refused({a: (ctx: CallContext): string | A | B => 'x'})).toContain('declared twice');
    });
});
