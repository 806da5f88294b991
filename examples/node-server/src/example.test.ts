import {execFile} from 'node:child_process';
import {createServer} from 'node:http';
import {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi, LogLine} from './api.js';
import {callExampleApi, CallOutcome, formatOutcome} from './call-api.js';
import {Store} from './store.js';
import {userNotFound99} from './test-support/example-checks.js';

describe('example API over HTTP', () => {
    const lines: LogLine[] = [];
    let server: NodeServerHandle;
    let results: CallOutcome[];
    beforeAll(async () => {
        server = await startNodeServer(createExampleApi(new Store(), (l) => lines.push(l)).router);
        results = await callExampleApi(server.url);
    });
    afterAll(() => server.close());

    it('answers every call as documented', () => {
        // The line npm start prints for each call, up to its value or error.
        expect(results.map((r) => formatOutcome(r).split(' -> ')[0])).toEqual([
            'ok health',
            'ok api/users/me',
            'ok api/users/getUser',
            'ok api/pets/list',
            'ok api/pets/add',
            'ok api/pets/ageInDays',
            'ok api/pets/activity',
            '401 api/users/me',
            '400 api/users/getUser',
            '404 api/users/getUser',
            '401 api/pets/list',
            '500 api/broken',
        ]);
        // Dates come back as Dates.
        expect(results[1]?.result.value).toEqual({
            id: 1,
            name: 'Ada',
            email: 'ada@example.test',
            createdAt: new Date('2024-01-15T09:30:00.000Z'),
        });
        expect(results[4]?.result.value).toEqual({
            id: 2,
            ownerId: 1,
            name: 'Lovelace',
            species: 'dog',
            birthDate: new Date('2023-06-01T00:00:00.000Z'),
        });
        expect(results[5]?.result.value).toBe(1826);
        // The streaming route's events, each read as it came, then its summary.
        expect(results[6]?.result.value).toEqual({
            received: ['walk at 08:00', 'meal at 09:00', 'nap at 10:00'],
            events: 3,
            until: new Date('2025-05-01T11:00:00.000Z'),
        });
        expect(results[7]?.result.error).toEqual({
            kind: 'rpc',
            name: 'invalid-token',
            statusCode: 401,
            message: 'Invalid or missing token',
            procedureId: 'api/auth',
        });
        expect(results[8]?.result.error).toMatchObject({kind: 'router', name: 'validation-failed', procedureId: 'api/users/getUser'});
        // Declared errors arrive typed, errorData included; the script narrows on their names.
        expect(results[9]?.result.error).toEqual(userNotFound99);
        expect(results[9]?.demo).toBe('a user that does not exist: no user with id 99');
        expect(results[10]?.demo).toBe("the auth hook's invalid-token: sign in again");
        expect(results[11]?.result.error).toEqual({
            kind: 'router',
            name: 'unexpected-error',
            statusCode: 500,
            message: 'Unexpected error',
            errorData: undefined,
            procedureId: 'api/broken',
        });
        expect(JSON.stringify(results)).not.toContain('10.0.0.7');
    });

    it('runs the runOnError logger after every call, with the internal errors', () => {
        expect(lines).toHaveLength(12);
        // The streaming route's line: logged once its stream ended.
        expect(lines[6]).toEqual({path: '/api/pets/activity', status: 200, user: 'Ada', errors: []});
        expect(lines[7]).toEqual({path: '/api/users/me', status: 401, user: null, errors: ['invalid-token: unknown token wron...']});
        expect(lines[11]?.errors[0]).toContain('10.0.0.7:5432');
    });
});

describe('npm start', () => {
    it('starts the server, calls every route and (with --once) exits cleanly', async () => {
        const cwd = fileURLToPath(new URL('..', import.meta.url));
        const {stdout} = await promisify(execFile)(process.execPath, ['--import', '@hookline/compiler/register', 'src/main.ts', '--once'], {
            cwd,
            timeout: 60_000,
        });
        expect(stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
        expect(stdout).toContain(
            'ok api/pets/add -> {"id":2,"ownerId":1,"name":"Lovelace","species":"dog","birthDate":"2023-06-01T00:00:00.000Z"}',
        );
        expect(stdout).toContain(
            'ok api/pets/activity -> {"received":["walk at 08:00","meal at 09:00","nap at 10:00"],"events":3,"until":"2025-05-01T11:00:00.000Z"}',
        );
        expect(stdout).toContain('401 api/users/me -> invalid-token: Invalid or missing token   [demo: a wrong token]');
        expect(stdout).toContain(
            '404 api/users/getUser -> user-not-found: User 99 not found   [demo: a user that does not exist: no user with id 99]',
        );
        expect(stdout).toContain('500 api/broken -> unexpected-error: Unexpected error   [demo: a route that throws');
        // Every failing call is labelled a demo, after one line that says what they are.
        const lines = stdout.split('\n');
        // Said before the calls run (their log lines come first), and again before their results.
        const intro = lines.findIndex((l) =>
            l.startsWith('Calling every route once with the typed client. The last calls are deliberate error demos'),
        );
        expect(intro).toBeGreaterThan(0);
        expect(lines.findIndex((l) => l.includes('[log] 500 /api/broken'))).toBeGreaterThan(intro);
        const header = lines.findIndex((l) => l.startsWith('Deliberate error demos:'));
        expect(header).toBeGreaterThan(0);
        expect(lines.filter((l) => /^\d{3} /.test(l)).every((l) => l.includes('[demo: '))).toBe(true);
        expect(lines.findIndex((l) => /^\d{3} /.test(l))).toBeGreaterThan(header);
    });

    it('on a taken port, says so in one line that names PORT, and exits 1', async () => {
        const cwd = fileURLToPath(new URL('..', import.meta.url));
        const blocker = createServer();
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
        const port = (blocker.address() as AddressInfo).port;
        try {
            const run = promisify(execFile)(process.execPath, ['--import', '@hookline/compiler/register', 'src/main.ts'], {
                cwd,
                timeout: 60_000,
                env: {...process.env, PORT: String(port)},
            });
            const failed = await run.then(
                () => undefined,
                (e: {code?: number; stdout: string; stderr: string}) => e,
            );
            expect(failed?.code).toBe(1);
            expect(failed?.stderr.trim()).toBe(
                `Port ${port} on 127.0.0.1 is taken (another server?): stop it, or pick another port with PORT, e.g. PORT=3001 npm start.`,
            );
        } finally {
            blocker.close();
        }
    });
});
