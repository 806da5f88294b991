// Runs docs/execution-path.md: its examples, curl exchanges and output blocks, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, hook, RpcError} from '@hookline/router';
import * as executionPathExample from './examples/execution-path.js';
import {checkPageBlocks, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('execution-path.md', {
    'describe-users-getUser': async () => executionPathExample.router.describe('users/getUser'),
});

describe('execution-path.md', () => {
    it('returns synchronously when every step is synchronous', async () => {
        const router = createRouter();
        router.registerRoutes({sync: (ctx: CallContext): number => 1, async: async (ctx: CallContext): Promise<number> => 2});
        const sync = router.dispatch({method: 'POST', path: '/sync', headers: {}});
        expect(sync).not.toBeInstanceOf(Promise);
        expect((sync as {body: string}).body).toBe('{"sync":1}');
        const pending = router.dispatch({method: 'POST', path: '/async', headers: {}});
        expect(pending).toBeInstanceOf(Promise);
        expect((await pending).body).toBe('{"async":2}');
    });

    it('exposes the compiled path and runs the audit hook after errors', async () => {
        const {router, auditLog} = executionPathExample;
        const ep = router.getExecutionPath('users/getUser');
        expect(ep).toMatchObject({id: 'users/getUser', path: '/api/users/getUser', allowsGet: false, allow: 'POST'});
        expect(ep?.procedures.map((p) => p.id)).toEqual(['@parseBody', 'auth', 'users/getUser', 'audit', '@serializeBody']);
        auditLog.length = 0;
        await router.call('users/getUser', [1], {headers: {authorization: 'Bearer secret'}});
        await router.call('users/getUser', [1], {headers: {authorization: 'Bearer nope'}});
        expect(auditLog).toEqual(['/api/users/getUser 200', '/api/users/getUser 401']);
    });

    it('keeps values returned before a failure in the body', async () => {
        const router = createRouter();
        router.registerRoutes({
            version: hook((ctx: CallContext): string => 'v1'),
            r: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 400, publicMessage: 'bad'});
            },
        });
        expect((await router.call('r')).json()).toEqual({version: 'v1', r: {name: 'RpcError', statusCode: 400, message: 'bad'}});
    });
});
