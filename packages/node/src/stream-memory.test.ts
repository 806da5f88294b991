// Backpressure over a real socket, measured in a server process of its own: a streaming route
// produces 100 MB while its reader stalls for 5 s; the server's heap (process.memoryUsage() after a
// full GC, read from the server itself) must stay under a ceiling, and the generator must wait.
// The server is a child process started here and stopped by its PID.
import {ChildProcess, spawn} from 'node:child_process';
import {IncomingMessage, request} from 'node:http';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const ITEM = 64 * 1024;
const COUNT = 1600; // 1600 x 64 KiB = 100 MiB of items
const CEILING = 32 * 1024 * 1024; // heap growth allowed over the idle server's (without backpressure: over 100 MB)

let child: ChildProcess | undefined;
let port = 0;

beforeAll(async () => {
    const script = fileURLToPath(new URL('./test-support/stream-memory-server.ts', import.meta.url));
    child = spawn(process.execPath, ['--expose-gc', '--import', '@hookline/compiler/register', script], {
        cwd: fileURLToPath(new URL('../', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 30_000);
        child?.stdout?.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const found = /listening (\d+)/.exec(out);
            if (found !== null) {
                clearTimeout(timer);
                resolve(Number(found[1]));
            }
        });
        child?.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
}, 40_000);

afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid);
});

interface Memory {
    heapUsed: number;
    rss: number;
    produced: number;
}

async function memory(): Promise<Memory> {
    const res = await fetch(`http://127.0.0.1:${port}/memory`, {method: 'POST'});
    return ((await res.json()) as {memory: Memory}).memory;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a stalled reader of a 100 MB stream (server in its own process)', () => {
    it('keeps the server heap bounded while the reader stalls 5 s, and the whole stream arrives once it reads', async () => {
        const idle = await memory();
        const res = await new Promise<IncomingMessage>((resolve) => {
            const req = request(`http://127.0.0.1:${port}/big`, {method: 'POST', headers: {'content-type': 'application/json'}}, resolve);
            req.end(JSON.stringify({big: [COUNT]}));
        });
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        // The first bytes arrive, then the reader stalls.
        while (bytes === 0) await sleep(5);
        res.pause();
        const samples: Memory[] = [];
        const stallStart = Date.now();
        while (Date.now() - stallStart < 5_000) {
            await sleep(1_000);
            samples.push(await memory());
        }
        const peak = Math.max(...samples.map((s) => s.heapUsed));
        const producedWhileStalled = (samples.at(-1) as Memory).produced;
        // The generator waited: far fewer than all items were produced (socket buffers hold some).
        expect(producedWhileStalled * ITEM).toBeLessThan(40 * 1024 * 1024);
        expect((samples.at(-1) as Memory).produced).toBe((samples[1] as Memory).produced);
        expect(peak - idle.heapUsed).toBeLessThan(CEILING);

        // Reading again: everything arrives, the heap still bounded.
        res.resume();
        await new Promise<void>((resolve) => res.once('end', resolve));
        expect(bytes).toBeGreaterThan(COUNT * ITEM);
        const after = await memory();
        expect(after.produced).toBe(COUNT);
        expect(after.heapUsed - idle.heapUsed).toBeLessThan(CEILING);
        console.log(
            `100 MB stream, reader stalled 5 s: server heap idle ${(idle.heapUsed / 1e6).toFixed(1)} MB, peak while stalled ${(peak / 1e6).toFixed(1)} MB, ` +
                `items produced while stalled ${producedWhileStalled}/${COUNT}, bytes read ${(bytes / 1e6).toFixed(1)} MB`,
        );
    }, 60_000);
});
