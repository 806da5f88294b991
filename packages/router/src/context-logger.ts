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

/** Receives a call's lines, once, after its response is sent. */
export type LogSink = (lines: readonly LogLine[]) => void;

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

/**
 * Hands calls' lines to a sink after their responses: lines pushed during one turn of the event
 * loop reach the sink together, in one batch, on the next turn (one timer, not one per call).
 */
export class LogQueue {
    private pending: LogLine[] = [];
    private scheduled = false;

    constructor(private readonly sink: LogSink) {}

    push(lines: readonly LogLine[]): void {
        for (const line of lines) this.pending.push(line);
        if (this.scheduled) return;
        this.scheduled = true;
        later(() => this.drain());
    }

    private drain(): void {
        const lines = this.pending;
        this.pending = [];
        this.scheduled = false;
        try {
            this.sink(lines);
        } catch (error) {
            // A broken sink (or a line it can't write, e.g. a BigInt for JSON) must not take the server down.
            warn(
                `hookline: the log sink threw; ${lines.length} line(s) dropped: ${error instanceof Error ? error.message : String(error)}`,
            );
        }
    }
}
