// Runs docs/hooks.md: its examples, curl exchanges and output blocks, checked tables and every claim the page
// makes about behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, hook, rawHook, Routes, RpcError, StartupErrorCodes} from '@hookline/router';
import * as headerValuesExample from './examples/header-values.js';
import * as hooksHeaderExample from './examples/hooks-header.js';
import * as hooksLoggerExample from './examples/hooks-logger.js';
import * as hooksOrderExample from './examples/hooks-order.js';
import * as hooksRawExample from './examples/hooks-raw.js';
import {noop, startupCode} from './test-support/helpers.js';
import {codeSpans, firstCode, markedTable} from './test-support/markdown.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('hooks.md', {
    'raw-hook-over-http': async () => {
        const server = await serverOf(hooksRawExample.router);
        const res = await fetch(`${server.url}/longTask`, {method: 'POST'});
        return res.text();
    },
});

describe('hooks.md', () => {
    it('logs errors with private messages from a runOnError hook', async () => {
        const {router, cloudLogs} = hooksLoggerExample;
        cloudLogs.lines.length = 0;
        const ok = await router.call('sayHello', [], {hooks: {me: ['Ada']}});
        expect(ok.json()).toEqual({sayHello: 'hello Ada'});
        const failed = await router.call('failing', [], {hooks: {me: ['Ada']}});
        expect(failed.statusCode).toBe(500);
        expect(failed.body).not.toContain('database');
        expect(cloudLogs.lines).toEqual(['OK /sayHello by Ada', 'ERROR /failing: database is down']);
    });

    it('runs runOnError hooks after a body error, and no hook when the request is refused before the path', async () => {
        const {router, cloudLogs} = hooksLoggerExample;
        cloudLogs.lines.length = 0;
        const bad = await router.inject({path: '/sayHello', headers: {'content-type': 'application/json'}, body: '{"me": ['});
        expect(bad.json()['@router'].name).toBe('invalid-json');
        expect(cloudLogs.lines).toHaveLength(1);
        expect(cloudLogs.lines[0]).toMatch(/^ERROR \/sayHello: invalid JSON body/);
        for (const req of [
            {path: '/nope'},
            {path: '/sayHello', method: 'PUT'},
            {path: '/sayHello', headers: {'content-type': 'text/plain'}, body: '{}'},
        ]) {
            const res = await router.inject(req);
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
        }
        expect(cloudLogs.lines).toHaveLength(1);
    });

    it('records a failure of a runOnError hook; the first failure sets the status', async () => {
        const router = createRouter();
        router.registerRoutes({
            r: (ctx: CallContext): string => {
                throw new RpcError({statusCode: 403, publicMessage: 'no'});
            },
            after: hook(
                (ctx: CallContext): void => {
                    throw new RpcError({statusCode: 409, publicMessage: 'also no'});
                },
                {runOnError: true},
            ),
        });
        const res = await router.call('r');
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
            r: {name: 'RpcError', statusCode: 403, message: 'no'},
            after: {name: 'RpcError', statusCode: 409, message: 'also no'},
        });
    });

    it('runs hooks in the documented order and scope', async () => {
        const router = hooksOrderExample.router;
        for (const [routeCell, pathCell] of markedTable('hook-order') as [string, string][]) {
            const id = firstCode(routeCell);
            const expected = codeSpans(pathCell);
            const steps = router.describe(id)?.steps.map((s) => s.id);
            expect(steps).toEqual(['@parseBody', ...expected, '@serializeBody']);
            const res = await router.call(id);
            expect(res.json().trail).toEqual(expected.filter((s) => s !== 'trail'));
        }
    });

    it('refuses an object of hooks only', () => {
        expect(startupCode(() => createRouter().registerRoutes({a: {h: hook(noop)}, b: noop}))).toBe(StartupErrorCodes.EMPTY_ROUTES);
    });

    it('converts header values exactly as the table says', async () => {
        const router = headerValuesExample.router;
        const headerOfType = new Map<string, string>();
        for (const step of router.describe('received')?.steps ?? []) {
            if (step.kind === 'headerHook') headerOfType.set(step.params[0]?.type as string, step.headerName as string);
        }
        const rows = markedTable('header-conversions');
        expect(rows.length).toBeGreaterThan(20);
        for (const [typeCell, valueCell, resultCell] of rows as [string, string, string][]) {
            const type = firstCode(typeCell).replace(/'/g, '"');
            const header = headerOfType.get(type);
            expect(header, `a hook for ${type}`).toBeDefined();
            const value = JSON.parse(firstCode(valueCell)) as string;
            const res = await router.call('received', [], {headers: {[header as string]: value}});
            const label = `${type} ${JSON.stringify(value)}`;
            if (resultCell.startsWith('400')) {
                expect(res.statusCode, label).toBe(400);
                expect(
                    Object.values(res.json()).map((e) => (e as {name: string}).name),
                    label,
                ).toEqual(['invalid-header']);
            } else {
                expect(res.statusCode, label).toBe(200);
                expect(res.json().received, label).toEqual({[header as string]: JSON.parse(firstCode(resultCell))});
            }
        }
    });

    it('checks header hooks at startup', () => {
        const r = (h: Routes): string | undefined => startupCode(() => createRouter().registerRoutes({...h, r: noop}));
        expect(r({h: headersHook('x a', (ctx: CallContext, _v: string): void => undefined)})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(r({h: headersHook('x', (ctx: CallContext, _v: {a: number}): void => undefined)})).toBe(
            StartupErrorCodes.INVALID_HEADER_HOOK,
        );
        expect(r({h: {headerName: 'x', hook: (ctx: CallContext, _a: string, _b: string): void => undefined}})).toBe(
            StartupErrorCodes.INVALID_HEADER_HOOK,
        );
        expect(r({h: headersHook('x', (ctx: CallContext): void => undefined)})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(r({h: headersHook('x', (ctx: CallContext, _v: string): {a: 1} => ({a: 1}))})).toBe(StartupErrorCodes.INVALID_HEADER_HOOK);
        expect(
            r({h: headersHook('X-Ok', (ctx: CallContext, v: 'a' | 1 | true | undefined): string | number => String(v))}),
        ).toBeUndefined();
    });

    it('reads and writes header hook values per request as documented', async () => {
        const router = createRouter();
        router.registerRoutes({
            echo: headersHook('X-Echo', (ctx: CallContext, v: string): string => v),
            count: headersHook('x-count', (ctx: CallContext, v?: number): number | undefined => v),
            r: noop,
        });
        const ok = await router.call('r', [], {headers: {'X-ECHO': 'abc', 'x-count': '5'}});
        expect(ok.headers['x-echo']).toBe('abc');
        expect(ok.headers['x-count']).toBe('5');
        const missingOptional = await router.call('r', [], {headers: {'x-echo': 'abc'}});
        expect(missingOptional.statusCode).toBe(200);
        expect(missingOptional.headers['x-count']).toBeUndefined();
        const several = await router.call('r', [], {headers: {'x-echo': ['a', 'b']}});
        expect(several.json().echo).toEqual({
            name: 'invalid-header',
            statusCode: 400,
            message: 'header "x-echo" must be sent once',
            errorData: {header: 'x-echo'},
        });
        for (const bad of ['a\r\nset-cookie: x=1', 'a\nb', 'a\0b']) {
            const injected = await router.call('r', [], {headers: {'x-echo': bad}});
            expect(injected.statusCode).toBe(500);
            expect(injected.json().echo.name).toBe('invalid-return');
            expect(injected.headers['x-echo']).toBeUndefined();
        }
        const inBody = await router.call('r', [], {headers: {'x-echo': 'a'}, hooks: {echo: ['a']}});
        expect(inBody.json()['@router']).toMatchObject({name: 'invalid-body', errorData: {id: 'echo'}});
        const hdr = await hooksHeaderExample.router.call('whoAmI', [], {headers: {authorization: 'Bearer ada'}});
        expect(hdr.headers['x-request-id']).toMatch(/^req-\d+$/);
    });

    it('raw hooks: no metadata needed, RpcError returned or thrown, other values ignored, never in the body', async () => {
        const router = createRouter();
        const untyped = new Function('ctx', 'ctx.shared.untyped = true') as (ctx: CallContext) => void;
        router.registerRoutes({
            untyped: rawHook(untyped),
            ignored: {rawHook: (ctx: CallContext): void => 42 as unknown as void},
            r: (ctx: CallContext): boolean => ctx.shared.untyped === true,
        });
        expect((await router.call('r')).json()).toEqual({r: true});
        expect((await router.call('r', [], {hooks: {untyped: []}})).json()['@router'].name).toBe('invalid-body');
        const failing = createRouter();
        failing.registerRoutes({
            deny: rawHook((ctx: CallContext): RpcError => new RpcError({statusCode: 429, publicMessage: 'slow down'})),
            r: noop,
        });
        const res = await failing.call('r');
        expect(res.statusCode).toBe(429);
        expect(res.json()).toEqual({deny: {name: 'RpcError', statusCode: 429, message: 'slow down'}});
    });

    it('raw hooks get the options of the router', async () => {
        const router = createRouter({prefix: 'p'});
        let prefix: string | undefined;
        router.registerRoutes({raw: rawHook((ctx, req, res, options): void => void (prefix = options.prefix)), r: noop});
        await router.call('r');
        expect(prefix).toBe('p');
    });
});
