// CI smoke run of the benchmark suite: every server answers every scenario with the exact
// expected body (no timings here; the load run is `npm run bench`).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectedResponse, ScenarioName, scenarioRequest} from './scenarios.js';
import {serverNames, servers} from './servers/index.js';
import {BenchServer} from './servers/server-handle.js';

const scenarios: ScenarioName[] = ['hello', 'update-user', 'place-order'];

describe.each(serverNames)('benchmark server %s', (name) => {
    let server: BenchServer;
    beforeAll(async () => {
        server = await (servers[name] as (port: number) => Promise<BenchServer>)(0);
    });
    afterAll(() => server.close());

    it.each(scenarios)('answers %s correctly, with distinct ids', async (scenario) => {
        for (const id of [1, 2, 77]) {
            const req = scenarioRequest(scenario, id);
            const res = await fetch(`http://127.0.0.1:${server.port}${req.path}`, {
                method: req.method,
                body: req.body,
                headers: {'content-type': 'application/json'},
            });
            expect(res.status).toBe(200);
            expect(await res.text()).toBe(expectedResponse(scenario, id));
        }
    });

    it('refuses an invalid update-user body with a 400', async () => {
        const res = await fetch(`http://127.0.0.1:${server.port}/updateUser`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({updateUser: [{id: 'x', name: 'a', surname: 'b', lastUpdate: 'never'}]}),
        });
        expect(res.status).toBe(400);
    });
});
