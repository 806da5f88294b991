import {describe, expect, it} from 'vitest';
import {createCallContext} from '@hookline/router';
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
});
