import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi, LogLine} from './api.js';
import {callExampleApi, CallResult} from './call-api.js';
import {Store} from './store.js';

describe('example API over HTTP', () => {
    const lines: LogLine[] = [];
    let server: NodeServerHandle;
    let results: CallResult[];
    beforeAll(async () => {
        server = await startNodeServer(createExampleApi(new Store(), (l) => lines.push(l)).router);
        results = await callExampleApi(server.url);
    });
    afterAll(() => server.close());

    it('answers every call as documented', () => {
        expect(results.map((r) => `${r.status} ${r.call}`)).toEqual([
            '200 health',
            '200 api/users/me',
            '200 api/users/getUser',
            '200 api/pets/list',
            '200 api/pets/add',
            '200 api/pets/ageInDays',
            '401 api/users/me',
            '400 api/users/getUser',
            '404 api/users/getUser',
            '500 api/broken',
        ]);
        expect(results[1]?.body).toEqual({
            'api/users/me': {id: 1, name: 'Ada', email: 'ada@example.test', createdAt: '2024-01-15T09:30:00.000Z'},
        });
        expect(results[4]?.body).toEqual({
            'api/pets/add': {id: 2, ownerId: 1, name: 'Lovelace', species: 'dog', birthDate: '2023-06-01T00:00:00.000Z'},
        });
        expect(results[5]?.body).toEqual({'api/pets/ageInDays': 1826});
        expect(results[6]?.body).toEqual({'api/auth': {name: 'RpcError', statusCode: 401, message: 'Invalid or missing token'}});
        expect(results[9]?.body).toEqual({'api/broken': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}});
        expect(JSON.stringify(results)).not.toContain('10.0.0.7');
    });

    it('runs the runOnError logger after every call, with the internal errors', () => {
        expect(lines).toHaveLength(10);
        expect(lines[6]).toEqual({path: '/api/users/me', status: 401, user: null, errors: ['RpcError: unknown token wron...']});
        expect(lines[9]?.errors[0]).toContain('10.0.0.7:5432');
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
        expect(stdout).toContain('200 api/pets/add -> {"api/pets/add":{"id":2');
        expect(stdout).toContain('500 api/broken');
    });
});
