// Property-based fuzzing of the protocol: random and mutated bodies, wrong param types, deep
// nesting, big arrays and strings, odd unicode, random headers and paths, through the in-process
// router and through the Node adapter over real HTTP. Every answer must be a well-formed 2xx/4xx.
// Replay a failure with FUZZ_SEED=<seed printed on failure>; long runs: `npm run fuzz`.
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {checkAnswer, createFuzzRouter, fuzzPaths} from './fuzz-routes.js';

const runs = Number(process.env.FUZZ_RUNS ?? 150);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(process.env.FUZZ_SEED);
const params = {numRuns: runs, seed, endOnFailure: true};
console.log(`fuzz: seed ${seed}, ${runs} runs per property (FUZZ_SEED/FUZZ_RUNS to change)`);

const validBodies = [
    '{"open/echo":["hello"]}',
    '{"open/sum":[1,2]}',
    '{"open/item":[{"id":1,"name":"a","at":"2024-01-31T10:00:00.000Z","kind":"a","extra":{"x":1}}]}',
    '{"open/items":[[{"id":1,"name":"a","at":"2024-01-31","kind":"b","extra":{}}],3]}',
    '{"open/tree":[{"value":1,"children":[{"value":2,"children":[]}]}]}',
    '{"open/tuple":[["a",1,true,false]]}',
    '{"open/anything":[{"a":[1,{"b":null}]}]}',
    '{"open/echoUnknown":[{"a":[1,{"b":null}]}]}',
    '{"open/echoAny":[[{"a":"b"},2]]}',
    '{"open/maybeDate":[null]}',
    '{"guarded/page":[2]}',
];

/** A valid body with a few random edits: truncation, insertion, replacement. */
const mutatedBody = fc
    .tuple(
        fc.constantFrom(...validBodies),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({unit: 'binary', maxLength: 3})), {maxLength: 4}),
    )
    .map(([body, edits]) => {
        let text = body;
        for (const [pos, op, chars] of edits) {
            const at = pos % (text.length + 1);
            if (op === 0) text = text.slice(0, at);
            else if (op === 1) text = text.slice(0, at) + chars + text.slice(at);
            else text = text.slice(0, at) + chars + text.slice(at + 1);
        }
        return text;
    });

/** Deeply nested JSON (arrays and objects). */
const deepJson = fc
    .tuple(fc.integer({min: 1, max: 3000}), fc.boolean())
    .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** A deep value (objects, arrays or both) as the param of a route that takes and returns `unknown` or `any`. */
const deepUnknown = fc
    .tuple(
        fc.constantFrom('open/echoUnknown', 'open/echoAny', 'open/anything'),
        fc.oneof(fc.integer({min: 1, max: 80}), fc.integer({min: 1, max: 12_000})),
        fc.constantFrom('[', '{"a":', '{"a":[', '[{"b":'),
    )
    .map(([id, depth, open]) => {
        const close = open === '[' ? ']' : open === '{"a":' ? '}' : open === '{"a":[' ? ']}' : '}]';
        return `{"${id}":[${open.repeat(depth)}1${close.repeat(depth)}]}`;
    });

/** A well-formed body whose params are anything at all. */
const wrongParams = fc
    .tuple(
        fc.constantFrom(
            'open/echo',
            'open/sum',
            'open/item',
            'open/items',
            'open/tree',
            'open/tuple',
            'open/maybeDate',
            'open/echoUnknown',
            'open/echoAny',
            'guarded/page',
        ),
        fc.jsonValue({maxDepth: 6}),
    )
    .map(([id, value]) => JSON.stringify({[id]: value}));

const bigValues = fc.oneof(
    fc.integer({min: 0, max: 20_000}).map((n) => JSON.stringify({'open/echo': ['x'.repeat(n)]})),
    fc.integer({min: 0, max: 5_000}).map((n) =>
        JSON.stringify({
            'open/items': [Array.from({length: n}, (_, i) => ({id: i, name: 'n', at: '2024-01-31', kind: 'c', extra: {}})), null],
        }),
    ),
    fc.string({unit: 'grapheme', maxLength: 200}).map((s) => JSON.stringify({'open/echo': [s]})),
    fc.string({unit: 'binary', maxLength: 200}).map((s) => JSON.stringify({'open/echo': [s]})),
);

const anyBody = fc.oneof(
    mutatedBody,
    deepJson,
    deepUnknown,
    wrongParams,
    bigValues,
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({maxLength: 300}),
    fc.constant(''),
);

const fetchControlled = new Set([
    'content-length',
    'transfer-encoding',
    'host',
    'connection',
    'keep-alive',
    'upgrade',
    'expect',
    'te',
    'trailer',
    'http2-settings',
]);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
const headers = fc
    .tuple(
        fc.dictionary(headerName, headerValue, {maxKeys: 5}),
        fc.option(
            fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json; charset=latin1', ''),
            {nil: undefined},
        ),
        fc.option(headerValue, {nil: undefined}),
        fc.option(headerValue, {nil: undefined}),
    )
    .map(([random, contentType, flag, count]) => {
        const h: Record<string, string> = {};
        // Headers fetch itself controls (or refuses) are left to it.
        for (const [k, v] of Object.entries(random))
            if (!fetchControlled.has(k) && !k.startsWith('proxy-') && !k.startsWith('sec-')) h[k] = v;
        if (contentType !== undefined) h['content-type'] = contentType;
        else h['content-type'] = 'application/json';
        if (flag !== undefined) h['x-flag'] = flag;
        if (count !== undefined) h['x-count'] = count;
        return h;
    });

