// The client in a real browser: a page bundled with esbuild, served from one server on 127.0.0.1,
// calls the example API on another (another origin: CORS), in Debian's headless Chromium driven by
// playwright-core. On CI (CI=true) a missing /usr/bin/chromium fails the test; elsewhere it skips.
import {createServer, Server} from 'node:http';
import {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chromiumCheck, hasChromium, launchChromium, onCI} from '../../../test/shared/chromium.js';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi} from '../../../examples/node-server/src/api.js';
import {Store} from '../../../examples/node-server/src/store.js';

it('has Chromium at /usr/bin/chromium when CI=true (apt-get install chromium)', () => {
    chromiumCheck();
});

describe.skipIf(!hasChromium && !onCI)('the typed client in headless Chromium', () => {
    let pageServer: Server;
    let pageURL: string;
    let api: NodeServerHandle;
    let noCors: NodeServerHandle;
    let browser: Browser;
    let bundle: string;

    beforeAll(async () => {
        const out = await build({
            entryPoints: [fileURLToPath(new URL('./test-support/browser-page.ts', import.meta.url))],
            bundle: true,
            format: 'esm',
            platform: 'browser',
            target: 'es2022',
            write: false,
            logLevel: 'silent',
        });
        bundle = out.outputFiles[0]?.text ?? '';
        let html = '';
        pageServer = createServer((req, res) => {
            if (req.url === '/app.js') res.writeHead(200, {'content-type': 'text/javascript; charset=utf-8'}).end(bundle);
            else if (req.url === '/' || req.url?.startsWith('/?'))
                res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(html);
            else res.writeHead(404).end();
        });
        await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
        pageURL = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
        api = await startNodeServer(createExampleApi(new Store(), () => undefined).router, {cors: {origin: pageURL}});
        noCors = await startNodeServer(createExampleApi(new Store(), () => undefined).router);
        html = [
            '<!doctype html><meta charset="utf-8"><title>hookline client</title>',
            `<script>globalThis.apiURL = ${JSON.stringify(api.url)}; globalThis.noCorsURL = ${JSON.stringify(noCors.url)};</script>`,
            '<script type="module" src="/app.js"></script>',
        ].join('\n');
        browser = await launchChromium();
    });

    afterAll(async () => {
        await browser?.close();
        await api?.close();
        await noCors?.close();
        await new Promise((resolve) => pageServer?.close(resolve));
    });

    it('bundles the client without any server code', () => {
        expect(bundle).toContain('hooklineResults');
        for (const server of ['registerRoutes', 'createRouter', '@deepkit', 'node:', 'startNodeServer'])
            expect(bundle).not.toContain(server);
    });

    it('calls every kind of route from another origin: Dates, hooks, typed errors, abort, a server without CORS', async () => {
        const page = await browser.newPage();
        const logs: string[] = [];
        page.on('console', (m) => logs.push(m.text()));
        try {
            await page.goto(pageURL);
            const results = async (): Promise<Record<string, unknown>> => {
                await page.waitForFunction(() => {
                    const g = globalThis as {hooklineResults?: unknown; hooklineError?: unknown};
                    return g.hooklineResults !== undefined || g.hooklineError !== undefined;
                });
                const error = await page.evaluate(() => (globalThis as {hooklineError?: string}).hooklineError);
                if (error !== undefined) throw new Error(`page failed: ${error}\n${logs.join('\n')}`);
                return page.evaluate(() => (globalThis as {hooklineResults?: Record<string, unknown>}).hooklineResults ?? {});
            };
            expect(await results()).toEqual({
                storedOnLoad: null,
                healthTimeIsDate: true,
                meName: 'Ada',
                meCreatedAt: '2024-01-15T09:30:00.000Z',
                graceCreatedYear: 2024,
                addedBirthDate: '2022-02-22T00:00:00.000Z',
                age: 1826,
                missing: {kind: 'rpc', name: 'user-not-found', statusCode: 404, procedureId: 'api/users/getUser'},
                wrongToken: {kind: 'rpc', name: 'invalid-token', statusCode: 401, procedureId: 'api/auth'},
                invalid: {kind: 'router', name: 'validation-failed', statusCode: 400, procedureId: 'api/users/getUser'},
                broken: {kind: 'router', name: 'unexpected-error', statusCode: 500, procedureId: 'api/broken'},
                aborted: {kind: 'aborted'},
                noCors: {kind: 'network'},
            });
            // localStorage kept the token: a reload finds it.
            await page.reload();
            expect((await results()).storedOnLoad).toEqual(['Bearer token-ada']);
        } finally {
            await page.close();
        }
    });
});
