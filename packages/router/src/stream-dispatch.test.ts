import {describe, expect, it} from 'vitest';
import {CallContext, collectStream, createRouter, getCallContext, hook, Router, RouterResponse, Routes, RpcError} from './index.js';

interface Line {
    n: number;
    at: Date;
}

interface Summary {
    count: number;
}

class TailGone extends RpcError<'tail-gone', {after: number}, 410> {
    constructor(after: number) {
        super({name: 'tail-gone', statusCode: 410, publicMessage: 'the tail is gone', errorData: {after}});
    }
}

const at = new Date('2024-01-01T00:00:00.000Z');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function routesWith(log: string[]) {
    return {
        before: hook((ctx: CallContext): void => void log.push('before')),
        logs: {
            tail: async function* (ctx: CallContext, count: number): AsyncGenerator<Line, Summary | TailGone> {
                try {
                    for (let n = 1; n <= count; n++) yield {n, at};
                    if (count === 3) return new TailGone(3);
                    return {count};
                } finally {
                    log.push('finally');
                }
            },
            early: async function* (ctx: CallContext): AsyncGenerator<string, TailGone> {
                if (ctx.path !== '') return new TailGone(0);
                yield 'never';
                return new TailGone(1);
            },
            words: (ctx: CallContext): AsyncIterable<string> =>
                (async function* () {
                    yield 'a';
                    yield 'b';
                })(),
            failFirst: async function* (ctx: CallContext): AsyncGenerator<string> {
                if (ctx.path !== '') throw new TailGone(0);
                yield 'never';
            },
            failLater: async function* (ctx: CallContext): AsyncGenerator<string> {
                yield 'one';
                throw new Error('SECRET disk gone');
            },
            badItem: async function* (ctx: CallContext): AsyncGenerator<number> {
                yield 1;
                yield 'two' as unknown as number;
            },
            slow: async function* (ctx: CallContext, ms: number): AsyncGenerator<number> {
                await sleep(ms);
                yield 1;
            },
            forever: async function* (ctx: CallContext): AsyncGenerator<number> {
                try {
                    for (let n = 0; ; n++) yield n;
                } finally {
                    log.push('forever finally');
                }
            },
        },
        after: hook(
            (ctx: CallContext): void => {
                log.push(`after ${ctx.request.internalErrors.map((e) => e.name).join(',')}`);
            },
            {runOnError: true},
        ),
    } satisfies Routes;
}

function setup(options: Parameters<typeof createRouter>[0] = {}): {router: Router; log: string[]} {
    const log: string[] = [];
    const router = createRouter({logInternalErrors: false, ...options});
    router.registerRoutes(routesWith(log));
    return {router, log};
}

const post = (router: Router, path: string, body?: unknown): Promise<RouterResponse> =>
    Promise.resolve(
        router.dispatch({
            method: 'POST',
            path,
            headers: body === undefined ? {} : {'content-type': 'application/json'},
            body: body === undefined ? undefined : JSON.stringify(body),
        }),
    );

