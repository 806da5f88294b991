import {CallFailedError, createClient} from '@hookline/client';
import {CallContext, createRouter, headersHook, hook, Routes, RpcError} from '@hookline/router';

interface LogLine {
    n: number;
    text: string;
    at: Date;
}

interface TailEnd {
    lines: number;
}

// A declared error, sent as an error event when the stream fails with it (or as JSON before it starts).
export class LogRotated extends RpcError<'log-rotated', {afterLine: number}, 409> {
    constructor(afterLine: number) {
        super({name: 'log-rotated', statusCode: 409, publicMessage: 'the log was rotated', errorData: {afterLine}});
    }
}

export const serverLog: string[] = [];
const lineAt = (n: number): LogLine => ({n, text: `GET /health ${200 + n}`, at: new Date(Date.UTC(2024, 0, 1, 12, 0, n))});

const routes = {
    logs: {
        // Hooks before the route run before the stream starts: a bad token is a plain 401.
        auth: headersHook('authorization', (ctx: CallContext, token: string): void => {
            if (token !== 'Bearer ops') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
        }),
        // An async generator streams: each item is checked and written as a LogLine, the value it
        // returns is the stream's final value; a declared error beside it can end the stream.
        tail: async function* (ctx: CallContext, count: number, rotateAfter?: number): AsyncGenerator<LogLine, TailEnd | LogRotated> {
            try {
                for (let n = 1; n <= count; n++) {
                    yield lineAt(n);
                    if (n === rotateAfter) return new LogRotated(n);
                }
                return {lines: count};
            } finally {
                // Runs however the stream ends: done, failed, or the client went away.
                serverLog.push('tail closed');
            }
        },
        // Hooks after the route run once the stream has ended (runOnError ones after a failure too).
        audit: hook(
            (ctx: CallContext): void => {
                serverLog.push(`${ctx.path} ended ${ctx.request.internalErrors.map((e) => e.name).join(',') || 'ok'}`);
            },
            {runOnError: true},
        ),
    },
    feed: {
        // No hook on its path takes body params or headers: GET works, so a browser's EventSource can read it.
        levels: async function* (ctx: CallContext): AsyncGenerator<'info' | 'warn' | 'error'> {
            yield 'info';
            yield 'warn';
        },
    },
} satisfies Routes;

export const router = createRouter();
export const apiSpec = router.registerRoutes(routes);

/** What a front end prints while tailing the log: each line as it comes, then how the tail ended. */
export async function tailLog(baseURL: string, count: number, rotateAfter?: number): Promise<string[]> {
    const client = createClient<typeof apiSpec>({baseURL, headers: {authorization: 'Bearer ops'}});
    const printed: string[] = [];
    const tail = client.logs.tail(count, rotateAfter);
    try {
        for await (const line of tail) printed.push(`${line.at.toISOString().slice(11, 19)} ${line.text}`);
    } catch (error) {
        // The loop throws when the call fails, before or during the stream; `result` has it typed.
        if (!(error instanceof CallFailedError)) throw error;
    }
    const end = await tail.result;
    if (end.ok) printed.push(`end: ${end.value.lines} lines`);
    else if (end.error.name === 'log-rotated') printed.push(`rotated after line ${end.error.errorData.afterLine}`);
    else printed.push(`failed: ${end.error.name}`);
    return printed;
}

/** Reads the first `n` lines and stops: `break` closes the connection, and the server's generator. */
export async function firstLines(baseURL: string, n: number): Promise<number[]> {
    const client = createClient<typeof apiSpec>({baseURL, headers: {authorization: 'Bearer ops'}});
    const seen: number[] = [];
    for await (const line of client.logs.tail(1_000)) {
        seen.push(line.n);
        if (seen.length === n) break;
    }
    return seen;
}
