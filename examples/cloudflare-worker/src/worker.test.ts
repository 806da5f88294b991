// `npm start -w examples/cloudflare-worker` as child processes: build.mjs bundles the Worker (esbuild
// with the compiled module), then workerd (npm `workerd`) serves it with the example's config.capnp
// on a free port of 127.0.0.1 (--socket-addr, as npm start does with PORT); called by the typed
// client (the node-server example's checks) and by curl, then stopped by its PID. workerd refuses
// code generated from strings, so this also shows the example's request path is eval-free.
// Without workerd the test is skipped; with CI=true it fails.
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bin, freePort, missingRuntime, RunningRuntime, startChild} from '../../../packages/fetch/src/test-support/runtimes.js';
import {checkTypedClient} from '../../node-server/src/test-support/example-checks.js';

const dir = fileURLToPath(new URL('..', import.meta.url));
const missing = missingRuntime('workerd');
const ci = process.env.CI === 'true';

describe.skipIf(missing !== undefined && !ci)(
    `examples/cloudflare-worker on workerd${missing === undefined ? '' : ` (skipped: ${missing})`}`,
    () => {
        let server: RunningRuntime;
        beforeAll(async () => {
            if (missing !== undefined) throw new Error(`CI=true and ${missing}`);
            // What `npm start` runs (package.json), step by step, so that the PID stopped is workerd's.
            const start = (JSON.parse(readFileSync(`${dir}package.json`, 'utf8')) as {scripts: {start: string}}).scripts.start;
            expect(start).toBe('node build.mjs && workerd serve config.capnp --socket-addr http=127.0.0.1:${PORT:-8787}');
            await promisify(execFile)(process.execPath, ['build.mjs'], {cwd: dir, timeout: 120_000});
            const port = await freePort();
            server = await startChild(bin('workerd'), ['serve', 'config.capnp', '--socket-addr', `http=127.0.0.1:${port}`], dir, port);
        }, 150_000);
        afterAll(() => server?.stop());

        it('answers the typed client: every route, Dates both ways, the auth hook, errors by kind', async () => {
            await checkTypedClient(server.url);
        });

        it('answers curl, health included (pid 0: a Worker has no process id)', async () => {
            const curl = async (...args: string[]): Promise<unknown> =>
                JSON.parse((await promisify(execFile)('curl', ['-s', ...args])).stdout);
            expect(await curl(`${server.url}/health`)).toMatchObject({health: {ok: true, pid: 0}});
            expect(
                await curl(
                    '-X',
                    'POST',
                    `${server.url}/api/users/getUser`,
                    '-H',
                    'authorization: Bearer token-ada',
                    '-H',
                    'content-type: application/json',
                    '-d',
                    '{"api/users/getUser":[1]}',
                ),
            ).toEqual({'api/users/getUser': {id: 1, name: 'Ada', email: 'ada@example.test', createdAt: '2024-01-15T09:30:00.000Z'}});
        });

        it('logs through console.log, kept alive by waitUntil until the lines are handed off', () => {
            expect(server.output()).toContain('[log] 200 /api/users/getUser user=Ada');
            expect(server.output()).toContain('"msg":"unexpected-error: connection to the pets database refused');
        });
    },
);
