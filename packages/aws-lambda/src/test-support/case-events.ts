// Builds one event of each kind for a call of the shared protocol case table (test/shared), and
// reads results back into the table's response form. Shared by the unit and runtime tiers.
import {LambdaHttpEvent, LambdaHttpResult} from '../events.js';

/** The event kinds (and header modes) every case runs as. */
export const caseEventKinds = ['v1', 'v2', 'url', 'url-base64', 'alb', 'alb-multi'] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

/** A call, as the case table describes it (an array: the header sent once per value). */
export interface CaseCall {
    method: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string;
}

/**
 * Whether a kind of event can't show a repeated header as repeated: HTTP API (2.0) and Function
 * URL events join the values with `,` in `headers`, and ALB without multi-value headers passes one
 * value. The case table's `whenRepeatsMerged` expectations apply to these.
 */
export function mergesRepeatedHeaders(kind: CaseEventKind): boolean {
    return kind === 'v2' || kind === 'url' || kind === 'url-base64' || kind === 'alb';
}

/** What a case expects from an event of `kind`: its `whenRepeatsMerged` form where repeats can't be seen. */
export function caseFor<C extends {whenRepeatsMerged?: object}>(kind: CaseEventKind, c: C): C {
    return c.whenRepeatsMerged !== undefined && mergesRepeatedHeaders(kind) ? {...c, ...c.whenRepeatsMerged} : c;
}

/** The event a source of `kind` would send for `call` (with some of the fields the adapter does not read). */
export function caseEvent(kind: CaseEventKind, call: CaseCall): LambdaHttpEvent {
    const event = buildEvent(kind, call);
    return event;
}

function buildEvent(kind: CaseEventKind, call: CaseCall) {
    const values = Object.entries(call.headers ?? {}).map(([k, v]) => [k, typeof v === 'string' ? [v] : v] as const);
    // What each source does with a repeated header: REST's `headers` and single-value ALB keep the
    // last value, HTTP APIs and Function URLs join them with a comma, multi-value forms keep all.
    const headers = Object.fromEntries(values.map(([k, v]) => [k, v[v.length - 1] as string]));
    const lastLower = Object.fromEntries(values.map(([k, v]) => [k.toLowerCase(), v[v.length - 1] as string]));
    const joinedLower = Object.fromEntries(values.map(([k, v]) => [k.toLowerCase(), v.join(',')]));
    const multi = Object.fromEntries(values.map(([k, v]) => [k, [...v]]));
    const body = call.body ?? null;
    switch (kind) {
        case 'v1':
            // REST keeps the client's header case and sends both header forms; the stage is in requestContext.path only.
            return {
                resource: '/{proxy+}',
                path: call.path,
                httpMethod: call.method,
                headers,
                multiValueHeaders: multi,
                body,
                isBase64Encoded: false,
                requestContext: {stage: 'prod', path: `/prod${call.path}`},
            };
        case 'v2':
            // A named stage: it is in rawPath.
            return {
                version: '2.0',
                routeKey: '$default',
                rawPath: `/prod${call.path}`,
                rawQueryString: '',
                headers: joinedLower,
                body: body ?? undefined,
                isBase64Encoded: false,
                requestContext: {
                    stage: 'prod',
                    domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
                    http: {method: call.method, path: `/prod${call.path}`},
                },
            };
        case 'url':
        case 'url-base64':
            return {
                version: '2.0',
                routeKey: '$default',
                rawPath: call.path,
                rawQueryString: '',
                headers: joinedLower,
                body: kind === 'url' || body === null ? (body ?? undefined) : Buffer.from(body).toString('base64'),
                isBase64Encoded: kind === 'url-base64' && body !== null,
                requestContext: {
                    stage: '$default',
                    domainName: 'abc123.lambda-url.us-east-1.on.aws',
                    http: {method: call.method, path: call.path},
                },
            };
        case 'alb':
            return {
                httpMethod: call.method,
                path: call.path,
                headers: lastLower,
                body: body ?? '',
                isBase64Encoded: false,
                requestContext: {elb: {targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1'}},
            };
        case 'alb-multi':
            return {
                httpMethod: call.method,
                path: call.path,
                multiValueHeaders: Object.fromEntries(values.map(([k, v]) => [k.toLowerCase(), [...v]])),
                body: body ?? '',
                isBase64Encoded: false,
                requestContext: {elb: {targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1'}},
            };
    }
}

/** A result as the case table checks it: one value per header, the body decoded. */
export function caseResponse(result: LambdaHttpResult): {status: number; headers: Record<string, string>; body: string} {
    const headers: Record<string, string> = {};
    const r = result as {headers?: Record<string, string>; multiValueHeaders?: Record<string, string[]>};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = v;
    for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k] = v.join(', ');
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
    return {status: result.statusCode, headers, body};
}
