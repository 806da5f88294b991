// The client against a real server on 127.0.0.1 (the test router of test-support/test-api.ts):
// hooks batched with the route in one request, stored and per-call hook values, Dates in every
// position, and every kind of failure: timeout, abort, network, invalid response, missing metadata.
import {createServer, Server} from 'node:http';
import {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createRouter} from '@hookline/router';
import {CallResult, Client, createClient, FetchLike, localStorageStore, StorageLike} from './index.js';
import {recordingFetch, SentRequest} from './test-support/fetch.js';
import {createTestApi, Event, TestApi} from './test-support/test-api.js';

const value = <T>(res: CallResult<T>): T => {
    if (!res.ok) throw new Error(`call failed: ${JSON.stringify(res.error)}`);
    return res.value;
};

const seen: string[] = [];
const {router} = createTestApi(seen);
let server: NodeServerHandle;
let baseURL: string;
beforeAll(async () => {
    server = await startNodeServer(router);
    baseURL = `${server.url}/v1`;
});
afterAll(() => server.close());

describe('hooks', () => {
    let client: Client<TestApi>;
    let sent: SentRequest[];
    beforeAll(() => {
        const recorder = recordingFetch();
        sent = recorder.sent;
        client = createClient<TestApi>({baseURL, fetch: recorder.fetch, metadata: router.getMetadata()});
    });

    it('sends the route and every hook on its path in one request: body hooks in the body, header hooks as headers', async () => {
        client.tenant.$set('acme');
        client.locale.$set('fr');
        client.reports.audit.$set('monthly report', 2);
        client.reports.version.$set(3);
        seen.length = 0;
        const report = value(await client.reports.monthly(4, new Date('2024-04-01T00:00:00.000Z')));
        expect(report).toEqual({tenant: 'acme', month: 4, from: new Date('2024-04-01T00:00:00.000Z')});
        // Embedded metadata: no metadata request, one request for the call.
        expect(sent).toHaveLength(1);
        expect(sent[0]).toEqual({
            url: `${baseURL}/reports/monthly`,
            method: 'POST',
            headers: {'x-locale': 'fr', 'x-version': '3', 'content-type': 'application/json'},
            body: {tenant: ['acme'], 'reports/audit': ['monthly report', 2], 'reports/monthly': [4, '2024-04-01T00:00:00.000Z']},
        });
        expect(seen).toEqual(['tenant acme', 'audit monthly report 2']);
    });

    it('reuses stored values on every call, sends only the hooks on the path, and lets one call override them', async () => {
        sent.length = 0;
        expect(value(await client.whoami())).toBe('acme/fr');
        expect(sent[0]?.body).toEqual({tenant: ['acme']});
        expect(sent[0]?.headers).toEqual({'x-locale': 'fr', 'content-type': 'application/json'});
        const other = await client.whoami.$with({hooks: {tenant: ['globex'], locale: ['de']}})();
        expect(value(other)).toBe('globex/de');
        expect(value(await client.whoami())).toBe('acme/fr');
        expect(client.tenant.$get()).toEqual(['acme']);
        expect(sent).toHaveLength(3);
    });

    it('leaves out trailing undefined params (JSON has no undefined), and a cleared hook', async () => {
        client.reports.audit.$set('no level');
        client.locale.$clear();
        sent.length = 0;
        const report = value(await client.reports.monthly(5, undefined));
        expect(report.from).toBeNull();
        expect(sent[0]?.body).toEqual({tenant: ['acme'], 'reports/audit': ['no level'], 'reports/monthly': [5]});
        expect(sent[0]?.headers['x-locale']).toBeUndefined();
        expect(value(await client.whoami())).toBe('acme/en');
    });

    it('a hook left unset gets the server error of its id', async () => {
        client.tenant.$clear();
        const res = await client.whoami();
        expect(!res.ok && res.error.kind === 'router' ? [res.error.name, res.error.procedureId] : []).toEqual(['invalid-params', 'tenant']);
        client.reports.version.$clear();
        client.tenant.$set('acme');
        const noHeader = await client.reports.latest();
        expect(!noHeader.ok && noHeader.error.kind === 'router' ? [noHeader.error.name, noHeader.error.errorData] : []).toEqual([
            'invalid-header',
            {header: 'x-version'},
        ]);
        client.reports.version.$set(1);
        expect(value(await client.reports.latest())).toBe(12);
    });

    it('keeps hook values in a pluggable store (a localStorage stand-in here), as JSON', async () => {
        const items = new Map<string, string>();
        const storage: StorageLike = {
            getItem: (k) => items.get(k) ?? null,
            setItem: (k, v) => void items.set(k, v),
            removeItem: (k) => void items.delete(k),
        };
        const first = createClient<TestApi>({baseURL, store: localStorageStore({storage, prefix: 'app:'})});
        first.tenant.$set('initech');
        expect([...items]).toEqual([['app:tenant', '["initech"]']]);
        // A second client on the same storage (a reload) finds it.
        const second = createClient<TestApi>({baseURL, store: localStorageStore({storage, prefix: 'app:'})});
        expect(second.tenant.$get()).toEqual(['initech']);
        expect(value(await second.whoami())).toBe('initech/en');
        second.tenant.$clear();
        expect(items.size).toBe(0);
        items.set('app:tenant', 'not json');
        expect(second.tenant.$get()).toBeUndefined();
    });
});

