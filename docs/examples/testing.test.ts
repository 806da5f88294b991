import {describe, expect, it} from 'vitest';
import {createCallContext, createTestContext, runWithCallContext} from '@hookline/router';
import {petRepository} from './async-context.js';
import {router} from './routes.js';
import {sayMyName} from './seed-style.js';

describe('users', () => {
    // #region call
    it('gets a user', async () => {
        // router.call(routeId, params, {hooks, headers}): builds the request a client would send.
        const res = await router.call('users/getUser', [1]);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({'users/getUser': {id: 1, name: 'Ada'}});
    });
    // #endregion call

    // #region inject
    it('refuses a GET on a route that takes params', async () => {
        // router.inject({method, path, headers, body}): any request, as HTTP would bring it.
        const res = await router.inject({method: 'GET', path: '/api/users/getUser'});
        expect(res.statusCode).toBe(405);
        expect(res.headers['allow']).toBe('POST');
        expect(res.json()['@router'].name).toBe('method-not-allowed');
    });
    // #endregion inject

    // #region context
    it('calls a handler directly with a context', () => {
        const ctx = createCallContext('/sayMyName', {}, '', {myUser: {id: 1, name: 'Ada'}});
        expect(sayMyName(ctx)).toBe('hello Ada');
    });
    // #endregion context

    // #region async-context
    it('runs a service that calls getCallContext() under a test context', async () => {
        const ctx = createTestContext({routeId: 'pets/findPet', headers: {'x-request-id': 'test-1'}, shared: {tenant: 'acme'}});
        const pet = await runWithCallContext(ctx, () => petRepository.findByName('Tom'));
        expect(pet).toEqual({tenant: 'acme', name: 'Tom', requestId: 'test-1'});
        expect(ctx.logger.lines.map((l) => [l.level, l.msg, l.requestId, l.route])).toEqual([
            ['info', 'pet found', 'test-1', 'pets/findPet'],
        ]);
    });
    // #endregion async-context
});