describe('streaming routes in-process', () => {
    it('streams items, then the final value, and runs the hooks after the route once it ended', async () => {
        const {router, log} = setup();
        const res = await post(router, '/logs/tail', {'logs/tail': [2]});
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(res.stream).toBeDefined();
        expect(log).toEqual(['before']);
        const {body} = await collectStream(res);
        expect(body).toBe(
            'event: item\ndata: {"n":1,"at":"2024-01-01T00:00:00.000Z"}\n\n' +
                'event: item\ndata: {"n":2,"at":"2024-01-01T00:00:00.000Z"}\n\n' +
                'event: result\ndata: {"count":2}\n\n',
        );
        expect(log).toEqual(['before', 'finally', 'after ']);
    });

    it('an AsyncIterable without a final value ends with result null; GET works for a route without body params', async () => {
        const {router} = setup();
        const res = await collectStream(await router.dispatch({method: 'GET', path: '/logs/words', headers: {}}));
        expect(res.body).toBe('event: item\ndata: "a"\n\nevent: item\ndata: "b"\n\nevent: result\ndata: null\n\n');
    });

    it('a declared error returned at the end is an error event, typed and checked; runOnError hooks see it', async () => {
        const {router, log} = setup();
        const {body} = await collectStream(await post(router, '/logs/tail', {'logs/tail': [3]}));
        expect(body.split('\n\n').slice(-2)[0]).toBe(
            'event: error\ndata: {"logs/tail":{"name":"tail-gone","statusCode":410,"message":"the tail is gone","errorData":{"after":3}}}',
        );
        expect(log.at(-1)).toBe('after tail-gone');
    });

    it('an error before the first item is a JSON error response with its status', async () => {
        const {router, log} = setup();
        const res = await post(router, '/logs/failFirst');
        expect(res.stream).toBeUndefined();
        expect(res.statusCode).toBe(410);
        expect(JSON.parse(res.body)).toEqual({
            'logs/failFirst': {name: 'tail-gone', statusCode: 410, message: 'the tail is gone', errorData: {after: 0}},
        });
        expect(log).toEqual(['before', 'after tail-gone']);
    });

    it('an error returned before the first item is a JSON error response too', async () => {
        const {router} = setup();
        // A stream without items still streams: its final value is its one event.
        const empty = await collectStream(await post(router, '/logs/tail', {'logs/tail': [0]}));
        expect(empty.body).toBe('event: result\ndata: {"count":0}\n\n');
        const gone = await post(router, '/logs/early');
        expect([gone.statusCode, JSON.parse(gone.body)['logs/early'].name]).toEqual([410, 'tail-gone']);
    });

    it('validation errors are JSON responses (no stream started)', async () => {
        const {router, log} = setup();
        const res = await post(router, '/logs/tail', {'logs/tail': ['x']});
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body)['logs/tail'].name).toBe('validation-failed');
        expect(log).toEqual(['before', 'after validation-failed']);
    });

    it('a thrown error mid-stream is an error event with the public form only', async () => {
        const {router} = setup();
        const {body} = await collectStream(await post(router, '/logs/failLater'));
        expect(body).toBe(
            'event: item\ndata: "one"\n\nevent: error\ndata: {"logs/failLater":{"name":"unexpected-error","statusCode":500,"message":"Unexpected error"}}\n\n',
        );
    });

    it('an item that breaks its type ends the stream with invalid-return', async () => {
        const {router} = setup();
        const {body} = await collectStream(await post(router, '/logs/badItem'));
        expect(body).toContain('event: item\ndata: 1\n\nevent: error\ndata: {"logs/badItem":{"name":"invalid-return"');
    });

    it('sends pings while the first item is slow, then the item', async () => {
        const {router} = setup({streamPingInterval: 20});
        const res = await post(router, '/logs/slow', {'logs/slow': [70]});
        const stream = res.stream as NonNullable<RouterResponse['stream']>;
        const chunks: string[] = [];
        for (let c = await stream.next(); c !== undefined; c = await stream.next()) chunks.push(c);
        expect(chunks.filter((c) => c === ': ping\n\n').length).toBeGreaterThanOrEqual(2);
        expect(chunks.slice(-2)).toEqual(['event: item\ndata: 1\n\n', 'event: result\ndata: null\n\n']);
    });

    it('the idle limit before the first item answers 503 call-timeout as JSON', async () => {
        const {router, log} = setup({streamIdleTimeout: 30, streamPingInterval: 0});
        const res = await post(router, '/logs/slow', {'logs/slow': [200]});
        expect(res.statusCode).toBe(503);
        expect(JSON.parse(res.body)['@router'].name).toBe('call-timeout');
        expect(log.at(-1)).toBe('after call-timeout');
    });

    it('the idle limit mid-stream ends it with a call-timeout error event', async () => {
        const log: string[] = [];
        const router = createRouter({streamIdleTimeout: 30, streamPingInterval: 0, logInternalErrors: false});
        router.registerRoutes({
            stall: async function* (ctx: CallContext): AsyncGenerator<number> {
                try {
                    yield 1;
                    await sleep(300);
                    yield 2;
                } finally {
                    log.push('finally');
                }
            },
        });
        const {body} = await collectStream(await post(router, '/stall'));
        expect(body).toMatch(/^event: item\ndata: 1\n\nevent: error\ndata: \{"@router":\{"name":"call-timeout","statusCode":503,/);
    });

    it('pulls only when asked (backpressure) and cancel closes the iterator (finally) and runs the hooks after', async () => {
        const {router, log} = setup();
        let pulled = 0;
        const res = await post(router, '/logs/forever');
        const stream = res.stream as NonNullable<RouterResponse['stream']>;
        for (let i = 0; i < 5; i++) {
            const chunk = await stream.next();
            pulled++;
            expect(chunk).toBe(`event: item\ndata: ${i}\n\n`);
        }
        await sleep(10);
        stream.cancel();
        await sleep(0);
        expect(pulled).toBe(5);
        expect(log).toEqual(['before', 'forever finally', 'after ']);
        expect(await stream.next()).toBeUndefined();
    });

    it('with asyncContext, the generator and the hooks after the route see the call context', async () => {
        const seen: string[] = [];
        const router = createRouter({asyncContext: true, logInternalErrors: false});
        router.registerRoutes({
            ids: async function* (ctx: CallContext): AsyncGenerator<string> {
                yield getCallContext()?.route.id ?? 'none';
                yield getCallContext()?.route.id ?? 'none';
            },
            after: hook((ctx: CallContext): void => void seen.push(getCallContext()?.route.id ?? 'none')),
        });
        const {body} = await collectStream(await post(router, '/ids'));
        expect(body).toBe('event: item\ndata: "ids"\n\nevent: item\ndata: "ids"\n\nevent: result\ndata: null\n\n');
        expect(seen).toEqual(['ids']);
    });

    it('a batch refuses a streaming route with a 400', async () => {
        const {router} = setup();
        const res = await router.inject({path: '/@batch', body: [{route: 'logs/words'}]});
        expect(res.statusCode).toBe(400);
        expect(res.json()['@batch']).toMatchObject({name: 'invalid-body', errorData: {index: 0, route: 'logs/words'}});
    });

    it('metadata says a route streams, with its item and final value types', () => {
        const {router} = setup();
        const meta = router.getMetadata().routes['logs/tail'];
        expect(meta?.stream).toEqual({
            item: {
                kind: 'object',
                name: 'Line',
                props: [
                    {name: 'n', optional: false, type: {kind: 'number'}},
                    {name: 'at', optional: false, type: {kind: 'date'}},
                ],
            },
            result: {kind: 'object', name: 'Summary', props: [{name: 'count', optional: false, type: {kind: 'number'}}]},
        });
        expect(meta?.returns).toEqual(meta?.stream?.result);
        expect(meta?.errors?.map((e) => e.name)).toEqual(['tail-gone']);
        expect(router.getMetadata().routes['logs/words']?.stream?.result).toEqual({kind: 'undefined'});
        expect(router.getMetadata().routes['logs/words']?.stream).toBeDefined();
    });

    it('inject reads a stream to its end', async () => {
        const {router} = setup();
        const res = await router.call('logs/tail', [1]);
        expect(res.body).toBe('event: item\ndata: {"n":1,"at":"2024-01-01T00:00:00.000Z"}\n\nevent: result\ndata: {"count":1}\n\n');
    });
});
