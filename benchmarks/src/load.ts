// Load generation with wrk (Debian's package): Lua scripts per scenario, output parsing.
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {ScenarioName, scenarioRequest} from './scenarios.js';

const run = promisify(execFile);

/** What one wrk run measured. */
export interface LoadResult {
    requestsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    requests: number;
    /** Socket errors plus non-2xx responses: a run with any is invalid. */
    errors: number;
}

/** A wrk Lua script sending the scenario's request, with an id that changes every request. */
function luaScript(scenario: ScenarioName): string {
    const sample = scenarioRequest(scenario, 123456789);
    if (sample.body === undefined) return `wrk.method = "${sample.method}"\nwrk.path = "${sample.path}"\n`;
    const [before, after] = sample.body.split('123456789') as [string, string];
    const quote = (s: string): string => JSON.stringify(s);
    return [
        `wrk.method = "POST"`,
        `wrk.headers["Content-Type"] = "application/json"`,
        `local counter = 0`,
        `request = function()`,
        `  counter = counter + 1`,
        `  return wrk.format(nil, "${sample.path}", nil, ${quote(before)} .. counter .. ${quote(after)})`,
        `end`,
        '',
    ].join('\n');
}

const scriptDir = mkdtempSync(join(tmpdir(), 'hookline-wrk-'));

function toMs(value: string, unit: string): number {
    const n = Number(value);
    return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** Parses wrk's `--latency` output. */
export function parseWrk(out: string): LoadResult {
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
    const total = /(\d+) requests in/.exec(out);
    const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(out);
    const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
    if (rps === null || total === null || p50 === null || p99 === null) throw new Error(`unexpected wrk output:\n${out}`);
    const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const socketErrors = socket === null ? 0 : socket.slice(1).reduce((a, b) => a + Number(b), 0);
    return {
        requestsPerSecond: Number(rps[1]),
        requests: Number(total[1]),
        p50Ms: toMs(p50[1] as string, p50[2] as string),
        p99Ms: toMs(p99[1] as string, p99[2] as string),
        errors: socketErrors + (non2xx === null ? 0 : Number(non2xx[1])),
    };
}

/** Runs wrk against a server on 127.0.0.1, pinned to `cpu` with taskset. */
export async function loadTest(
    port: number,
    scenario: ScenarioName,
    options: {seconds: number; connections: number; cpu: string},
): Promise<LoadResult> {
    const script = join(scriptDir, `${scenario}.lua`);
    writeFileSync(script, luaScript(scenario));
    const path = scenarioRequest(scenario, 1).path;
    const args = [
        '-c',
        options.cpu,
        'wrk',
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--latency',
        '-s',
        script,
        `http://127.0.0.1:${port}${path}`,
    ];
    const {stdout} = await run('taskset', args, {timeout: (options.seconds + 30) * 1000});
    return parseWrk(stdout);
}
