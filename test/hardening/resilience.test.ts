// Faults and load through the Node adapter on 127.0.0.1: aborted bodies, a bounded mixed load with
// ids echoed, handlers that throw, reject late or never resolve, and no context kept after a call.
import {connect} from 'node:net';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, hook, Router} from '@hookline/router';

type AnyRouter = Parameters<typeof startNodeServer>[0];
const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let retained: WeakRef<CallContext>[] = [];

function createRouterUnderTest(): Router {
    const router = createRouter({
        echoRequestId: true,
        callTimeout: 2000,
        maxBodySize: 100_000,
        logSink: () => undefined,
        sharedDataFactory: () => ({tenant: ''}),
    });
    router.registerRoutes({
        tenants: {
            tenant: hook(async (ctx: CallContext<{tenant: string}>, tenant: string): Promise<void> => {
                await tick(Math.random() * 2);
                ctx.shared.tenant = tenant;
            }),
            sum: async (ctx: CallContext<{tenant: string}>, a: number, b: number): Promise<{tenant: string; sum: number}> => {
                retained.push(new WeakRef(ctx));
                await tick(Math.random() * 2);
                return {tenant: ctx.shared.tenant, sum: a + b};
            },
        },
        throws: (ctx: CallContext): string => {
            throw new Error('boom');
        },
        rejectsLate: async (ctx: CallContext): Promise<string> => {
            await tick(20);
            throw new Error('late boom');
        },
        hangs: (ctx: CallContext): Promise<string> => new Promise<string>(() => undefined),
    });
    return router;
}

describe('resilience over HTTP', () => {
    let server: NodeServerHandle;
    beforeAll(async () => {
        server = await startNodeServer(createRouterUnderTest() as unknown as AnyRouter);
    });
    afterAll(() => server.close());

    const call = (body: string, id: string): Promise<Response> =>
        fetch(`${server.url}/tenants/sum`, {method: 'POST', headers: {'content-type': 'application/json', 'x-request-id': id}, body});

    it('survives clients that abort mid-body: nothing stays in flight, the next call works', async () => {
        for (let i = 0; i < 50; i++) {
            await new Promise<void>((resolve) => {
                const socket = connect(server.port, '127.0.0.1', () => {
                    socket.write(
                        `POST /tenants/sum HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"tenants/sum":[1,`,
                    );
                    setTimeout(() => socket.destroy(), 2);
                });
                socket.on('close', () => resolve());
                socket.on('error', () => resolve());
            });
        }
        // The server hears of the aborts on its own schedule (later on a busy machine): wait, bounded.
        for (const deadline = Date.now() + 10_000; server.inFlight() > 0 && Date.now() < deadline;) await tick(5);
        expect(server.inFlight()).toBe(0);
        const res = await call('{"tenants/sum":[1,2],"tenants/tenant":["t"]}', 'after-abort');
        expect(await res.json()).toEqual({'tenants/sum': {tenant: 't', sum: 3}});
    });

    it('a bounded mixed load: zero 5xx, every response is its own (id echoed), shared data never crosses', async () => {
        const total = 2000;
        const concurrency = 50;
        let next = 0;
        const failures: string[] = [];
        let valid = 0;
        let invalid = 0;
        const worker = async (): Promise<void> => {
            while (next < total) {
                const i = next++;
                const id = `req-${i}`;
                const good = i % 3 !== 0;
                const body = good
                    ? JSON.stringify({'tenants/tenant': [`t${i}`], 'tenants/sum': [i, 1]})
                    : i % 2 === 0
                      ? `{"tenants/sum":[${i},`
                      : JSON.stringify({'tenants/sum': ['x', i]});
                const res = await call(body, id);
                const json = (await res.json()) as Record<string, unknown>;
                if (res.status >= 500) failures.push(`${id}: ${res.status}`);
                if (res.headers.get('x-request-id') !== id) failures.push(`${id}: echoed ${res.headers.get('x-request-id')}`);
                if (good) {
                    valid++;
                    const sum = json['tenants/sum'] as {tenant: string; sum: number} | undefined;
                    if (sum?.tenant !== `t${i}` || sum.sum !== i + 1) failures.push(`${id}: ${JSON.stringify(json)}`);
                } else {
                    invalid++;
                    if (res.status !== 400) failures.push(`${id}: expected 400, got ${res.status}`);
                    const errorIds = Object.values(json).map((e) => (e as {id?: string}).id);
                    if (!errorIds.includes(id)) failures.push(`${id}: error ids ${errorIds.join(',')}`);
                }
            }
        };
        const started = Date.now();
        await Promise.all(Array.from({length: concurrency}, worker));
        expect(Date.now() - started).toBeLessThan(60_000);
        expect(failures).toEqual([]);
        expect(valid + invalid).toBe(total);
    }, 90_000);

    it('handlers that throw, reject late or never resolve never take the server down', async () => {
        const post = (path: string): Promise<Response> => fetch(`${server.url}${path}`, {method: 'POST'});
        const [a, b, c] = await Promise.all([post('/throws'), post('/rejectsLate'), post('/hangs')]);
        expect([a.status, b.status, c.status]).toEqual([500, 500, 503]);
        expect(((await c.json()) as Record<string, {name: string}>)['@router']?.name).toBe('call-timeout');
        const after = await call('{"tenants/sum":[2,2],"tenants/tenant":["z"]}', 'after-faults');
        expect(await after.json()).toEqual({'tenants/sum': {tenant: 'z', sum: 4}});
    });

    it('keeps no reference to finished contexts', async () => {
        retained = [];
        for (let i = 0; i < 20; i++) await call(JSON.stringify({'tenants/tenant': ['gc'], 'tenants/sum': [i, i]}), `gc-${i}`);
        expect(retained).toHaveLength(20);
        for (let i = 0; i < 10 && retained.some((r) => r.deref() !== undefined); i++) {
            await tick(20);
            gc();
        }
        expect(retained.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    });
});
