// A benchmark server in its own process, as the HTTP drivers start it: built JavaScript (never under
// a TypeScript loader), pinned to CPU 0 with taskset, on a free port it prints as `listening <port>`.
import {ChildProcess, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {reflectingServers} from './servers/index.js';

/** A started server process. */
export interface Running {
    name: string;
    child: ChildProcess;
    port: number;
}

/** The built server file: dist/reflect for the servers that reflect types, dist/plain for the others. */
export function serverFile(name: string): string {
    const file = fileURLToPath(new URL(`../${reflectingServers.has(name) ? 'reflect' : 'plain'}/servers/${name}.js`, import.meta.url));
    if (!import.meta.url.endsWith('.js') || !existsSync(file))
        throw new Error(`${file} is not built: run the benchmark from its build (npm run bench, or npm run build -w benchmarks).`);
    return file;
}

/** Starts the server `name` on CPU 0 and resolves once it listens (30 s at most). */
export async function startServer(name: string): Promise<Running> {
    const child = spawn('taskset', ['-c', '0', process.execPath, serverFile(name), '0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 30_000);
        child.stdout?.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /listening (\d+)/.exec(out);
            if (m !== null) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    });
    return {name, child, port};
}
