// Runs docs/protocol.md: its examples, curl exchanges, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter} from '@hookline/router';
import * as protocolExample from './examples/protocol.js';
import {noop} from './test-support/helpers.js';
import {checkPageBlocks, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('protocol.md');

describe('protocol.md', () => {
    const p = protocolExample.router;

    it('accepts the documented content types and refuses others', async () => {
        const call = (contentType: string | undefined) =>
            p.inject({path: '/api/health', headers: contentType === undefined ? {} : {'content-type': contentType}, body: '{}'});
        for (const ok of [
            'application/json',
            'application/json; charset=utf-8',
            'Application/JSON; charset=UTF-8',
            'application/json;charset="utf-8"',
        ]) {
            expect((await call(ok)).statusCode, ok).toBe(200);
        }
        for (const bad of ['text/plain', 'application/json; charset=latin1', 'application/jsonx']) {
            expect((await call(bad)).statusCode, bad).toBe(415);
        }
        const noType = await p.inject({path: '/api/health', body: '{}'});
        expect(noType.statusCode).toBe(415);
        expect((await p.inject({path: '/api/health'})).statusCode).toBe(200);
    });

    it('answers the documented statuses for methods, size, UTF-8 and query strings', async () => {
        const put = await p.inject({method: 'PUT', path: '/api/health'});
        expect([put.statusCode, put.headers['allow']]).toEqual([405, 'GET, POST']);
        expect((await p.inject({method: 'HEAD', path: '/api/health'})).statusCode).toBe(405);
        expect((await p.inject({method: 'GET', path: '/api/nope'})).statusCode).toBe(404);
        const big = await p.inject({path: '/api/health', body: {health: ['x'.repeat(70_000)]}});
        expect([big.statusCode, big.headers['connection']]).toEqual([413, 'close']);
        const bytes = await p.dispatch({
            method: 'POST',
            path: '/api/health',
            headers: {'content-type': 'application/json'},
            body: new Uint8Array([0x7b, 0xff, 0x7d]),
        });
        expect(JSON.parse(bytes.body)['@router'].name).toBe('invalid-json');
        expect((await p.inject({method: 'GET', path: '/api/health?x=1'})).json()).toEqual({health: {ok: true}});
        const optional = createRouter();
        optional.registerRoutes({r: (ctx: CallContext, n?: number): number => n ?? 0});
        expect((await optional.call('r')).json()).toEqual({r: 0});
        expect((await optional.inject({path: '/r', body: {r: []}})).json()).toEqual({r: 0});
    });

    it('lets trailing params that are optional or accept undefined be left out, and the procedure when all can be', async () => {
        const router = createRouter();
        router.registerRoutes({
            none: (ctx: CallContext): string => 'none',
            optional: (ctx: CallContext, a?: number, b: string = 'b'): string => `${a} ${b}`,
            accepting: (ctx: CallContext, a: number | undefined, b: unknown, c: any): string => `${a} ${b} ${c}`,
            mixed: (ctx: CallContext, a: string | undefined, b?: number, c: string = 'c'): string => `${a} ${b} ${c}`,
            trailing: (ctx: CallContext, a: number, b: number | undefined, c: unknown): string => `${a} ${b} ${c}`,
            first: (ctx: CallContext, a: number | undefined, b: number): string => `${a} ${b}`,
        });
        const leftOut = {none: 'none', optional: 'undefined b', accepting: 'undefined undefined undefined', mixed: 'undefined undefined c'};
        for (const [id, result] of Object.entries(leftOut)) {
            expect((await router.inject({path: `/${id}`, body: {}})).json(), id).toEqual({[id]: result});
            expect((await router.inject({path: `/${id}`, body: {[id]: []}})).json(), id).toEqual({[id]: result});
        }
        expect((await router.inject({path: '/accepting', body: {accepting: [1]}})).json()).toEqual({accepting: '1 undefined undefined'});
        expect((await router.inject({path: '/trailing', body: {trailing: [1]}})).json()).toEqual({trailing: '1 undefined undefined'});
        for (const id of ['trailing', 'first']) {
            const res = await router.inject({path: `/${id}`, body: {}});
            expect([res.statusCode, res.json()[id].name], id).toEqual([400, 'invalid-params']);
        }
        expect((await router.inject({path: '/first', body: {first: [1]}})).json().first.name).toBe('validation-failed');
    });

    it('serves metadata unless exposeMetadata is false', async () => {
        expect((await protocolExample.helloRouter.inject({path: '/@metadata'})).json()['@metadata']).toEqual(
            protocolExample.helloRouter.getMetadata(),
        );
        const hidden = createRouter({exposeMetadata: false});
        hidden.registerRoutes({r: noop});
        expect((await hidden.inject({method: 'GET', path: '/@metadata'})).statusCode).toBe(404);
        const meta = p.getMetadata();
        expect(meta.routes['users/me']?.hooks).toEqual(['users/auth']);
        expect(meta.routes['reports/monthly']?.hooks).toEqual(['reports/tenant']);
        expect(meta.routes['health']?.allowsGet).toBe(true);
        expect(p.routeIds()).not.toContain('@metadata');
    });
});
