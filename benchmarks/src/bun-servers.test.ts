// Smoke run of the Bun and workerd benchmark servers: each bundled as deployed (bun/harness.ts),
// started once, and checked to answer every scenario with exactly the expected body, as
// servers.test.ts does for Node (no timings here; the load runs are `npm run bench:bun` and
// `npm run bench:workerd`). A missing runtime skips its servers, except with CI=true, where it fails.
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
    bundleBunServers,
    bundleWorkers,
    bunServerNames,
    missingRuntime,
    RunningServer,
    startBunServer,
    startWorkerd,
    workerNames,
} from './bun/harness.js';
import {expectedResponse, scenarioNames, scenarioRequest} from './scenarios.js';

const outDir = fileURLToPath(new URL('../.generated/test/runtimes/', import.meta.url));
const ci = process.env.CI === 'true';

const cases = [
    ...bunServerNames.map((name) => ({runtime: 'bun' as const, name})),
    ...workerNames.map((name) => ({runtime: 'workerd' as const, name})),
];

describe('the Bun and workerd runtimes are installed', () => {
    it.each(['bun', 'workerd'] as const)('%s (required with CI=true)', (runtime) => {
        if (ci) expect(missingRuntime(runtime)).toBeUndefined();
    });
});

describe.each(cases)('benchmark server $name on $runtime', ({runtime, name}) => {
    const missing = missingRuntime(runtime);
    let server: RunningServer | undefined;
    beforeAll(async () => {
        if (missing !== undefined) return;
        if (runtime === 'bun') {
            const bundles = await bundleBunServers(`${outDir}bun-${name}`, [name]);
            server = await startBunServer(name, bundles.get(name) as string);
        } else {
            const bundles = await bundleWorkers(`${outDir}workerd`, [name]);
            server = await startWorkerd(name, bundles.get(name) as string);
        }
    });
    afterAll(() => server?.stop());

    const url = (path: string): string => `http://127.0.0.1:${(server as RunningServer).port}${path}`;

    it.skipIf(missing !== undefined && !ci).each(scenarioNames)('answers %s correctly, with distinct ids', async (scenario) => {
        expect(missing).toBeUndefined();
        for (const id of [1, 2, 77]) {
            const req = scenarioRequest(scenario, id);
            const res = await fetch(url(req.path), {method: req.method, body: req.body, headers: {'content-type': 'application/json'}});
            expect(res.status).toBe(200);
            expect(res.headers.get('content-type')).toMatch(/^application\/json/);
            expect(await res.text()).toBe(expectedResponse(scenario, id));
        }
    });

    // Elysia refuses a body its schema rejects with 422 (its default), the others with 400.
    it.skipIf(missing !== undefined && !ci)('refuses an invalid update-user body', async () => {
        expect(missing).toBeUndefined();
        const res = await fetch(url('/updateUser'), {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({updateUser: [{id: 'x', name: 'a', surname: 'b', lastUpdate: 'never'}]}),
        });
        expect(res.status).toBe(name === 'elysia' ? 422 : 400);
    });

    it.skipIf(missing !== undefined && !ci)('refuses an invalid light-call body', async () => {
        expect(missing).toBeUndefined();
        const res = await fetch(url('/greet'), {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({greet: [{name: 'a'}]}),
        });
        expect(res.status).toBe(name === 'elysia' ? 422 : 400);
    });
});
