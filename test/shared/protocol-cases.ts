// One table of calls and the responses the protocol promises, run in-process (router.dispatch)
// and through every adapter (Node over real HTTP, AWS Lambda, Fetch on workerd, Bun and Deno), so
// adapters can't drift from the router. Batches (POST /@batch) are in it too: no adapter knows them.
import {CallContext, createRouter, headersHook, hook, Router, RpcError, Routes} from '@hookline/router';

/** A user with a Date, to check deserialization and serialization through every adapter. */
export interface CaseUser {
    id: number;
    name: string;
    lastUpdate: Date;
}

/** Routes the cases call. */
export const caseRoutes = {
    secure: {
        auth: headersHook('Authorization', (ctx: CallContext, token: string): void => {
            if (token !== 'secret')
                throw new RpcError({statusCode: 401, publicMessage: 'not authorized', message: 'SECRET-DETAIL: token was wrong'});
        }),
        whoami: (ctx: CallContext): string => 'admin',
    },
    public: {
        hello: (ctx: CallContext): {hello: string} => ({hello: 'world'}),
        echo: (ctx: CallContext, text: string): string => text,
        sum: (ctx: CallContext, a: number, b: number): number => a + b,
        updateUser: (ctx: CallContext, user: CaseUser): CaseUser => {
            const lastUpdate = new Date(user.lastUpdate);
            lastUpdate.setUTCMonth(lastUpdate.getUTCMonth() + 1);
            return {id: user.id, name: user.name, lastUpdate};
        },
        fail: (ctx: CallContext): string => {
            throw new Error('SECRET-DETAIL: database password is hunter2');
        },
        deny: (ctx: CallContext): string => {
            throw {code: 403, message: 'denied'};
        },
    },
    flags: {
        flag: headersHook('X-Flag', (ctx: CallContext, flag: boolean): string => (flag ? 'on' : 'off')),
        flagged: (ctx: CallContext): boolean => true,
    },
    batching: {
        // No params: a batch runs it once for its calls. It notes the route it ran for, so a
        // batch's answers show whether it ran once (every call sees the first call's route).
        mark: hook((ctx: CallContext): void => {
            ctx.shared.markedFor = `${ctx.shared.markedFor ?? ''}${ctx.route.id};`;
        }),
        first: (ctx: CallContext): string => ctx.shared.markedFor,
        second: (ctx: CallContext): string => ctx.shared.markedFor,
    },
    streams: {
        // Streaming routes: server-sent events on every adapter.
        count: async function* (ctx: CallContext, n: number): AsyncGenerator<CaseTick, {total: number}> {
            for (let i = 1; i <= n; i++) yield {i, at: new Date(Date.UTC(2024, 0, i))};
            return {total: n};
        },
        words: (ctx: CallContext): AsyncIterable<string> =>
            (async function* () {
                yield 'héllo';
                yield 'wörld ✓';
            })(),
        broken: async function* (ctx: CallContext): AsyncGenerator<number> {
            yield 1;
            throw new Error('SECRET-DETAIL: the disk is gone');
        },
        refused: async function* (ctx: CallContext): AsyncGenerator<number> {
            if (ctx.path !== '') throw new RpcError({statusCode: 409, publicMessage: 'not now'});
            yield 0;
        },
    },
    audit: hook((ctx: CallContext): void => undefined, {runOnError: true}),
} satisfies Routes;

/** An item of the `streams/count` route: a Date in every item. */
export interface CaseTick {
    i: number;
    at: Date;
}

/** Creates the router the cases run against. */
export function createCaseRouter(maxBodySize = 4096): Router {
    const router = createRouter({maxBodySize});
    router.registerRoutes(caseRoutes);
    return router;
}

/** One case: a request and what must come back. */
export interface ProtocolCase {
    name: string;
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    path: string;
    /** Request headers; an array is the header sent once per value. */
    headers?: Record<string, string | string[]>;
    body?: string;
    status: number;
    /** The exact JSON body, or a check of its parsed value. */
    json?: unknown;
    /** Name of the error expected under `errorId`. */
    error?: {id: string; name: string};
    /** Response headers that must be present with these values (lower-case names). */
    responseHeaders?: Record<string, string>;
    /**
     * What comes back instead through a transport that merges a repeated header into one value
     * before Hookline sees it (AWS HTTP API and Function URL events join with `,`; ALB without
     * multi-value headers passes one value): the documented limit of those event sources.
     */
    whenRepeatsMerged?: Pick<ProtocolCase, 'status' | 'json' | 'error'>;
    /** A streamed response: its exact server-sent events (keep-alive pings left out), in place of `json`. */
    events?: string;
}

