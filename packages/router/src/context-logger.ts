import {later, standardOutput, warn} from './platform.js';
/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levelRank: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};

/** The log levels, lowest first. */
export const logLevels = Object.keys(levelRank) as LogLevel[];

/** Whether a line at `level` is kept when the lowest kept level is `min`. */
export function isLogged(level: LogLevel, min: LogLevel): boolean {
    return levelRank[level] >= levelRank[min];
}

/** One log line of a call. */
export interface LogLine {
    /** Milliseconds since the epoch, when the line was logged. */
    time: number;
    level: LogLevel;
    msg: string;
    /** The call's request id. */
    requestId: string;
    /** The id of the route the call executes. */
    route: string;
    /** Extra fields given with the line. */
    data?: Record<string, unknown>;
}

/**
 * Receives a call's lines, once, after its response is sent. A sink that sends them somewhere
 * asynchronously (over the network) may return a promise: {@link Router.flushLogs} waits for it,
 * and a rejection is reported as a warning, like a sink that throws.
 */
export type LogSink = (lines: readonly LogLine[]) => void | Promise<unknown>;

/**
 * A sink writing one JSON object per line (the default, to stdout).
 *
 * @example
 * createRouter({logSink: jsonLinesSink(process.stderr)});
 */
export function jsonLinesSink(stream: {write(chunk: string): unknown} = standardOutput()): LogSink {
    return (lines) => {
        let text = '';
        for (const line of lines) text += `${JSON.stringify(line)}\n`;
        stream.write(text);
    };
}

/** The subset of a pino logger {@link pinoSink} uses. */
export interface PinoLike {
    debug(obj: object, msg: string): void;
    info(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
}

/**
 * A sink handing lines to a pino (or pino-compatible) logger: `logger[level]({requestId, route, ...data}, msg)`.
 *
 * @example
 * import pino from 'pino';
 * createRouter({logSink: pinoSink(pino())});
 */
export function pinoSink(logger: PinoLike): LogSink {
    return (lines) => {
        for (const line of lines)
            logger[line.level]({requestId: line.requestId, route: line.route, time: line.time, ...line.data}, line.msg);
    };
}

/**
 * `ctx.logger`: lines carry the call's request id and route id, are kept in memory during the
 * call and handed to the router's sink after the response is sent (like Ts.ED's ContextLogger).
 */
export class ContextLogger {
    /** Lines logged so far, in order. */
    readonly lines: LogLine[] = [];

    constructor(
        private readonly requestId: () => string,
        private readonly route: string,
        private readonly minLevel: LogLevel,
    ) {}

    /** Logs at `debug`. */
    debug(msg: string, data?: Record<string, unknown>): void {
        this.log('debug', msg, data);
    }

    /** Logs at `info`. */
    info(msg: string, data?: Record<string, unknown>): void {
        this.log('info', msg, data);
    }

    /** Logs at `warn`. */
    warn(msg: string, data?: Record<string, unknown>): void {
        this.log('warn', msg, data);
    }

    /** Logs at `error`. */
    error(msg: string, data?: Record<string, unknown>): void {
        this.log('error', msg, data);
    }

    /** Logs at `level`; lines below the router's `logLevel` are dropped. */
    log(level: LogLevel, msg: string, data?: Record<string, unknown>): void {
        if (!isLogged(level, this.minLevel)) return;
        const line: LogLine = {time: Date.now(), level, msg, requestId: this.requestId(), route: this.route};
        if (data !== undefined) line.data = data;
        this.lines.push(line);
    }
}

// What flush() returns when there is nothing to wait for: one promise, made once.
const nothingToWaitFor: Promise<void> = Promise.resolve();

function sinkFailed(count: number, error: unknown, how: 'threw' | 'rejected'): void {
    // A broken sink (or a line it can't write, e.g. a BigInt for JSON) must not take the server down.
    warn(`hookline: the log sink ${how}; ${count} line(s) dropped: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Hands calls' lines to a sink after their responses: lines pushed during one turn of the event
 * loop reach the sink together, in one batch, on the next turn (one timer, not one per call).
 * {@link LogQueue.flush} tells when they have been handed off.
 */
export class LogQueue {
    private pending: LogLine[] = [];
    private scheduled = false;
    /** Resolved by the next drain (only made when someone flushes before it). */
    private drained: {promise: Promise<void>; resolve: () => void} | undefined;
    /** Promises returned by an asynchronous sink, not settled yet. */
    private readonly sending = new Set<Promise<void>>();

    constructor(private readonly sink: LogSink) {}

    push(lines: readonly LogLine[]): void {
        for (const line of lines) this.pending.push(line);
        if (this.scheduled) return;
        this.scheduled = true;
        later(() => this.drain());
    }

    /**
     * Settles once every line pushed so far has been handed to the sink and every promise the
     * sink returned for them (and for earlier lines) has settled; it never rejects. With nothing
     * queued or being sent it returns the same resolved promise every time (no allocation).
     */
    flush(): Promise<void> {
        if (!this.scheduled && this.sending.size === 0) return nothingToWaitFor;
        if (!this.scheduled) return this.allSent();
        if (this.drained === undefined) {
            let resolve!: () => void;
            const promise = new Promise<void>((r) => (resolve = r));
            this.drained = {promise, resolve};
        }
        return this.drained.promise.then(() => this.allSent());
    }

    private allSent(): Promise<void> {
        return this.sending.size === 0 ? nothingToWaitFor : Promise.all(this.sending).then(() => undefined);
    }

    private drain(): void {
        const lines = this.pending;
        const drained = this.drained;
        this.pending = [];
        this.scheduled = false;
        this.drained = undefined;
        try {
            const sent = this.sink(lines);
            // A synchronous sink returns nothing: no promise is made for it.
            if (sent !== undefined && typeof (sent as Promise<unknown>).then === 'function') this.track(sent, lines.length);
        } catch (error) {
            sinkFailed(lines.length, error, 'threw');
        }
        drained?.resolve();
    }

    private track(sent: Promise<unknown>, count: number): void {
        const settled: Promise<void> = Promise.resolve(sent).then(
            () => void this.sending.delete(settled),
            (error: unknown) => {
                this.sending.delete(settled);
                sinkFailed(count, error, 'rejected');
            },
        );
        this.sending.add(settled);
    }
}
