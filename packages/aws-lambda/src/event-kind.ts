import {AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event} from './events.js';

/**
 * Which source sent an event: `'v1'` API Gateway REST (payload 1.0), `'v2'` HTTP API (payload
 * 2.0), `'url'` Lambda Function URL (2.0 shape), `'alb'` Application Load Balancer.
 */
export type EventKind = 'v1' | 'v2' | 'url' | 'alb';

/** An event of a known kind, narrowed to its shape. */
export type KindedEvent =
    | {kind: 'v1'; event: ApiGatewayV1Event}
    | {kind: 'v2'; event: ApiGatewayV2Event}
    | {kind: 'url'; event: ApiGatewayV2Event}
    | {kind: 'alb'; event: AlbEvent};

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

/**
 * Tells an event's kind from the event itself: `requestContext.elb` is an ALB; payload 2.0
 * (`version: '2.0'` with `requestContext.http`) is a Function URL when its domain is a
 * `*.lambda-url.*` one, else an HTTP API; anything else with an `httpMethod` is payload 1.0.
 * Returns `undefined` for an event that is not an HTTP event.
 *
 * @example
 * eventKindOf({version: '2.0', rawPath: '/', requestContext: {http: {method: 'GET'}}}); // 'v2'
 */
export function eventKindOf(event: unknown): EventKind | undefined {
    if (!isObject(event)) return undefined;
    const rc = event.requestContext;
    if (isObject(rc) && isObject(rc.elb)) return typeof event.httpMethod === 'string' ? 'alb' : undefined;
    if (event.version === '2.0' && isObject(rc) && isObject(rc.http) && typeof rc.http.method === 'string') {
        return typeof rc.domainName === 'string' && rc.domainName.includes('.lambda-url.') ? 'url' : 'v2';
    }
    return typeof event.httpMethod === 'string' ? 'v1' : undefined;
}

/** Pairs an event with its kind (see {@link eventKindOf}); `undefined` when it is not an HTTP event. */
export function kindedEvent(event: unknown): KindedEvent | undefined {
    const kind = eventKindOf(event);
    if (kind === undefined) return undefined;
    return {kind, event} as KindedEvent;
}

/** The error a handler throws for an event that is not an HTTP event (Lambda reports it as a function error). */
export function notAnHttpEvent(event: unknown): TypeError {
    const keys = typeof event === 'object' && event !== null ? Object.keys(event).slice(0, 8).join(', ') : typeof event;
    return new TypeError(
        `@hookline/aws-lambda: not an HTTP event (expected API Gateway REST or HTTP API, Function URL or ALB); got {${keys}}`,
    );
}
