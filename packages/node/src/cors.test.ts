// CORS: the policy's headers (unit), then a real server on 127.0.0.1 answering preflights and calls.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, Routes, StartupError, StartupErrorCodes} from '@hookline/router';
import {createCorsPolicy, CorsOptions, NodeServerHandle, startNodeServer} from './index.js';

const app = 'http://app.example.test:5173';

function createApiRouter(calls: string[]) {
    const router = createRouter({prefix: 'api', maxBodySize: 1024});
    const routes = {
        session: headersHook('X-Session', (ctx: CallContext, id: string): string => {
            calls.push(`session ${id}`);
            return `seen-${id}`;
        }),
        whoami: (ctx: CallContext): string => {
            calls.push('whoami');
            return 'ada';
        },
    } satisfies Routes;
    router.registerRoutes(routes);
    return router;
}

function startupCode(fn: () => unknown): string | undefined {
    try {
        fn();
    } catch (error) {
        if (error instanceof StartupError) return error.code;
        throw error;
    }
    return undefined;
}

describe('createCorsPolicy', () => {
    const router = createApiRouter([]);

    it('answers a preflight from an allowed origin with methods, headers (header hooks included) and max age', () => {
        const policy = createCorsPolicy(router, {origin: app});
        expect(policy.isPreflight('OPTIONS', {'access-control-request-method': 'POST'})).toBe(true);
        expect(policy.isPreflight('OPTIONS', {})).toBe(false);
        expect(policy.isPreflight('POST', {'access-control-request-method': 'POST'})).toBe(false);
        expect(policy.preflightHeaders(app)).toEqual({
            'access-control-allow-origin': app,
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'content-type, x-session, x-request-id',
            'access-control-max-age': '600',
            vary: 'origin',
        });
    });

    it('gives an origin it does not allow nothing but vary', () => {
        const policy = createCorsPolicy(router, {origin: [app, 'https://admin.example.test']});
        expect(policy.preflightHeaders('https://evil.example.test')).toEqual({vary: 'origin'});
        expect(policy.preflightHeaders(undefined)).toEqual({vary: 'origin'});
        const headers = Object.freeze({'content-type': 'application/json'});
        expect(policy.withHeaders('https://evil.example.test', headers)).toEqual({'content-type': 'application/json', vary: 'origin'});
        // The given headers are left as they are (the router's may be frozen).
        expect(headers).toEqual({'content-type': 'application/json'});
        const ok: Record<string, string> = {vary: 'accept'};
        expect(policy.withHeaders('https://admin.example.test', ok)).toEqual({
            vary: 'accept, origin',
            'access-control-allow-origin': 'https://admin.example.test',
            'access-control-expose-headers': 'x-session, x-request-id',
        });
    });

    it("takes a predicate, '*', credentials, maxAge and explicit header lists", () => {
        const byPredicate = createCorsPolicy(router, {origin: (o) => o.endsWith('.example.test'), credentials: true, maxAge: 0});
        expect(byPredicate.preflightHeaders('https://x.example.test')).toMatchObject({
            'access-control-allow-origin': 'https://x.example.test',
            'access-control-allow-credentials': 'true',
            'access-control-max-age': '0',
        });
        const anyOrigin = createCorsPolicy(router, {origin: '*', allowedHeaders: ['Authorization'], exposedHeaders: []});
        expect(anyOrigin.preflightHeaders('https://x.test')).toMatchObject({
            'access-control-allow-origin': '*',
            'access-control-allow-headers': 'content-type, authorization',
        });
        expect(anyOrigin.withHeaders('https://x.test', {})).toEqual({vary: 'origin', 'access-control-allow-origin': '*'});
    });

    it('refuses wrong options at startup', () => {
        const bad: unknown[] = [
            {origin: 'app.example.test'},
            {origin: `${app}/`},
            {origin: [app, '*']},
            {origin: '*', credentials: true},
            {origin: 42},
            {origin: app, maxAge: -1},
            {origin: app, allowedHeaders: ['bad header']},
        ];
        for (const options of bad)
            expect(
                startupCode(() => createCorsPolicy(router, options as CorsOptions)),
                JSON.stringify(options),
            ).toBe(StartupErrorCodes.INVALID_OPTION);
        expect(startupCode(() => createCorsPolicy(router, {origin: 'http://127.0.0.1:8080'}))).toBeUndefined();
    });
});

