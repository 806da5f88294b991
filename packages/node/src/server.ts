import {createServer as createHttpServer, IncomingMessage, Server, ServerResponse} from 'node:http';
import {createServer as createHttpsServer, ServerOptions as HttpsServerOptions} from 'node:https';
import {AddressInfo} from 'node:net';
import {withoutUndefined} from '@hookline/core';
import {Router} from '@hookline/router';
import {CorsOptions} from './cors.js';
import {buildNodeHandler} from './handler.js';

/** Options of {@link startNodeServer}; every one has a default. */
export interface NodeServerOptions {
    /** Interface to listen on. Default `'127.0.0.1'`. */
    host?: string;
    /** Port; `0` picks a free one. Default `0`. */
    port?: number;
    /** TLS options (`key`, `cert`, ...): when given, the server is HTTPS. */
    https?: HttpsServerOptions;
    /** Longest time to receive a whole request, ms. Default 30 000. */
    requestTimeout?: number;
    /** Longest time to receive the request headers, ms (cuts off slow-header clients). Default 10 000. */
    headersTimeout?: number;
    /** How long an idle keep-alive connection stays open, ms. Default 5 000. */
    keepAliveTimeout?: number;
    /** Largest request head (request line and headers), bytes; larger gets 431. Default 16 384. */
    maxHeaderSize?: number;
    /** Requests per keep-alive connection; 0 is unlimited. Default 0. */
    maxRequestsPerSocket?: number;
    /** How long `close()` waits for in-flight calls before cutting connections, ms. Default 10 000. */
    shutdownTimeout?: number;
    /** Close gracefully on SIGTERM and SIGINT. Off unless asked: a library never installs signal handlers by itself. Default `false`. */
    handleSignals?: boolean;
    /** Failures of the adapter itself (not of handlers). */
    onError?: (error: unknown) => void;
    /** Cross-origin access for browsers (CORS): the origins allowed, and more. Off when absent. */
    cors?: CorsOptions;
}

/** The defaults of {@link NodeServerOptions}. */
export const defaultNodeServerOptions = Object.freeze({
    host: '127.0.0.1',
    port: 0,
    requestTimeout: 30_000,
    headersTimeout: 10_000,
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16_384,
    maxRequestsPerSocket: 0,
    shutdownTimeout: 10_000,
    handleSignals: false,
});

/** A running server. */
export interface NodeServerHandle {
    /** The Node server (http or https). */
    readonly server: Server;
    /** The bound address. */
    readonly host: string;
    /** The bound port. */
    readonly port: number;
    /** Base URL, e.g. `http://127.0.0.1:3000`. */
    readonly url: string;
    /** Calls being served right now. */
    inFlight(): number;
    /**
     * Graceful shutdown: stops accepting, lets in-flight calls finish (up to `shutdownTimeout`),
     * closes idle keep-alive connections, then cuts whatever is left. Resolves when closed.
     */
    close(): Promise<void>;
}

/**
 * Starts a Node http (or https) server for a router, with limits, timeouts and graceful shutdown.
 *
 * @example
 * const server = await startNodeServer(router, {port: 3000});
 * console.log(`listening on ${server.url}`);
 * await server.close();
 */
export async function startNodeServer(router: Router, options: NodeServerOptions = {}): Promise<NodeServerHandle> {
    const o = {...defaultNodeServerOptions, ...withoutUndefined(options)};
    let inFlight = 0;
    let closing = false;
    let drained: (() => void) | undefined;

    // Calls are counted from the request to the moment their response is written (or their
    // connection destroyed): no listener or bookkeeping per response beyond one counter.
    const settled = (res: ServerResponse): void => {
        inFlight--;
        if (!closing) return;
        // The server is closing: this connection goes once its response is out.
        res.shouldKeepAlive = false;
        if (inFlight === 0) drained?.();
    };
    const handler = buildNodeHandler(router, {onError: o.onError, cors: o.cors}, settled);
    const listener = (req: IncomingMessage, res: ServerResponse): void => {
        inFlight++;
        if (closing) res.shouldKeepAlive = false;
        handler(req, res);
    };
    const serverOptions = {
        maxHeaderSize: o.maxHeaderSize,
        requestTimeout: o.requestTimeout,
        headersTimeout: o.headersTimeout,
        keepAliveTimeout: o.keepAliveTimeout,
        // Node checks request and headers timeouts on this interval (30 s by default): check often
        // enough that the timeouts mean what they say.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(Math.min(o.requestTimeout, o.headersTimeout) / 4))),
    };
    const server: Server =
        o.https === undefined ? createHttpServer(serverOptions, listener) : createHttpsServer({...o.https, ...serverOptions}, listener);
    server.keepAliveTimeout = o.keepAliveTimeout;
    server.maxRequestsPerSocket = o.maxRequestsPerSocket;
    // Malformed requests, oversized heads and timeouts: answer as Node would (400/431/408), report to onError.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
        o.onError?.(error);
        if (error.code === 'ECONNRESET' || !socket.writable || socket.destroyed) return void socket.destroy();
        const status =
            error.code === 'HPE_HEADER_OVERFLOW'
                ? '431 Request Header Fields Too Large'
                : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
                  ? '408 Request Timeout'
                  : '400 Bad Request';
        socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(o.port, o.host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const address = server.address() as AddressInfo;
    const host = address.address;
    const urlHost = address.family === 'IPv6' ? `[${host}]` : host;

    let closed: Promise<void> | undefined;
    const close = (): Promise<void> => {
        closed ??= new Promise<void>((resolve) => {
            closing = true;
            removeSignals();
            // Calls in flight answer with `connection: close` (see `settled`): no client reuses a socket about to close.
            const stopped = new Promise<void>((r) => server.close(() => r()));
            server.closeIdleConnections();
            const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (drained = r));
            // Past the timeout, connections are cut; calls still running go on without a client.
            const timer = setTimeout(() => {
                server.closeAllConnections();
                drained?.();
            }, o.shutdownTimeout);
            // Connections whose response was still going out when close() was called become idle
            // later: close them then, without waiting for the keep-alive timeout.
            const sweep = setInterval(() => server.closeIdleConnections(), 25);
            void idle
                .then(() => {
                    server.closeIdleConnections();
                    return stopped;
                })
                .then(() => {
                    clearTimeout(timer);
                    clearInterval(sweep);
                    resolve();
                });
        });
        return closed;
    };

    const onSignal = (): void => void close();
    const removeSignals = (): void => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
    };
    if (o.handleSignals) {
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
    }

    return {
        server,
        host,
        port: address.port,
        url: `${o.https === undefined ? 'http' : 'https'}://${urlHost}:${address.port}`,
        inFlight: () => inFlight,
        close,
    };
}
