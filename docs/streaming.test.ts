// Runs docs/streaming.md: its example, curl exchanges, and the claims the page makes about
// behaviour. A claim that stops being true fails here.
import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, hook, RouterStream, StartupErrorCodes} from '@hookline/router';
import {firstLines, router, serverLog, tailLog} from './examples/streaming.js';
import {startupCode} from './test-support/helpers.js';
import {checkPageBlocks, serverOf, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();
checkPageBlocks('streaming.md');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('streaming.md', () => {
    it('tailLog and firstLines return what the page says, over HTTP', async () => {
        const {url} = await serverOf(router);
        expect(await tailLog(url, 2)).toEqual(['12:00:01 GET /health 201', '12:00:02 GET /health 202', 'end: 2 lines']);
        expect(await tailLog(url, 3, 1)).toEqual(['12:00:01 GET /health 201', 'rotated after line 1']);
        serverLog.length = 0;
        expect(await firstLines(url, 3)).toEqual([1, 2, 3]);
        for (let i = 0; i < 50 && !serverLog.includes('tail closed'); i++) await sleep(2);
        expect(serverLog).toContain('tail closed');
    });

    it('hooks after the route run once the stream ended, after the generator closed; runOnError ones see its error', async () => {
        serverLog.length = 0;
        await router.call('logs/tail', [2], {headers: {authorization: 'Bearer ops'}});
        expect(serverLog).toEqual(['tail closed', '/logs/tail ended ok']);
        serverLog.length = 0;
        await router.call('logs/tail', [3, 1], {headers: {authorization: 'Bearer ops'}});
        expect(serverLog).toEqual(['tail closed', '/logs/tail ended log-rotated']);
    });

    it('refuses a streaming route in a batch, and a hook that streams at startup', async () => {
        const res = await router.inject({path: '/@batch', headers: {authorization: 'Bearer ops'}, body: [{route: 'feed/levels'}]});
        expect(res.statusCode).toBe(400);
        expect(res.json()['@batch']).toMatchObject({name: 'invalid-body', errorData: {index: 0, route: 'feed/levels'}});
        expect(
            startupCode(() =>
                createRouter().registerRoutes({
                    h: hook(async function* (ctx: CallContext): AsyncGenerator<string> {
                        yield 'x';
                    }),
                    r: (ctx: CallContext): string => 'r',
                }),
            ),
        ).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
    });

    it('keep-alive pings while the first item is slow; the idle limit is a 503 call-timeout, JSON before the first item', async () => {
        const slow = createRouter({streamPingInterval: 20, logInternalErrors: false});
        slow.registerRoutes({
            late: async function* (ctx: CallContext, ms: number): AsyncGenerator<number> {
                await sleep(ms);
                yield 1;
            },
        });
        const res = await slow.dispatch({
            method: 'POST',
            path: '/late',
            headers: {'content-type': 'application/json'},
            body: '{"late":[80]}',
        });
        const stream = res.stream as RouterStream;
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(await stream.next()).toBe(': ping\n\n');
        const idle = createRouter({streamIdleTimeout: 20, logInternalErrors: false});
        idle.registerRoutes({
            late: async function* (ctx: CallContext, ms: number): AsyncGenerator<number> {
                await sleep(ms);
                yield 1;
            },
        });
        const timedOut = await idle.call('late', [200]);
        expect([timedOut.statusCode, timedOut.json()['@router'].name]).toEqual([503, 'call-timeout']);
    });
});
