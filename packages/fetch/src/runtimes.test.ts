// The Fetch adapter on real runtimes: the case Worker (the shared case table's routes on the
// compiled module, bundled by esbuild) served by workerd, Bun and Deno on 127.0.0.1, called over
// HTTP by the shared case table and the typed client. workerd refuses `new Function`, so its
// run proves the request path is eval-free. With CI=true a missing runtime fails; otherwise its
// tests are skipped, with the reason.
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ApiSpec} from '@hookline/router';
import {createClient, unwrap} from '@hookline/client';
import {caseRoutes, checkCase, protocolCases} from '../../../test/shared/protocol-cases.js';
import {caseRequest, mergedCase} from './test-support/case-requests.js';
import {progressBody} from './test-support/worker-routes.js';
import {bundleCaseWorker, missingRuntime, RunningRuntime, RuntimeName, startRuntime} from './test-support/runtimes.js';

const dir = fileURLToPath(new URL('../../../.tmp/fetch-runtimes/', import.meta.url));
const ci = process.env.CI === 'true';
let bundled: Promise<string> | undefined;

describe.each(['workerd', 'bun', 'deno'] as RuntimeName[])('the case Worker on %s', (name) => {
    const missing = missingRuntime(name);
    if (missing !== undefined && !ci) {
        it.skip(`skipped: ${missing}`, () => undefined);
        return;
    }
    let runtime: RunningRuntime;
    beforeAll(async () => {
        if (missing !== undefined) throw new Error(`CI=true and ${missing}`);
        await (bundled ??= bundleCaseWorker(dir));
        runtime = await startRuntime(name, dir);
    });
    afterAll(() => runtime?.stop());

    it.each(protocolCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const res = await fetch(caseRequest(runtime.url, c));
        const body = await res.text();
        expect(checkCase(mergedCase(c), {status: res.status, headers: Object.fromEntries(res.headers), body})).toEqual([]);
    });

    it('serves the typed client: metadata, params, a Date both ways, a header hook', async () => {
        const client = createClient<ApiSpec<typeof caseRoutes>>({baseURL: runtime.url, timeoutMs: 5_000});
        expect(unwrap(await client.public.sum(2, 3))).toBe(5);
        const user = unwrap(await client.public.updateUser({id: 1, name: 'Ada', lastUpdate: new Date('2024-01-31T10:00:00.000Z')}));
        expect(user.lastUpdate).toEqual(new Date('2024-03-02T10:00:00.000Z'));
        client.secure.auth.$set('secret');
        expect(unwrap(await client.secure.whoami())).toBe('admin');
        client.secure.auth.$set('wrong');
        const denied = await client.secure.whoami();
        expect(denied.ok ? undefined : denied.error).toMatchObject({kind: 'rpc', statusCode: 401});
    });

    it('streams a streaming route to the typed client: items revived (Dates) as they come, then the final value', async () => {
        const client = createClient<ApiSpec<typeof caseRoutes>>({baseURL: runtime.url, timeoutMs: 5_000});
        await client.$metadata();
        const ticks = client.streams.count(3);
        const days: string[] = [];
        for await (const tick of ticks) days.push(tick.at.toISOString().slice(0, 10));
        expect(days).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
        expect(await ticks.result).toEqual({ok: true, value: {total: 3}});
    });

    it("streams a raw hook's progress, then the body (the progress stream)", async () => {
        const res = await fetch(`${runtime.url}/progress/done`, {method: 'POST'});
        expect(res.status).toBe(200);
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        const chunks: string[] = [];
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(decoder.decode(chunk.value));
        expect(chunks.join('')).toBe(progressBody);
        // Sent as it was written: the first progress arrives before the body.
        expect(chunks[0]).toMatch(/^\n25%/);
    });

    it('logged the unexpected error through the default sink (the log queue drained)', () => {
        expect(runtime.output()).toContain('"msg":"unexpected-error: SECRET-DETAIL');
    });
});
