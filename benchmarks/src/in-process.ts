// In-process benchmark: calls per second of router.dispatch for hello, light, update-user and place-order, against a
// hand-written function doing the same work (parse, check, convert, serialize) without a router.
// Run: npm run bench:router   (a script, not a test: timings never go in unit tests)
import {CallContext, createRouter, Router, RouterResponse} from '@hookline/router';
import {parseGreet, parseOrder, parseUpdateUser} from './checks.js';
import {addMonth, greet, greetBody, placeOrderBody, routes, summarize, updateUserBody, User} from './scenarios.js';

const router = createRouter();
router.registerRoutes(routes);

// The same route with each context feature on, to show what each costs (and that off is free).
const noSink = (): void => undefined;
const withEcho = createRouter({echoRequestId: true});
withEcho.registerRoutes(routes);
const withAsyncContext = createRouter({asyncContext: true});
withAsyncContext.registerRoutes(routes);
const withLogger = createRouter({logSink: noSink});
withLogger.registerRoutes({
    updateUser: (ctx: CallContext, user: User): User => {
        ctx.logger.info('updating user', {id: user.id});
        return addMonth(user);
    },
});

const json = {'content-type': 'application/json'};
const greets = Array.from({length: 1024}, (_, i) => greetBody(i));
const bodies = Array.from({length: 1024}, (_, i) => updateUserBody(i));
const orders = Array.from({length: 1024}, (_, i) => placeOrderBody(i));

function handWrittenHello(): RouterResponse {
    return {statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}, body: JSON.stringify({hello: {hello: 'world'}})};
}

// The same hand-written check as the raw node:http server of the HTTP benchmark.
function handWrittenLight(body: string): RouterResponse {
    const person = parseGreet(JSON.parse(body));
    if (person === undefined) return {statusCode: 400, headers: {}, body: '{}'};
    return {statusCode: 200, headers: {'content-type': 'application/json; charset=utf-8'}, body: JSON.stringify({greet: greet(person)})};
}

// The same hand-written checks as the raw node:http server of the HTTP benchmark.
function handWrittenUpdateUser(body: string): RouterResponse {
    const user = parseUpdateUser(JSON.parse(body));
    if (user === undefined) return {statusCode: 400, headers: {}, body: '{}'};
    return {
        statusCode: 200,
        headers: {'content-type': 'application/json; charset=utf-8'},
        body: JSON.stringify({updateUser: addMonth(user)}),
    };
}

// The same hand-written checks as the raw node:http server of the HTTP benchmark.
function handWrittenPlaceOrder(body: string): RouterResponse {
    const order = parseOrder(JSON.parse(body));
    if (order === undefined) return {statusCode: 400, headers: {}, body: '{}'};
    return {
        statusCode: 200,
        headers: {'content-type': 'application/json; charset=utf-8'},
        body: JSON.stringify({placeOrder: summarize(order)}),
    };
}

function check(res: RouterResponse | Promise<RouterResponse>, expected: number): RouterResponse {
    if (res instanceof Promise) throw new Error('the scenario should dispatch synchronously');
    if (res.statusCode !== expected) throw new Error(`unexpected status ${res.statusCode}: ${res.body}`);
    return res;
}

const cases: {name: string; run: (i: number) => RouterResponse}[] = [
    {name: 'hello: hand-written', run: () => handWrittenHello()},
    {name: 'hello: hookline dispatch', run: () => check(router.dispatch({method: 'GET', path: '/hello', headers: {}}), 200)},
    {name: 'light: hand-written', run: (i) => handWrittenLight(greets[i & 1023] as string)},
    {
        name: 'light: hookline dispatch',
        run: (i) => check(router.dispatch({method: 'POST', path: '/greet', headers: json, body: greets[i & 1023]}), 200),
    },
    {name: 'update-user: hand-written', run: (i) => handWrittenUpdateUser(bodies[i & 1023] as string)},
    {
        name: 'update-user: hookline dispatch',
        run: (i) => check(router.dispatch({method: 'POST', path: '/updateUser', headers: json, body: bodies[i & 1023]}), 200),
    },
    {name: 'update-user: hookline + echoRequestId (generated UUID)', run: (i) => updateUser(withEcho, i)},
    {name: 'update-user: hookline + ctx.logger line', run: (i) => updateUser(withLogger, i)},
    {name: 'update-user: hookline + asyncContext', run: (i) => updateUser(withAsyncContext, i)},
    {name: 'place-order: hand-written', run: (i) => handWrittenPlaceOrder(orders[i & 1023] as string)},
    {
        name: 'place-order: hookline dispatch',
        run: (i) => check(router.dispatch({method: 'POST', path: '/placeOrder', headers: json, body: orders[i & 1023]}), 200),
    },
];

function updateUser(r: Router, i: number): RouterResponse {
    return check(r.dispatch({method: 'POST', path: '/updateUser', headers: json, body: bodies[i & 1023]}), 200);
}

// Same output from both sides before timing anything.
const g = handWrittenLight(greets[5] as string).body;
const h = check(router.dispatch({method: 'POST', path: '/greet', headers: json, body: greets[5]}), 200).body;
if (g !== h) throw new Error(`outputs differ:\n${g}\n${h}`);
const a = handWrittenUpdateUser(bodies[5] as string).body;
const b = check(router.dispatch({method: 'POST', path: '/updateUser', headers: json, body: bodies[5]}), 200).body;
if (a !== b) throw new Error(`outputs differ:\n${a}\n${b}`);
const c = handWrittenPlaceOrder(orders[5] as string).body;
const d = check(router.dispatch({method: 'POST', path: '/placeOrder', headers: json, body: orders[5]}), 200).body;
if (c !== d) throw new Error(`outputs differ:\n${c}\n${d}`);

const durationMs = Number(process.env.BENCH_MS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

// Every 1,000 calls the event loop turns once, as it does between requests of a server: queued
// log lines reach their sink instead of piling up in memory.
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function measure(run: (i: number) => RouterResponse): Promise<number> {
    let n = 0;
    const end = performance.now() + durationMs;
    while (performance.now() < end) {
        for (let k = 0; k < 1000; k++) run(n++);
        await turn();
    }
    return (n / durationMs) * 1000;
}

for (const c of cases) await measure(c.run); // warm-up
const results = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) for (const c of cases) results.get(c.name)?.push(await measure(c.run));
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

console.log(`node ${process.version}, ${rounds} rounds of ${durationMs} ms, medians`);
console.log('| case | calls/s | ns/call | vs hand-written |');
console.log('| --- | ---: | ---: | ---: |');
for (const c of cases) {
    const ops = median(results.get(c.name) ?? []);
    const base = median(results.get(`${c.name.split(':')[0]}: hand-written`) ?? []);
    console.log(
        `| ${c.name} | ${Math.round(ops).toLocaleString('en-US')} | ${Math.round(1e9 / ops)} | ${Math.round((ops / base) * 100)} % |`,
    );
}
