// Small helpers the docs pages' tests share.
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {IncomingMessage, request as httpRequest, Server} from 'node:http';
import {Server as HttpsServer, request as httpsRequest, RequestOptions} from 'node:https';
import {AddressInfo, connect} from 'node:net';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {CallContext, createRouter, LogLine, Router, StartupError} from '@hookline/router';
import {docsDir} from './markdown.js';

/** The code of the StartupError `fn` throws, or undefined when it throws none. */
export const startupCode = (fn: () => unknown): string | undefined => {
    try {
        fn();
    } catch (error) {
        if (error instanceof StartupError) return error.code;
        throw error;
    }
    return undefined;
};

/** A route that does nothing. */
export const noop = (ctx: CallContext): void => undefined;
/** Resolves after `ms` milliseconds. */
export const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A version 4 UUID, as the default request ids are. */
export const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Resolves on the next turn of the event loop: when the log queue has handed its batch to the sink. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A router whose sink keeps each batch it gets. */
export function loggingRouter(options: Parameters<typeof createRouter>[0] = {}): {router: Router; batches: LogLine[][]} {
    const batches: LogLine[][] = [];
    const router = createRouter({...options, logSink: (lines: readonly LogLine[]): void => void batches.push([...lines])});
    return {router, batches};
}

/** What a stream's write() received while `fn` ran. */
export async function captureWrites(stream: NodeJS.WriteStream, fn: () => Promise<void>): Promise<string[]> {
    const written: string[] = [];
    const write = stream.write;
    stream.write = ((chunk: unknown): boolean => (written.push(String(chunk)), true)) as typeof stream.write;
    try {
        await fn();
    } finally {
        stream.write = write;
    }
    return written;
}

/** execFile, promised. */
export const run = promisify(execFile);
/** The source of a file of packages/node/src. */
export const nodeSrc = (file: string): string => readFileSync(join(docsDir, '../packages/node/src', file), 'utf8');

/** What a raw TCP client receives for `text`, and how long after sending it the server closed the connection. */
export async function rawExchange(port: number, text: string, keepSending?: string): Promise<{received: string; closedAfter: number}> {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    const started = Date.now();
    socket.write(text);
    const timer = keepSending === undefined ? undefined : setInterval(() => socket.writable && socket.write(keepSending), 100);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(timer);
    return {received, closedAfter: Date.now() - started};
}

/** One request with node:http (or https): status, headers and body text. */
export function nodeRequest(
    url: string,
    options: RequestOptions = {},
    write: (req: ReturnType<typeof httpRequest>) => void = (req) => req.end(),
): Promise<{status: number; headers: IncomingMessage['headers']; body: string}> {
    return new Promise((resolve, reject) => {
        const send = url.startsWith('https:') ? httpsRequest : httpRequest;
        const req = send(url, options, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({status: res.statusCode as number, headers: res.headers, body}));
        });
        req.on('error', reject);
        write(req);
    });
}

/** Listens on a free port of 127.0.0.1 and resolves with it. */
export const listenLocal = (server: Server | HttpsServer): Promise<number> =>
    new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
/** Closes a server and every connection it holds. */
export const closeServer = (server: Server | HttpsServer): Promise<void> =>
    new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
    });
