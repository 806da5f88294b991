// The real runtimes the Fetch adapter is tested on: the case Worker bundled once with esbuild and
// the compiled module, then served by workerd (a config written here), Bun (Bun.serve) or Deno
// (Deno.serve) as a child process on 127.0.0.1, and stopped by its PID.
import {ChildProcess, spawn} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {hooklineCompiledEsbuild} from '@hookline/compiler/esbuild';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** The path of an npm-installed binary of this repository (node_modules/.bin). */
export const bin = (name: string): string => `${root}node_modules/.bin/${name}`;

/** A runtime the tests can start. */
export type RuntimeName = 'workerd' | 'bun' | 'deno';

/** A runtime serving the case Worker. */
export interface RunningRuntime {
    url: string;
    output: () => string;
    stop: () => Promise<void>;
}

/** Why a runtime can't run here, or `undefined` when its binary is installed. */
export function missingRuntime(name: RuntimeName): string | undefined {
    return existsSync(bin(name)) ? undefined : `${name} is not installed (node_modules/.bin/${name}); run npm install`;
}

/** Bundles the case Worker into `dir/worker.js`: ESM, browser platform, the `worker` export condition. */
export async function bundleCaseWorker(dir: string): Promise<string> {
    mkdirSync(dir, {recursive: true});
    const outfile = `${dir}/worker.js`;
    await build({
        entryPoints: [fileURLToPath(new URL('./case-worker.ts', import.meta.url))],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        conditions: ['worker'],
        outfile,
        logLevel: 'error',
        plugins: [hooklineCompiledEsbuild({entry: 'packages/fetch/src/test-support/worker-routes.ts', export: 'workerRoutes', cwd: root})],
    });
    return outfile;
}

/** A port of 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
        });
    });
}

/** The workerd config serving `worker.js` on 127.0.0.1:`port` (docs/fetch.md shows it). */
export const workerdConfig = (port: number): string => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
);
`;

/** Bun's entry: the same bundle, its default export's fetch (docs/fetch.md shows it). */
export const bunServer = `import worker from './worker.js';
const server = Bun.serve({hostname: '127.0.0.1', port: Number(process.argv[2]), fetch: worker.fetch});
console.log('listening ' + server.port);
`;
/** Deno's entry, as Bun's. */
export const denoServer = `import worker from './worker.js';
Deno.serve({hostname: '127.0.0.1', port: Number(Deno.args[0]), onListen: ({port}) => console.log('listening ' + port)}, worker.fetch);
`;

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output()}`);
        try {
            await fetch(`${url}/@metadata`);
            return;
        } catch {
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    throw new Error(`not serving after 15 s:\n${output()}`);
}

/** Starts `name` serving `dir/worker.js` (from {@link bundleCaseWorker}) on a free port of 127.0.0.1. */
export async function startRuntime(name: RuntimeName, dir: string): Promise<RunningRuntime> {
    const port = await freePort();
    let args: string[];
    if (name === 'workerd') {
        writeFileSync(`${dir}/config.capnp`, workerdConfig(port));
        args = ['serve', 'config.capnp'];
    } else if (name === 'bun') {
        writeFileSync(`${dir}/bun-server.js`, bunServer);
        args = ['bun-server.js', String(port)];
    } else {
        writeFileSync(`${dir}/deno-server.js`, denoServer);
        args = ['run', '--allow-net=127.0.0.1', '--no-prompt', 'deno-server.js', String(port)];
    }
    return startChild(bin(name), args, dir, port);
}

/**
 * Starts `command` (a server on 127.0.0.1:`port`) as a child process in `cwd`, waits until
 * `/@metadata` answers, and returns its URL, its output so far and `stop` (SIGTERM to its PID).
 */
export async function startChild(
    command: string,
    args: string[],
    cwd: string,
    port: number,
    env: NodeJS.ProcessEnv = {},
): Promise<RunningRuntime> {
    const child = spawn(command, args, {cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1', ...env}});
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => void (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => void (text += chunk.toString()));
    const output = (): string => text;
    const url = `http://127.0.0.1:${port}`;
    const stop = (): Promise<void> =>
        new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
            child.once('exit', () => resolve());
            process.kill(child.pid, 'SIGTERM');
        });
    try {
        await waitUntilServing(url, child, output);
    } catch (error) {
        await stop();
        throw error;
    }
    return {url, output, stop};
}
