import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

describe('cluster example', () => {
    it('serves one port from two worker processes and stops them all on SIGTERM', {timeout: 90_000}, async () => {
        const cwd = fileURLToPath(new URL('..', import.meta.url));
        const primary = spawn(process.execPath, ['--import', '@hookline/compiler/register', 'src/cluster.ts'], {
            cwd,
            env: {...process.env, WORKERS: '2', PORT: '0'},
        });
        let output = '';
        primary.stdout.on('data', (c: Buffer) => (output += c.toString()));
        primary.stderr.on('data', (c: Buffer) => (output += c.toString()));
        const exited = new Promise<number | null>((resolve) => primary.on('exit', resolve));
        try {
            const deadline = Date.now() + 60_000;
            while ((output.match(/listening on/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
            const urls = [...output.matchAll(/listening on (http:\/\/\S+)/g)].map((m) => m[1]);
            expect(urls).toHaveLength(2);
            expect(urls[0]).toBe(urls[1]);
            const pids = new Set<number>();
            for (let i = 0; i < 20; i++) {
                const res = await fetch(`${urls[0]}/health`, {headers: {connection: 'close'}});
                pids.add(((await res.json()) as {health: {pid: number}}).health.pid);
            }
            expect(pids.size).toBe(2);
            expect(pids.has(primary.pid as number)).toBe(false);
        } finally {
            primary.kill('SIGTERM');
        }
        expect(await exited).toBe(0);
        expect(output).toContain('all workers stopped');
    });

    it('stops with exit code 1, instead of restarting forever, when workers cannot listen', {timeout: 90_000}, async () => {
        const {createServer} = await import('node:net');
        const blocker = createServer();
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
        const port = (blocker.address() as {port: number}).port;
        const cwd = fileURLToPath(new URL('..', import.meta.url));
        const primary = spawn(process.execPath, ['--import', '@hookline/compiler/register', 'src/cluster.ts'], {
            cwd,
            env: {...process.env, WORKERS: '2', PORT: String(port)},
        });
        let output = '';
        primary.stdout.on('data', (c: Buffer) => (output += c.toString()));
        primary.stderr.on('data', (c: Buffer) => (output += c.toString()));
        const timer = setTimeout(() => primary.kill('SIGKILL'), 60_000);
        const code = await new Promise<number | null>((resolve) => primary.on('exit', resolve));
        clearTimeout(timer);
        blocker.close();
        expect(code).toBe(1);
        expect(output).toContain('before listening: stopping');
    });
});
