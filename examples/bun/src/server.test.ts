// `npm start -w examples/bun` as a child process: Bun (npm `bun`) serving the example API on a free
// port of 127.0.0.1, called by the typed client (the node-server example's checks) and by curl,
// then stopped by its PID. Without Bun the test is skipped; with CI=true it fails.
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bin, freePort, missingRuntime, RunningRuntime, startChild} from '../../../packages/fetch/src/test-support/runtimes.js';
import {checkTypedClient} from '../../node-server/src/test-support/example-checks.js';

const dir = fileURLToPath(new URL('..', import.meta.url));
const missing = missingRuntime('bun');
const ci = process.env.CI === 'true';

describe.skipIf(missing !== undefined && !ci)(`examples/bun on Bun${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
    let server: RunningRuntime;
    beforeAll(async () => {
        if (missing !== undefined) throw new Error(`CI=true and ${missing}`);
        // What `npm start` runs (package.json), started directly so that its PID is Bun's.
        const start = (JSON.parse(readFileSync(`${dir}package.json`, 'utf8')) as {scripts: {start: string}}).scripts.start;
        expect(start).toBe('bun src/server.ts');
        const port = await freePort();
        server = await startChild(bin('bun'), ['src/server.ts'], dir, port, {PORT: String(port)});
    });
    afterAll(() => server?.stop());

    it('says where it listens', () => {
        expect(server.output()).toContain(`Hookline example API on Bun listening on ${server.url}`);
    });

    it('answers the typed client: every route, Dates both ways, the auth hook, errors by kind', async () => {
        await checkTypedClient(server.url);
    });

    it('answers curl', async () => {
        const {stdout} = await promisify(execFile)('curl', [
            '-s',
            '-X',
            'POST',
            `${server.url}/api/users/getUser`,
            '-H',
            'authorization: Bearer token-ada',
            '-H',
            'content-type: application/json',
            '-d',
            '{"api/users/getUser":[1]}',
        ]);
        expect(JSON.parse(stdout)).toEqual({
            'api/users/getUser': {id: 1, name: 'Ada', email: 'ada@example.test', createdAt: '2024-01-15T09:30:00.000Z'},
        });
    });

    it('prints the access log lines of the calls', () => {
        expect(server.output()).toContain('[log] 200 /api/users/getUser user=Ada');
        expect(server.output()).toContain('[log] 401 /api/users/me errors=["invalid-token: unknown token wron..."]');
    });
});