describe('Dates and other declared types', () => {
    let dated: Client<TestApi>;
    beforeAll(() => {
        dated = createClient<TestApi>({baseURL});
        dated.tenant.$set('acme');
        dated.reports.version.$set(1);
    });

    it('round-trips a Date param and result', async () => {
        const at = new Date('2024-02-29T23:59:59.123Z');
        const echoed = value(await dated.dates.echo(at));
        expect(echoed).toBeInstanceOf(Date);
        expect(echoed.toISOString()).toBe(at.toISOString());
    });

    it('revives Dates nested in objects, arrays, tuples, index signatures, optional props and `Date | null`', async () => {
        const event: Event = {
            title: 'launch',
            at: new Date('2024-06-01T10:00:00.000Z'),
            until: new Date('2024-06-01T12:00:00.000Z'),
            reminders: [new Date('2024-05-31T10:00:00.000Z')],
            moved: null,
            tags: {planned: new Date('2024-01-01T00:00:00.000Z')},
            slot: [new Date('2024-06-01T10:00:00.000Z'), 'room 1'],
        };
        const back = value(await dated.dates.event(event));
        expect(back).toEqual({...event, reminders: [...event.reminders, new Date('2024-06-01T09:00:00.000Z')]});
        const moved = value(await dated.dates.event({...event, until: undefined, moved: new Date('2024-07-01T00:00:00.000Z')}));
        expect(moved.moved).toEqual(new Date('2024-07-01T00:00:00.000Z'));
        expect('until' in moved).toBe(false);
    });

    it('revives recursive types and picks the union member by its keys', async () => {
        const folder = value(await dated.dates.folder());
        expect(folder.created).toEqual(new Date('2024-01-01T00:00:00.000Z'));
        expect(folder.children[0]?.created).toEqual(new Date('2024-02-01T00:00:00.000Z'));
        expect(value(await dated.dates.shapes())).toEqual([
            {kind: 'point', x: 1},
            {kind: 'stamp', x: 2, at: new Date('2024-03-01T12:00:00.000Z')},
        ]);
    });

    it('keeps a string when the type is `string | Date`: the wire cannot tell them apart', async () => {
        expect(value(await dated.dates.maybe(true))).toBe('2024-05-05T05:05:05.000Z');
        expect(value(await dated.dates.maybe(false))).toBe('none');
    });

    it('returns undefined for void routes, and a returned RpcError as an error', async () => {
        expect(await dated.nothing('note')).toEqual({ok: true, value: undefined});
        const conflict = await dated.returnsError();
        expect(conflict.error).toEqual({kind: 'rpc', name: 'RpcError', statusCode: 409, message: 'conflict', procedureId: 'returnsError'});
        const denied = await dated.denied();
        expect(denied.error).toEqual({
            kind: 'rpc',
            name: 'Forbidden',
            statusCode: 403,
            message: 'not yours',
            errorData: {owner: 'grace'},
            id: 'trace-1',
            procedureId: 'denied',
        });
    });
});