const path = fc.oneof({arbitrary: fc.constantFrom(...fuzzPaths), weight: 6}, {arbitrary: fc.webPath({size: 'small'}), weight: 1});
const method = fc.constantFrom('POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH');
const randomRequest = fc.record({method, path, headers, body: anyBody});

/** A request whose path and body name the same route: gets past routing into params and validation. */
const alignedRequest = fc
    .tuple(
        fc.constantFrom(...validBodies),
        fc.oneof(fc.constant(undefined), fc.jsonValue({maxDepth: 4}), fc.array(fc.jsonValue({maxDepth: 3}), {maxLength: 4})),
        headers,
        mutatedBody,
    )
    .map(([valid, params, h, mutated]) => {
        const id = Object.keys(JSON.parse(valid) as object)[0] as string;
        const routeId = id === 'guarded/page' ? 'guarded/read' : id;
        const body = params === undefined ? (mutated.includes(id) ? mutated : valid) : JSON.stringify({[id]: params});
        return {method: 'POST', path: `/${routeId}`, headers: {...h, 'content-type': 'application/json'}, body};
    });

/** A deep `unknown`/`any` param sent to its own route. */
const deepRequest = deepUnknown.map((body) => ({
    method: 'POST',
    path: `/${body.slice(2, body.indexOf('"', 2))}`,
    headers: {'content-type': 'application/json'},
    body,
}));

const request = fc.oneof(randomRequest, alignedRequest, alignedRequest, deepRequest);

/** How many answers of each status a property saw (printed, so a run shows what it covered). */
function histogram(): {add(status: number): void; print(label: string): void; distinct(): number} {
    const counts = new Map<number, number>();
    return {
        add: (status) => void counts.set(status, (counts.get(status) ?? 0) + 1),
        print: (label) =>
            console.log(
                `fuzz ${label}: ${[...counts]
                    .sort((a, b) => a[0] - b[0])
                    .map(([k, v]) => `${k}x${v}`)
                    .join(' ')}`,
            ),
        distinct: () => counts.size,
    };
}

describe('fuzz: in-process dispatch', () => {
    const router = createFuzzRouter();
    const seen = histogram();
    it('answers every request with a well-formed 2xx/4xx, never a 5xx or a leak', async () => {
        await fc.assert(
            fc.asyncProperty(request, async (r) => {
                const res = await router.dispatch({
                    method: r.method,
                    path: r.path.split('?', 1)[0] as string,
                    headers: r.headers,
                    body: r.method === 'GET' ? undefined : r.body,
                });
                seen.add(res.statusCode);
                const problems = checkAnswer(res.statusCode, res.body);
                if (problems.length > 0)
                    throw new Error(`${r.method} ${r.path} ${JSON.stringify(r.headers)} ${r.body.slice(0, 300)}\n${problems.join('\n')}`);
            }),
            params,
        );
        expect(({} as {polluted?: unknown}).polluted).toBeUndefined();
        seen.print('in-process statuses');
        // The generators reach successes and several kinds of refusal, not one answer over and over.
        expect(seen.distinct()).toBeGreaterThanOrEqual(4);
    }, 120_000);
});

describe('deep unknown and any values', () => {
    const router = createFuzzRouter();
    const deep = (depth: number): string => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

    it('are echoed while the body is within maxJsonDepth (64), refused 400 past it, at any depth never a 5xx', async () => {
        // The body's object and the params array are 2 levels, each {"a":[ ... ]} 2 more; the fuzz
        // router takes 64 KiB bodies, so 7,500 levels (8 bytes each) is about the deepest that is not a 413.
        for (const id of ['open/echoUnknown', 'open/echoAny']) {
            for (const depth of [1, 31, 32, 33, 100, 5_000, 7_500]) {
                const body = `{"${id}":[${deep(depth)}]}`;
                const res = await router.dispatch({method: 'POST', path: `/${id}`, headers: {'content-type': 'application/json'}, body});
                expect(checkAnswer(res.statusCode, res.body), `${id} depth ${depth}`).toEqual([]);
                if (2 + 2 * depth <= 64) {
                    expect(res.statusCode, `${id} depth ${depth}`).toBe(200);
                    expect(JSON.parse(res.body)).toEqual({[id]: JSON.parse(deep(depth))});
                } else {
                    expect(res.statusCode, `${id} depth ${depth}`).toBe(400);
                    expect(JSON.parse(res.body)['@router'].name).toBe('invalid-body');
                }
            }
        }
    });
});

describe('fuzz: Node adapter over HTTP', () => {
    let server: NodeServerHandle;
    const seen = histogram();
    beforeAll(async () => {
        server = await startNodeServer(createFuzzRouter() as unknown as Parameters<typeof startNodeServer>[0]);
    });
    afterAll(() => server.close());

    it('answers every request with a well-formed 2xx/4xx, never a 5xx or a leak', async () => {
        await fc.assert(
            fc.asyncProperty(request, async (r) => {
                const url = new URL(server.url);
                const res = await fetch(`${url.origin}${r.path.startsWith('/') ? r.path : `/${r.path}`}`, {
                    method: r.method,
                    headers: r.headers,
                    body: r.method === 'GET' ? undefined : r.body,
                });
                const text = await res.text();
                seen.add(res.status);
                const problems = res.status === 431 ? [] : checkAnswer(res.status, text);
                if (problems.length > 0)
                    throw new Error(`${r.method} ${r.path} ${JSON.stringify(r.headers)} ${r.body.slice(0, 300)}\n${problems.join('\n')}`);
            }),
            {...params, numRuns: Math.max(20, Math.floor(runs / 2))},
        );
        seen.print('HTTP statuses');
        expect(seen.distinct()).toBeGreaterThanOrEqual(3);
    }, 120_000);
});
