import {collectStream, Router, RouterResponse} from '@hookline/router';
import {decodeRequestBody} from './body.js';
import {KindedEvent, kindedEvent, notAnHttpEvent} from './event-kind.js';
import {LambdaContext, LambdaHttpEvent, LambdaHttpResult} from './events.js';
import {normalizeBasePath, PathOptions, toRouterRequest} from './request.js';
import {toLambdaResult} from './response.js';

/** Options of {@link createLambdaHandler}. */
export type LambdaHandlerOptions = PathOptions;

/** A Lambda handler for HTTP events: `(event, context) => Promise<result>`. */
export type LambdaHandler = (event: LambdaHttpEvent, context: LambdaContext) => Promise<LambdaHttpResult>;

/** Path options resolved once, when a handler is created. */
export function resolvePathOptions(options: PathOptions): Required<PathOptions> {
    return {stripStage: options.stripStage !== false, basePath: normalizeBasePath(options.basePath)};
}

/** The event with its kind; throws for an event that is not an HTTP event. */
export function httpEventOf(event: unknown): KindedEvent {
    const k = kindedEvent(event);
    if (k === undefined) throw notAnHttpEvent(event);
    return k;
}

/**
 * Runs one event through a router: decodes the body (413 past `maxBodySize`, counted on the
 * decoded bytes), converts the event and dispatches it. Raw hooks get the event as `rawRequest`
 * and the Lambda context as `rawResponse`.
 */
export function dispatchEvent(
    router: Router,
    k: KindedEvent,
    context: unknown,
    pathOptions: PathOptions,
): RouterResponse | Promise<RouterResponse> {
    const limit = router.options.maxBodySize;
    const decoded = decodeRequestBody(k.event, limit);
    if (!decoded.ok) return router.bodyTooLarge(toRouterRequest(k, undefined, pathOptions).headers);
    return router.dispatch(toRouterRequest(k, decoded.body, pathOptions), k.event, context);
}

/**
 * Creates a Lambda handler that runs a router behind API Gateway REST APIs (payload 1.0), HTTP
 * APIs (payload 2.0), Function URLs and ALB target groups. The kind of each event is told from
 * the event, and the result has that source's shape. Raw hooks get the event as `rawRequest`
 * and the Lambda context as `rawResponse`. A streaming route's events are buffered and sent at
 * once when its stream has ended (use {@link createStreamingLambdaHandler} to stream them).
 *
 * @example
 * import {CallContext, createRouter} from '@hookline/router';
 * import {createLambdaHandler} from '@hookline/aws-lambda';
 *
 * const router = createRouter();
 * router.registerRoutes({sayHello: (ctx: CallContext, name: string): string => `Hello ${name}`});
 * export const handler = createLambdaHandler(router);
 */
export function createLambdaHandler(router: Router, options: LambdaHandlerOptions = {}): LambdaHandler {
    const pathOptions = resolvePathOptions(options);
    return async (event, context) => {
        const k = httpEventOf(event);
        // A buffered result can't stream: a streaming route's events are sent at once, when it has ended.
        return toLambdaResult(k, await collectStream(await dispatchEvent(router, k, context, pathOptions)));
    };
}