const json = {'content-type': 'application/json'};
const userBody = JSON.stringify({'public/updateUser': [{id: 1, name: 'Ada', lastUpdate: '2024-01-31T10:00:00.000Z'}]});

/** The cases. */
export const protocolCases: ProtocolCase[] = [
    {name: 'GET a route without params', method: 'GET', path: '/public/hello', status: 200, json: {'public/hello': {hello: 'world'}}},
    {name: 'POST without body', method: 'POST', path: '/public/hello', status: 200, json: {'public/hello': {hello: 'world'}}},
    {
        name: 'POST with params',
        method: 'POST',
        path: '/public/sum',
        headers: json,
        body: '{"public/sum":[2,3]}',
        status: 200,
        json: {'public/sum': 5},
    },
    {
        name: 'non-ASCII params',
        method: 'POST',
        path: '/public/echo',
        headers: json,
        body: '{"public/echo":["héllo ✓ 🚀"]}',
        status: 200,
        json: {'public/echo': 'héllo ✓ 🚀'},
    },
    {
        name: 'Dates in and out',
        method: 'POST',
        path: '/public/updateUser',
        headers: json,
        body: userBody,
        status: 200,
        json: {'public/updateUser': {id: 1, name: 'Ada', lastUpdate: '2024-03-02T10:00:00.000Z'}},
    },
    {
        name: 'header hook, mixed-case name',
        method: 'GET',
        path: '/secure/whoami',
        headers: {AuThOrIzAtIoN: 'secret'},
        status: 200,
        json: {'secure/whoami': 'admin'},
    },
    {
        name: 'header hook returns a response header',
        method: 'GET',
        path: '/flags/flagged',
        headers: {'x-flag': '1'},
        status: 200,
        json: {'flags/flagged': true},
        responseHeaders: {'x-flag': 'on'},
    },
    {
        name: 'header hook header sent twice',
        method: 'POST',
        path: '/secure/whoami',
        headers: {authorization: ['secret', 'other']},
        status: 400,
        json: {
            'secure/auth': {
                name: 'invalid-header',
                statusCode: 400,
                message: 'header "authorization" must be sent once',
                errorData: {header: 'authorization'},
            },
        },
        whenRepeatsMerged: {status: 401, json: {'secure/auth': {name: 'RpcError', statusCode: 401, message: 'not authorized'}}},
    },
    {
        name: 'header hook rejects',
        method: 'GET',
        path: '/secure/whoami',
        headers: {authorization: 'wrong'},
        status: 401,
        json: {'secure/auth': {name: 'RpcError', statusCode: 401, message: 'not authorized'}},
    },
    {name: 'header missing', method: 'GET', path: '/secure/whoami', status: 400, error: {id: 'secure/auth', name: 'invalid-header'}},
    {
        name: 'header not convertible',
        method: 'GET',
        path: '/flags/flagged',
        headers: {'x-flag': 'maybe'},
        status: 400,
        error: {id: 'flags/flag', name: 'invalid-header'},
    },
    {name: 'unknown route', method: 'POST', path: '/public/nope', status: 404, error: {id: '@router', name: 'route-not-found'}},
    {
        name: 'wrong method',
        method: 'PUT',
        path: '/public/hello',
        status: 405,
        error: {id: '@router', name: 'method-not-allowed'},
        responseHeaders: {allow: 'GET, POST'},
    },
    {
        name: 'GET on a route with body params',
        method: 'GET',
        path: '/public/sum',
        status: 405,
        error: {id: '@router', name: 'method-not-allowed'},
        responseHeaders: {allow: 'POST'},
    },
    {
        name: 'wrong content type',
        method: 'POST',
        path: '/public/sum',
        headers: {'content-type': 'text/plain'},
        body: '{"public/sum":[2,3]}',
        status: 415,
        error: {id: '@router', name: 'unsupported-media-type'},
    },
    {
        name: 'malformed JSON',
        method: 'POST',
        path: '/public/sum',
        headers: json,
        body: '{"public/sum":[2,',
        status: 400,
        error: {id: '@router', name: 'invalid-json'},
    },
    {
        name: 'body not an object',
        method: 'POST',
        path: '/public/sum',
        headers: json,
        body: '[2,3]',
        status: 400,
        error: {id: '@router', name: 'invalid-body'},
    },
    {
        name: 'params not an array',
        method: 'POST',
        path: '/public/sum',
        headers: json,
        body: '{"public/sum":2}',
        status: 400,
        error: {id: 'public/sum', name: 'invalid-params'},
    },
    {
        name: 'validation failure',
        method: 'POST',
        path: '/public/sum',
        headers: json,
        body: '{"public/sum":[2,"3"]}',
        status: 400,
        error: {id: 'public/sum', name: 'validation-failed'},
    },
    {
        name: 'body too large',
        method: 'POST',
        path: '/public/echo',
        headers: json,
        body: `{"public/echo":["${'x'.repeat(5000)}"]}`,
        status: 413,
        error: {id: '@router', name: 'body-too-large'},
    },
    {
        name: 'unexpected error',
        method: 'POST',
        path: '/public/fail',
        status: 500,
        json: {'public/fail': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}},
    },
    {
        name: 'seed-style plain object throw',
        method: 'POST',
        path: '/public/deny',
        status: 403,
        json: {'public/deny': {name: 'RpcError', statusCode: 403, message: 'denied'}},
    },
    {
        name: 'batch: one entry per call, in order; a failing call fails alone',
        method: 'POST',
        path: '/@batch',
        headers: json,
        body: JSON.stringify([
            {route: 'public/sum', body: {'public/sum': [2, 3]}},
            {route: 'public/fail'},
            {route: 'public/updateUser', body: JSON.parse(userBody)},
            {route: 'public/hello', body: {}},
        ]),
        status: 200,
        json: [
            {status: 200, body: {'public/sum': 5}},
            {status: 500, body: {'public/fail': {name: 'unexpected-error', statusCode: 500, message: 'Unexpected error'}}},
            {status: 200, body: {'public/updateUser': {id: 1, name: 'Ada', lastUpdate: '2024-03-02T10:00:00.000Z'}}},
            {status: 200, body: {'public/hello': {hello: 'world'}}},
        ],
    },
    {
        name: 'batch: a hook without params runs once for the calls that share it',
        method: 'POST',
        path: '/@batch',
        headers: json,
        body: '[{"route":"batching/first"},{"route":"batching/second"},{"route":"batching/first"}]',
        status: 200,
        json: [
            {status: 200, body: {'batching/first': 'batching/first;'}},
            {status: 200, body: {'batching/second': 'batching/first;'}},
            {status: 200, body: {'batching/first': 'batching/first;'}},
        ],
    },
    {
        name: "batch: a header hook reads the request's headers; its response header stays in the entry",
        method: 'POST',
        path: '/@batch',
        headers: {...json, authorization: 'secret', 'x-flag': 'true'},
        body: '[{"route":"secure/whoami"},{"route":"flags/flagged"}]',
        status: 200,
        json: [
            {status: 200, body: {'secure/whoami': 'admin'}},
            {status: 200, body: {'flags/flagged': true}, headers: {'x-flag': 'on'}},
        ],
    },
    {
        name: 'batch: a failing shared hook fails the calls behind it, not the others',
        method: 'POST',
        path: '/@batch',
        headers: {...json, authorization: 'wrong'},
        body: '[{"route":"secure/whoami"},{"route":"public/echo","body":{"public/echo":["hi"]}},{"route":"secure/whoami"}]',
        status: 200,
        json: [
            {status: 401, body: {'secure/auth': {name: 'RpcError', statusCode: 401, message: 'not authorized'}}},
            {status: 200, body: {'public/echo': 'hi'}},
            {status: 401, body: {'secure/auth': {name: 'RpcError', statusCode: 401, message: 'not authorized'}}},
        ],
    },
    {
        name: 'batch: not an array of calls',
        method: 'POST',
        path: '/@batch',
        headers: json,
        body: '{"route":"public/hello"}',
        status: 400,
        error: {id: '@batch', name: 'invalid-body'},
    },
    {
        name: 'batch: a call to an unknown route',
        method: 'POST',
        path: '/@batch',
        headers: json,
        body: '[{"route":"public/hello"},{"route":"public/nope"}]',
        status: 400,
        error: {id: '@batch', name: 'invalid-body'},
    },
    {
        name: 'stream: items with Dates, then the final value',
        method: 'POST',
        path: '/streams/count',
        headers: json,
        body: '{"streams/count":[2]}',
        status: 200,
        events:
            'event: item\ndata: {"i":1,"at":"2024-01-01T00:00:00.000Z"}\n\n' +
            'event: item\ndata: {"i":2,"at":"2024-01-02T00:00:00.000Z"}\n\n' +
            'event: result\ndata: {"total":2}\n\n',
    },
    {
        name: 'stream: GET (EventSource), non-ASCII items, no final value',
        method: 'GET',
        path: '/streams/words',
        status: 200,
        events: 'event: item\ndata: "héllo"\n\nevent: item\ndata: "wörld ✓"\n\nevent: result\ndata: null\n\n',
    },
    {
        name: 'stream: an error mid-stream is an error event (public form only)',
        method: 'POST',
        path: '/streams/broken',
        status: 200,
        events:
            'event: item\ndata: 1\n\n' +
            'event: error\ndata: {"streams/broken":{"name":"unexpected-error","statusCode":500,"message":"Unexpected error"}}\n\n',
    },
    {
        name: 'stream: an error before the first item is a JSON error response',
        method: 'POST',
        path: '/streams/refused',
        status: 409,
        json: {'streams/refused': {name: 'RpcError', statusCode: 409, message: 'not now'}},
    },
    {
        name: 'stream: invalid params are a JSON 400 (no stream started)',
        method: 'POST',
        path: '/streams/count',
        headers: json,
        body: '{"streams/count":["two"]}',
        status: 400,
        error: {id: 'streams/count', name: 'validation-failed'},
    },
    {
        name: 'batch: a streaming route is refused',
        method: 'POST',
        path: '/@batch',
        headers: json,
        body: '[{"route":"public/hello"},{"route":"streams/words"}]',
        status: 400,
        error: {id: '@batch', name: 'invalid-body'},
    },
    {
        name: 'batch: GET',
        method: 'GET',
        path: '/@batch',
        status: 405,
        error: {id: '@router', name: 'method-not-allowed'},
        responseHeaders: {allow: 'POST'},
    },
];

