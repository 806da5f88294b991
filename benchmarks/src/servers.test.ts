// CI smoke run of the benchmark suite: every server answers every scenario with the exact
// expected body (no timings here; the load run is `npm run bench`).
import {execFile} from 'node:child_process';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectedResponse, scenarioNames, scenarioRequest} from './scenarios.js';
import {serverNames, servers} from './servers/index.js';
import {BenchServer} from './servers/server-handle.js';

/** Writes the scenarios' compiled module with `hookline build` (what `npm run build -w benchmarks` does) for hookline-compiled. */
async function buildCompiledModule(): Promise<void> {
    const cli = join(dirname(createRequire(import.meta.url).resolve('@hookline/compiler')), 'cli.js');
    const out = fileURLToPath(new URL('../.generated/test/scenarios.compiled.js', import.meta.url));
    const entry = fileURLToPath(new URL('./scenarios.ts', import.meta.url));
    await promisify(execFile)(process.execPath, [cli, 'build', '--entry', entry, '--out', out], {timeout: 60_000});
    process.env.HOOKLINE_COMPILED_MODULE = out;
}

describe.each(serverNames)('benchmark server %s', (name) => {
    let server: BenchServer;
    beforeAll(async () => {
        if (name === 'hookline-compiled') await buildCompiledModule();
        server = await (servers[name] as (port: number) => Promise<BenchServer>)(0);
    });
    afterAll(() => server.close());

    it.each(scenarioNames)('answers %s correctly, with distinct ids', async (scenario) => {
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

    it('refuses an invalid light-call body with a 400', async () => {
        const res = await fetch(`http://127.0.0.1:${server.port}/greet`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({greet: [{name: 'a'}]}),
        });
        expect(res.status).toBe(400);
    });
});