describe('failures that are not server errors', () => {
    let client: Client<TestApi>;
    beforeAll(async () => {
        client = createClient<TestApi>({baseURL});
        client.tenant.$set('acme');
        expect((await client.$metadata()).ok).toBe(true);
    });

    it('times out: a client timeout, and a per-call one', async () => {
        const slow = createClient<TestApi>({baseURL, timeoutMs: 50, metadata: router.getMetadata()});
        slow.tenant.$set('acme');
        expect(await slow.slow(2000)).toEqual({
            ok: false,
            error: {kind: 'timeout', name: 'timeout', message: 'no response within 50 ms', timeoutMs: 50},
        });
        expect((await client.slow.$with({timeoutMs: 30})(2000)).error).toMatchObject({kind: 'timeout', timeoutMs: 30});
        // timeoutMs 0: none, for this call.
        expect(value(await slow.slow.$with({timeoutMs: 0})(1))).toBe('slept 1');
    });

    it('is aborted by its signal, before or during the request', async () => {
        const before = new AbortController();
        before.abort('navigated away');
        const {fetch, sent} = recordingFetch();
        const counted = createClient<TestApi>({baseURL, fetch, metadata: router.getMetadata()});
        expect(await counted.whoami.$with({signal: before.signal})()).toEqual({
            ok: false,
            error: {kind: 'aborted', name: 'aborted', message: 'the call was aborted', reason: 'navigated away'},
        });
        expect(sent).toHaveLength(0);
        const during = new AbortController();
        const pending = client.slow.$with({signal: during.signal})(2000);
        setTimeout(() => during.abort(), 20);
        const res = await pending;
        expect(res.error?.kind).toBe('aborted');
        expect(!res.ok && res.error.kind === 'aborted' && res.error.reason).toBeInstanceOf(Error);
    });

    it('reports a server that is not there as a network error', async () => {
        const gone = await startNodeServer(createRouter());
        await gone.close();
        const offline = createClient<TestApi>({baseURL: gone.url});
        const res = await offline.whoami();
        expect(res.error?.kind).toBe('network');
        expect(res.error?.message).toContain('could not fetch the api metadata');
        const embedded = createClient<TestApi>({baseURL: gone.url, metadata: router.getMetadata()});
        const call = await embedded.whoami();
        expect(!call.ok && call.error.kind === 'network' && call.error.cause).toBeInstanceOf(Error);
    });

    it('reports a response outside the protocol (a proxy error page) as invalid-response', async () => {
        const page = '<html><body>502 Bad Gateway</body></html>';
        const proxy: FetchLike = async () => ({status: 502, text: async () => page});
        const behindProxy = createClient<TestApi>({baseURL, fetch: proxy, metadata: router.getMetadata()});
        expect(await behindProxy.whoami()).toEqual({
            ok: false,
            error: {
                kind: 'invalid-response',
                name: 'invalid-response',
                message: 'HTTP 502: the response is not JSON',
                status: 502,
                body: page,
            },
        });
        const jsonNoError: FetchLike = async () => ({status: 500, text: async () => '{"message": "oops"}'});
        const odd = createClient<TestApi>({baseURL, fetch: jsonNoError, metadata: router.getMetadata()});
        expect((await odd.whoami()).error).toMatchObject({
            kind: 'invalid-response',
            name: 'invalid-response',
            message: 'HTTP 500: no error in the response',
        });
        const array: FetchLike = async () => ({status: 200, text: async () => '[1]'});
        const arrayClient = createClient<TestApi>({baseURL, fetch: array, metadata: router.getMetadata()});
        expect((await arrayClient.whoami()).error).toMatchObject({kind: 'invalid-response', status: 200});
    });

    it('explains missing metadata (exposeMetadata: false) and tries again on the next call', async () => {
        const hidden = createRouter({exposeMetadata: false});
        const hiddenServer = await startNodeServer(hidden);
        try {
            const {fetch, sent} = recordingFetch();
            const c = createClient<TestApi>({baseURL: hiddenServer.url, fetch});
            const res = await c.whoami();
            expect(res.error).toMatchObject({kind: 'invalid-response', status: 404});
            expect(res.error?.message).toContain('check baseURL, or pass the metadata');
            expect((await c.$metadata()).ok).toBe(false);
            expect(sent.map((r) => r.url)).toEqual([`${hiddenServer.url}/@metadata`, `${hiddenServer.url}/@metadata`]);
        } finally {
            await hiddenServer.close();
        }
    });

    it('times out a metadata request that hangs, and shares one metadata request between concurrent calls', async () => {
        const sockets = new Set<import('node:net').Socket>();
        const silent: Server = createServer(() => undefined);
        silent.on('connection', (s) => sockets.add(s));
        await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
        try {
            const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
            const c = createClient<TestApi>({baseURL: url, timeoutMs: 50});
            expect((await c.whoami()).error).toMatchObject({kind: 'timeout', timeoutMs: 50});
        } finally {
            for (const s of sockets) s.destroy();
            await new Promise((resolve) => silent.close(resolve));
        }
        const {fetch, sent} = recordingFetch();
        const c = createClient<TestApi>({baseURL, fetch});
        c.tenant.$set('acme');
        const results = await Promise.all([c.whoami(), c.whoami(), c.whoami()]);
        expect(results.map((r) => r.value)).toEqual(['acme/en', 'acme/en', 'acme/en']);
        expect(sent.filter((r) => r.url.endsWith('/@metadata'))).toHaveLength(1);
    });

    it('sends a body over maxBodySize: the router answers 413 under @router', async () => {
        const res = await client.nothing('x'.repeat(70_000));
        expect(!res.ok && res.error.kind === 'router' ? [res.error.name, res.error.statusCode, res.error.procedureId] : []).toEqual([
            'body-too-large',
            413,
            '@router',
        ]);
    });

    it('sends custom headers: fixed, computed per call, and per call', async () => {
        const {fetch, sent} = recordingFetch();
        let n = 0;
        const c = createClient<TestApi>({baseURL, fetch, metadata: router.getMetadata(), headers: () => ({'x-call': String(++n)})});
        c.tenant.$set('acme');
        await c.whoami();
        await c.whoami.$with({headers: {'x-extra': 'yes'}})();
        expect(sent.map((r) => r.headers)).toEqual([
            {'x-call': '1', 'content-type': 'application/json'},
            {'x-call': '2', 'x-extra': 'yes', 'content-type': 'application/json'},
        ]);
        const fixed = createClient<TestApi>({baseURL: `${baseURL}/`, fetch, metadata: router.getMetadata(), headers: {'x-app': 'web'}});
        await fixed.nothing('n');
        expect(sent.at(-1)).toMatchObject({url: `${baseURL}/nothing`, headers: {'x-app': 'web'}});
    });
});
