// Child processes for toolchains.test.ts: commands that must succeed (their output goes into the
// error when they don't) and the toolchain server, started on port 0 and stopped by its PID.
import {ChildProcess, execFile, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {request as httpRequest} from 'node:http';
import {REPORT_PREFIX, ServerReport} from './toolchain-server.js';

/** Runs a command; resolves with its stdout and how long it took, rejects with its stderr. */
export function run(
    file: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv = process.env,
): Promise<{stdout: string; ms: number}> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
        execFile(file, args, {cwd, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
            if (error) reject(new Error(`${[file, ...args].join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
            else resolve({stdout, ms: performance.now() - started});
        });
    });
}

/**
 * A tool the tests need (TypeScript 7, tsx, esbuild...). They are dev dependencies, so a missing
 * one is a broken install: always a failure, never a skip (in CI or not).
 */
export function requireFile(path: string, what: string): string {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}): run npm install at the repository root.`);
    return path;
}

/** A running toolchain server. */
export interface RunningServer {
    pid: number;
    ready: Extract<ServerReport, {event: 'ready'}>;
    /** Access-log lines of the example API, as reported so far. */
    logs: Extract<ServerReport, {event: 'log'}>['line'][];
    /** SIGTERM to the PID; resolves with the report the server writes as it exits. */
    stop(): Promise<Extract<ServerReport, {event: 'closed'}>>;
}

/** Starts `node <nodeArgs>` and waits for the server's ready report (rejects with its output if it exits first). */
export function startServer(nodeArgs: string[], cwd: string): Promise<RunningServer> {
    const child: ChildProcess = spawn(process.execPath, nodeArgs, {cwd, stdio: ['ignore', 'pipe', 'pipe']});
    const logs: RunningServer['logs'] = [];
    let output = '';
    let buffered = '';
    let onClosed: ((r: Extract<ServerReport, {event: 'closed'}>) => void) | undefined;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`node ${nodeArgs.join(' ')} did not report ready in 30 s:\n${output}`));
        }, 30_000);
        child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            buffered += chunk.toString();
            const lines = buffered.split('\n');
            buffered = lines.pop() ?? '';
            for (const line of lines) {
                if (!line.startsWith(REPORT_PREFIX)) continue;
                const report = JSON.parse(line.slice(REPORT_PREFIX.length)) as ServerReport;
                if (report.event === 'log') logs.push(report.line);
                else if (report.event === 'closed') onClosed?.(report);
                else {
                    clearTimeout(timer);
                    resolve({
                        pid: child.pid as number,
                        ready: report,
                        logs,
                        stop: () =>
                            new Promise((resolveStop, rejectStop) => {
                                onClosed = resolveStop;
                                child.once('close', (code) =>
                                    rejectStop(new Error(`server exited (${code}) without its closed report:\n${output}`)),
                                );
                                process.kill(child.pid as number, 'SIGTERM');
                            }),
                    });
                }
            }
        });
        // 'close', not 'exit': stdout is read to its end first.
        child.once('close', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`node ${nodeArgs.join(' ')} exited (${code ?? signal}) before it was ready:\n${output}`));
        });
    });
}

/**
 * One request with node:http, which writes a header line per value (fetch would join a repeated
 * header into one line, and the case table has a case that repeats one).
 */
export function httpCall(
    url: string,
    c: {method: string; headers?: Record<string, string | string[]>; body?: string},
): Promise<{status: number; headers: Record<string, string>; body: string}> {
    return new Promise((resolve, reject) => {
        const req = httpRequest(url, {method: c.method, headers: c.headers}, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => {
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = [v].flat().join(', ');
                resolve({status: res.statusCode as number, headers, body});
            });
        });
        req.on('error', reject);
        req.end(c.body);
    });
}
