import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, hook, RpcError, Routes} from './index.js';

function mark2(calls: string[], name: string, result: string): string {
    calls.push(name);
    return result;
}

function tracer() {
    const calls: string[] = [];
    const mark = (name: string) => hook((ctx: CallContext): void => void calls.push(name));
    const markOnError = (name: string) => hook((ctx: CallContext): void => void calls.push(name), {runOnError: true});
    return {calls, mark, markOnError};
}

describe('hook order and scope', () => {
    it('runs hooks by their position: before and after, at every level, scoped to their subtree', async () => {
        const {calls, mark} = tracer();
        const routes = {
            first: mark('first'),
            users: {
                usersBefore: mark('usersBefore'),
                getUser: (ctx: CallContext): string => mark2(calls, 'getUser', 'u'),
                usersAfter: mark('usersAfter'),
            },
            pets: {
                petsBefore: mark('petsBefore'),
                getPet: (ctx: CallContext): string => mark2(calls, 'getPet', 'p'),
            },
            middle: mark('middle'),
            top: (ctx: CallContext): string => mark2(calls, 'top', 't'),
            last: mark('last'),
        } satisfies Routes;
        const router = createRouter();
        router.registerRoutes(routes);

        await router.call('users/getUser');
        expect(calls.splice(0)).toEqual(['first', 'usersBefore', 'getUser', 'usersAfter', 'middle', 'last']);
        await router.call('pets/getPet');
        expect(calls.splice(0)).toEqual(['first', 'petsBefore', 'getPet', 'middle', 'last']);
        await router.call('top');
        expect(calls.splice(0)).toEqual(['first', 'middle', 'top', 'last']);
    });

    it('after an error runs only runOnError hooks, which see internalErrors', async () => {
        const {calls, mark, markOnError} = tracer();
        let seen: RpcError[] = [];
        const router = createRouter();
        router.registerRoutes({
            before: mark('before'),
            fails: (ctx: CallContext): string => {
                calls.push('fails');
                throw new Error('db down');
            },
            skipped: mark('skipped'),
            logger: hook(
                (ctx: CallContext): void => {
                    calls.push('logger');
                    seen = [...ctx.request.internalErrors];
                },
                {runOnError: true},
            ),
            alsoLogs: markOnError('alsoLogs'),
        });
        const res = await router.call('fails');
        expect(calls).toEqual(['before', 'fails', 'logger', 'alsoLogs']);
        expect(res.statusCode).toBe(500);
        expect(seen).toHaveLength(1);
        expect(seen[0]?.message).toBe('db down');
        expect((seen[0]?.originalError as Error).message).toBe('db down');
    });

    it('a hook failing stops the route; a runOnError hook failing too keeps the first status', async () => {
        const router = createRouter();
        const ran: string[] = [];
        router.registerRoutes({
            deny: hook((ctx: CallContext): void => {
                throw new RpcError({statusCode: 403, publicMessage: 'no'});
            }),
            secret: (ctx: CallContext): string => mark2(ran, 'secret', 's'),
            flaky: hook(
                (ctx: CallContext): void => {
                    throw new RpcError({statusCode: 409, publicMessage: 'flaky'});
                },
                {runOnError: true},
            ),
        });
        const res = await router.call('secret');
        expect(ran).toEqual([]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
            deny: {name: 'RpcError', statusCode: 403, message: 'no'},
            flaky: {name: 'RpcError', statusCode: 409, message: 'flaky'},
        });
    });

    it('hooks get their own params from the body and can return data', async () => {
        const router = createRouter();
        router.registerRoutes({
            paginate: hook((ctx: CallContext, page: number, size?: number): {page: number; size: number} => {
                ctx.shared.page = {page, size: size ?? 10};
                return ctx.shared.page;
            }),
            list: (ctx: CallContext): number[] => [ctx.shared.page.page, ctx.shared.page.size],
        });
        expect((await router.call('list', [], {hooks: {paginate: [2]}})).json()).toEqual({paginate: {page: 2, size: 10}, list: [2, 10]});
        expect((await router.call('list', [], {hooks: {paginate: [3, 5]}})).json()).toEqual({paginate: {page: 3, size: 5}, list: [3, 5]});
        const missing = await router.call('list');
        expect(missing.statusCode).toBe(400);
        expect(missing.json().paginate.name).toBe('invalid-params');
        expect(router.getExecutionPath('list')?.allowsGet).toBe(false);
    });

    it('sync handlers are not awaited: a path of sync steps dispatches synchronously', () => {
        const router = createRouter();
        router.registerRoutes({before: hook((ctx: CallContext): void => undefined), hello: (ctx: CallContext): string => 'hi'});
        const res = router.dispatch({method: 'GET', path: '/hello', headers: {}});
        expect(res).not.toBeInstanceOf(Promise);
        expect((res as {body: string}).body).toBe('{"hello":"hi"}');
    });

    it('async steps are awaited in order, and the rest of the path continues after them', async () => {
        const router = createRouter();
        const calls: string[] = [];
        router.registerRoutes({
            slow: hook(async (ctx: CallContext): Promise<void> => {
                await new Promise((r) => setTimeout(r, 5));
                calls.push('slow');
            }),
            fast: hook((ctx: CallContext): void => void calls.push('fast')),
            route: async (ctx: CallContext): Promise<string> => {
                calls.push('route');
                return 'done';
            },
            rejectsLate: hook(
                async (ctx: CallContext): Promise<void> => {
                    await new Promise((r) => setTimeout(r, 1));
                    calls.push('rejectsLate');
                    throw new Error('late');
                },
                {runOnError: true},
            ),
        });
        const res = await router.call('route');
        expect(calls).toEqual(['slow', 'fast', 'route', 'rejectsLate']);
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({route: 'done', rejectsLate: {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
    });
});

describe('callTimeout', () => {
    it('answers 503 call-timeout for a call that never finishes, and keeps serving', async () => {
        const router = createRouter({callTimeout: 50, logSink: () => undefined});
        router.registerRoutes({
            hangs: (ctx: CallContext): Promise<string> => new Promise<string>(() => undefined),
            fast: async (ctx: CallContext): Promise<string> => 'ok',
        });
        const res = await router.call('hangs');
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({'@router': {name: 'call-timeout', statusCode: 503, message: 'the call did not finish within 50 ms'}});
        expect((await router.call('fast')).json()).toEqual({fast: 'ok'});
    });

    it('a late result does not change the answer already given', async () => {
        const router = createRouter({callTimeout: 20, logSink: () => undefined});
        let finish: (v: string) => void = () => undefined;
        router.registerRoutes({late: (ctx: CallContext): Promise<string> => new Promise<string>((resolve) => (finish = resolve))});
        const res = await router.call('late');
        finish('too late');
        await new Promise((r) => setTimeout(r, 5));
        expect(res.statusCode).toBe(503);
        expect(res.body).not.toContain('too late');
    });
});
