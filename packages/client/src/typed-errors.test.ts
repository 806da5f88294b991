// Typed errors over a real socket: the typed client against `@hookline/node` on 127.0.0.1, with
// the metadata fetched from the server (as a client without a generated file does) and embedded
// by a generated client file.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {generateClientSource} from './generate.js';
import {createClient} from './index.js';
import {createTypedErrorsApi, TypedErrorsApi} from './test-support/typed-errors-api.js';

const {router} = createTypedErrorsApi();
let server: NodeServerHandle;
beforeAll(async () => {
    server = await startNodeServer(router);
});
afterAll(() => server.close());

describe('typed errors over HTTP', () => {
    const client = () => createClient<TypedErrorsApi>({baseURL: server.url, headers: {'x-session': 'ok'}});

    it("a route's declared error arrives typed, its errorData revived (Dates)", async () => {
        const r = await client().accounts.get(2);
        expect(r.ok).toBe(false);
        if (r.ok || r.error.name !== 'account-not-found') throw new Error(`unexpected ${JSON.stringify(r)}`);
        expect(r.error).toEqual({
            kind: 'rpc',
            name: 'account-not-found',
            statusCode: 404,
            message: 'no account 2',
            errorData: {id: 2, closedAt: new Date('2024-01-31T00:00:00.000Z')},
            procedureId: 'accounts/get',
        });
        expect(r.error.errorData.closedAt).toBeInstanceOf(Date);
        expect(await client().accounts.get(1)).toEqual({ok: true, value: {id: 1, owner: 'Ada'}});
    });

    it("a hook's declared error arrives typed on every route of its path, under the hook's id", async () => {
        const expired = createClient<TypedErrorsApi>({baseURL: server.url, headers: {'x-session': 'expired'}});
        for (const r of [await expired.accounts.get(1), await expired.accounts.list(false), await expired.accounts.transfers.send(1)]) {
            if (r.ok || r.error.name !== 'session-expired') throw new Error(`unexpected ${JSON.stringify(r)}`);
            expect(r.error.procedureId).toBe('accounts/session');
            expect(r.error.errorData.expiredAt).toEqual(new Date('2024-02-01T00:00:00.000Z'));
        }
    });

    it('a declared error without a fixed status keeps the one it was sent with', async () => {
        const r = await client().accounts.transfers.send(130);
        if (r.ok || r.error.name !== 'overdrawn') throw new Error(`unexpected ${JSON.stringify(r)}`);
        expect([r.error.statusCode, r.error.errorData]).toEqual([422, {missing: 30}]);
    });

    it('an undeclared error on a typed route arrives as the generic RpcError, without errorData', async () => {
        const r = await client().accounts.list(true);
        expect(r).toEqual({
            ok: false,
            error: {
                kind: 'rpc',
                name: 'RpcError',
                statusCode: 429,
                message: 'slow down',
                errorData: undefined,
                procedureId: 'accounts/list',
            },
        });
    });

    it("an untyped route's errors arrive as they were sent", async () => {
        const r = await client().open.ping(true);
        expect(r.ok === false && r.error).toMatchObject({kind: 'rpc', name: 'custom', statusCode: 409, errorData: {why: 'asked'}});
    });

    it("the router's own errors and the client's own have a name to narrow on", async () => {
        const invalid = await client().accounts.get('x' as unknown as number);
        expect(invalid.ok === false && invalid.error.name).toBe('validation-failed');
        const down = await createClient<TypedErrorsApi>({baseURL: 'http://127.0.0.1:9', metadata: router.getMetadata()}).accounts.get(1);
        expect(down.ok === false && [down.error.kind, down.error.name]).toEqual(['network', 'network']);
        const aborted = await client().accounts.get.$with({signal: AbortSignal.abort()})(1);
        expect(aborted.ok === false && [aborted.error.kind, aborted.error.name]).toEqual(['aborted', 'aborted']);
    });

    it('a generated client file declares each typed route with its errors (ErrorType) and embeds them in its metadata', () => {
        const source = generateClientSource(router.getMetadata());
        expect(source).toContain(
            `get: RouteType<[id: number], Account, ErrorType<"session-expired", {expiredAt: Date}, 401> | ErrorType<"account-not-found", {id: number; closedAt: Date}, 404>>;`,
        );
        expect(source).toContain(
            `send: RouteType<[amount: number], {sent: number}, ErrorType<"session-expired", {expiredAt: Date}, 401> | ErrorType<"overdrawn", {missing: number}, number>>;`,
        );
        expect(source).toContain('ping: RouteType<[fail: boolean], string>;');
        expect(source).toContain('type ErrorType, ');
    });
});
