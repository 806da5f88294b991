// Runs docs/fetch.md: its Worker example through its own fetch (Node's Request/Response), the
// output blocks, and the Bun and Deno entries it shows, which are the ones the real-runtime tests
// serve (packages/fetch/src/runtimes.test.ts).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import worker from './examples/fetch-worker.js';
import progress from './examples/fetch-progress.js';
import {bunServer, denoServer, workerdConfig} from '../packages/fetch/src/test-support/runtimes.js';
import {checkPageBlocks, setUpDocsTests} from './test-support/page-checks.js';

setUpDocsTests();

const greet = (headers: Record<string, string> = {}): Request =>
    new Request('https://api.example.com/greet', {
        method: 'POST',
        headers: {'content-type': 'application/json', ...headers},
        body: JSON.stringify({greet: ['Ada', '2024-01-31T10:00:00Z']}),
    });

const show = async (res: Response): Promise<string> =>
    `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await res.text()}`;

checkPageBlocks('fetch.md', {
    'fetch-call': async () => `${await show(await worker.fetch(greet({'x-request-id': 'req-1'}), {}))}`,
    'fetch-progress': async () => (await progress.fetch(new Request('http://localhost:8787/longTask', {method: 'POST'}))).text(),
    'fetch-repeated-header': async () => {
        const headers = new Headers();
        headers.append('x-request-id', 'a');
        headers.append('x-request-id', 'b');
        return `${headers.get('x-request-id')}`;
    },
});

describe('fetch.md', () => {
    const page = readFileSync(new URL('./fetch.md', import.meta.url), 'utf8');

    it('shows the Bun and Deno entries and the workerd config the real-runtime tests use', () => {
        expect(page).toContain(bunServer);
        expect(page).toContain(denoServer);
        expect(page).toContain(workerdConfig(8787));
    });

    it("streams the progress example: the Response comes at the hook's first write, text/plain, status 200", async () => {
        const res = await progress.fetch(new Request('http://localhost:8787/longTask', {method: 'POST'}));
        expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
        const first = await (res.body as ReadableStream<Uint8Array>).getReader().read();
        expect(new TextDecoder().decode(first.value)).toBe('25%\n');
    });

    it("hands a Worker's ctx.waitUntil one promise per call (router.flushLogs()), settled once the log queue has drained", async () => {
        const waited: Promise<unknown>[] = [];
        await worker.fetch(greet(), {}, {waitUntil: (p: Promise<unknown>) => void waited.push(p)});
        expect(waited).toHaveLength(1);
        await expect(waited[0]).resolves.toBeUndefined();
    });

    it('answers a CORS preflight from the allowed origin', async () => {
        const res = await worker.fetch(
            new Request('https://api.example.com/greet', {
                method: 'OPTIONS',
                headers: {origin: 'https://app.example.com', 'access-control-request-method': 'POST'},
            }),
        );
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    });
});
