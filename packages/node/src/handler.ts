import {IncomingMessage, ServerResponse} from 'node:http';
import {Router, RouterResponse} from '@hookline/router';
import {hasBody, readBody} from './body.js';
import {CorsOptions, createCorsPolicy} from './cors.js';
import {drainRefusedBody} from './drain.js';
import {toRouterRequest} from './request.js';
import {writeResponse} from './response.js';
import {writeStream} from './stream.js';

/** A Node request listener: `(req, res) => void`. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions {
    /** Called with failures of the adapter itself (writing to a broken socket); default: ignore. Never called for handler errors: those are responses. */
    onError?: (error: unknown) => void;
    /** Cross-origin access for browsers (CORS); off when absent. See {@link CorsOptions}. */
    cors?: CorsOptions;
}

/**
 * Creates a Node request listener that runs a router, for `http.createServer`,
 * `https.createServer`, or any framework that hands over Node's req/res.
 *
 * @example
 * import {createServer} from 'node:http';
 * createServer(createNodeHandler(router)).listen(3000, '127.0.0.1');
 */
export function createNodeHandler(router: Router, options: NodeHandlerOptions = {}): NodeHandler {
    return buildNodeHandler(router, options, undefined);
}

/**
 * Told once per call, just before its response is written or its connection destroyed (the
 * server counts calls in flight with it, and marks the last ones of a closing server).
 */
export type CallSettled = (res: ServerResponse) => void;

/** {@link createNodeHandler}, reporting each call's end to `settled` (for {@link startNodeServer}'s bookkeeping). */
export function buildNodeHandler(router: Router, options: NodeHandlerOptions, settled: CallSettled | undefined): NodeHandler {
    const limit = router.options.maxBodySize;
    const onError = options.onError ?? (() => undefined);
    const cors = options.cors === undefined ? undefined : createCorsPolicy(router, options.cors);

    const destroy = (res: ServerResponse): void => {
        settled?.(res);
        res.destroy();
    };

    const addCors = (res: ServerResponse, response: RouterResponse): void => {
        if (cors !== undefined) response.headers = cors.withHeaders(res.req.headers.origin, response.headers);
    };

    const respond = (res: ServerResponse, response: RouterResponse): void => {
        if (response.stream !== undefined) {
            addCors(res, response);
            // A stream is in flight until its last event is written (or its client went away).
            const stream = response.stream;
            void writeStream(res, response).then(
                () => settled?.(res),
                (error: unknown) => {
                    onError(error);
                    stream.cancel();
                    destroy(res);
                },
            );
            return;
        }
        settled?.(res);
        try {
            addCors(res, response);
            writeResponse(res, response);
        } catch (error) {
            onError(error);
            res.destroy();
        }
    };

    const run = (req: IncomingMessage, res: ServerResponse, body: string | Uint8Array | undefined): void => {
        const out = router.dispatch(toRouterRequest(req, body), req, res);
        if (out instanceof Promise) {
            out.then(
                (response) => respond(res, response),
                (error: unknown) => {
                    onError(error);
                    destroy(res);
                },
            );
        } else respond(res, out);
    };

    return (req, res) => {
        // A preflight is answered here: it is a question about the route, not a call of it.
        if (cors?.isPreflight(req.method, req.headers) === true) {
            settled?.(res);
            res.writeHead(204, {...cors.preflightHeaders(req.headers.origin), 'content-length': '0'}).end();
            return;
        }
        if (!hasBody(req)) return run(req, res, undefined);
        readBody(req, limit, (result) => {
            if (result.ok) return run(req, res, result.body);
            if (result.reason === 'aborted') return destroy(res);
            respond(res, router.bodyTooLarge(req.headers));
            drainRefusedBody(req, res);
        });
    };
}