describe('CORS over real HTTP', () => {
    const calls: string[] = [];
    let server: NodeServerHandle;
    let plain: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(createApiRouter(calls), {cors: {origin: app}});
        plain = await startNodeServer(createApiRouter([]));
    });
    afterAll(async () => {
        await server.close();
        await plain.close();
    });

    it('answers a preflight 204 without running the route', async () => {
        calls.length = 0;
        const res = await fetch(`${server.url}/api/whoami`, {
            method: 'OPTIONS',
            headers: {origin: app, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-session'},
        });
        expect(res.status).toBe(204);
        expect(await res.text()).toBe('');
        expect(res.headers.get('access-control-allow-origin')).toBe(app);
        expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
        expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-session, x-request-id');
        expect(res.headers.get('vary')).toBe('origin');
        expect(calls).toEqual([]);
    });

    it('adds allow-origin, expose-headers and vary to calls from an allowed origin', async () => {
        const res = await fetch(`${server.url}/api/whoami`, {method: 'POST', headers: {origin: app, 'x-session': '7'}});
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({whoami: 'ada'});
        expect(res.headers.get('access-control-allow-origin')).toBe(app);
        expect(res.headers.get('access-control-expose-headers')).toBe('x-session, x-request-id');
        expect(res.headers.get('x-session')).toBe('seen-7');
        expect(res.headers.get('vary')).toBe('origin');
    });

    it('sends no allow-origin to another origin, but still vary', async () => {
        const res = await fetch(`${server.url}/api/whoami`, {method: 'POST', headers: {origin: 'http://evil.test', 'x-session': '7'}});
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('vary')).toBe('origin');
        const preflight = await fetch(`${server.url}/api/whoami`, {
            method: 'OPTIONS',
            headers: {origin: 'http://evil.test', 'access-control-request-method': 'POST'},
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('puts the CORS headers on errors too, 413 included, so a page can read them', async () => {
        const missing = await fetch(`${server.url}/api/nope`, {method: 'POST', headers: {origin: app}});
        expect(missing.status).toBe(404);
        expect(missing.headers.get('access-control-allow-origin')).toBe(app);
        const big = await fetch(`${server.url}/api/whoami`, {
            method: 'POST',
            headers: {origin: app, 'content-type': 'application/json', 'x-session': '1'},
            body: JSON.stringify({'api/whoami': ['x'.repeat(2000)]}),
        });
        expect(big.status).toBe(413);
        expect(big.headers.get('access-control-allow-origin')).toBe(app);
    });

    it('leaves OPTIONS that is not a preflight to the router (405)', async () => {
        const res = await fetch(`${server.url}/api/whoami`, {method: 'OPTIONS', headers: {origin: app}});
        expect(res.status).toBe(405);
        expect(res.headers.get('access-control-allow-origin')).toBe(app);
    });

    it('is off unless asked: no CORS headers, a preflight is a 405', async () => {
        const res = await fetch(`${plain.url}/api/whoami`, {
            method: 'OPTIONS',
            headers: {origin: app, 'access-control-request-method': 'POST'},
        });
        expect(res.status).toBe(405);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        const call = await fetch(`${plain.url}/api/whoami`, {method: 'POST', headers: {origin: app, 'x-session': '1'}});
        expect(call.headers.get('access-control-allow-origin')).toBeNull();
        expect(call.headers.get('vary')).toBeNull();
    });
});