/** A response as any adapter's test sees it. */
export interface CaseResponse {
    status: number;
    headers: Record<string, string | undefined>;
    body: string;
}

/** Checks one response against its case; returns the list of mismatches (empty when it matches). */
export function checkCase(c: ProtocolCase, res: CaseResponse): string[] {
    const problems: string[] = [];
    if (res.status !== c.status) problems.push(`status ${res.status}, expected ${c.status} (${res.body.slice(0, 200)})`);
    if (c.events !== undefined) {
        const type = res.headers['content-type'];
        if (type !== 'text/event-stream; charset=utf-8') problems.push(`content-type ${type}`);
        const events = res.body.split(': ping\n\n').join('');
        if (events !== c.events) problems.push(`events ${JSON.stringify(events)}, expected ${JSON.stringify(c.events)}`);
        if (/SECRET-DETAIL|\.ts:\d|Error:/.test(res.body)) problems.push(`leaks private data: ${res.body}`);
        return problems;
    }
    // An object, or a batch's array of entries.
    let parsed: Record<string, unknown> = {};
    try {
        parsed = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
        problems.push(`body is not JSON: ${res.body.slice(0, 200)}`);
    }
    if (c.json !== undefined && JSON.stringify(parsed) !== JSON.stringify(c.json))
        problems.push(`body ${res.body}, expected ${JSON.stringify(c.json)}`);
    if (c.error !== undefined) {
        const error = parsed[c.error.id] as {name?: string; statusCode?: number; message?: string} | undefined;
        if (error?.name !== c.error.name)
            problems.push(`error under ${c.error.id}: ${JSON.stringify(error)}, expected name ${c.error.name}`);
        else if (error.statusCode !== c.status || typeof error.message !== 'string')
            problems.push(`malformed error ${JSON.stringify(error)}`);
    }
    const type = res.headers['content-type'];
    if (type !== 'application/json; charset=utf-8') problems.push(`content-type ${type}`);
    for (const [k, v] of Object.entries(c.responseHeaders ?? {}))
        if (res.headers[k] !== v) problems.push(`header ${k}: ${res.headers[k]}, expected ${v}`);
    if (/SECRET-DETAIL|hunter2|\.ts:\d|Error:/.test(res.body)) problems.push(`leaks private data: ${res.body}`);
    return problems;
}
