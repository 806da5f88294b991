// A fake Lambda Runtime API on 127.0.0.1, for running the real runtime client (aws-lambda-ric)
// against: it hands out queued events on GET .../invocation/next and records, byte for byte,
// what the client posts back to .../invocation/{id}/response or .../error.
import {createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse} from 'node:http';
import {AddressInfo} from 'node:net';

const PREFIX = '/2018-06-01/runtime';

/** What the runtime client posted for one invocation. */
export interface Posted {
    kind: 'response' | 'error';
    requestId: string;
    headers: IncomingHttpHeaders;
    trailers: Record<string, string | undefined>;
    /** The raw bytes of the body, as received (chunked bodies reassembled). */
    body: Buffer;
    /** How many `data` chunks the body arrived in. */
    chunks: number;
    /** Milliseconds between the first and the last `data` chunk (0 for a body in one chunk). */
    spreadMs: number;
}

interface Invocation {
    requestId: string;
    payload: string;
    done: (posted: Posted) => void;
}

/** A running fake Runtime API. */
export interface FakeRuntimeApi {
    /** `host:port`, for `AWS_LAMBDA_RUNTIME_API`. */
    address: string;
    /** Queues an event; resolves with what the client posts back for it. */
    invoke(event: unknown, timeoutMs?: number): Promise<Posted>;
    /** Init errors the client reported (a handler that failed to load). */
    initErrors: string[];
    /** Requests to paths the fake does not know. */
    unknown: string[];
    /** Resolves with `performance.now()` of the client's first poll for an invocation (it is up and its handler loaded). */
    firstPoll: Promise<number>;
    close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<{body: Buffer; chunks: number; spreadMs: number}> {
    return new Promise((resolve, reject) => {
        const parts: Buffer[] = [];
        let first = 0;
        let last = 0;
        req.on('data', (chunk: Buffer) => {
            last = performance.now();
            if (parts.length === 0) first = last;
            parts.push(chunk);
        });
        req.on('end', () => resolve({body: Buffer.concat(parts), chunks: parts.length, spreadMs: last - first}));
        req.on('error', reject);
    });
}

/** Starts a fake Runtime API on 127.0.0.1 (a free port). */
export async function startFakeRuntimeApi(
    functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:hookline-runtime-tier',
): Promise<FakeRuntimeApi> {
    const queue: Invocation[] = [];
    const waiting: ServerResponse[] = [];
    const inFlight = new Map<string, Invocation>();
    const initErrors: string[] = [];
    const unknown: string[] = [];
    let counter = 0;
    let polled: (at: number) => void = () => undefined;
    const firstPoll = new Promise<number>((resolve) => (polled = resolve));

    const hand = (res: ServerResponse, inv: Invocation): void => {
        inFlight.set(inv.requestId, inv);
        res.writeHead(200, {
            'content-type': 'application/json',
            'lambda-runtime-aws-request-id': inv.requestId,
            'lambda-runtime-deadline-ms': String(Date.now() + 30_000),
            'lambda-runtime-invoked-function-arn': functionArn,
            'lambda-runtime-trace-id': `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage=${inv.requestId.slice(0, 8)}:0`,
        });
        res.end(inv.payload);
    };

    const server: Server = createServer((req, res) => {
        const url = req.url ?? '';
        if (req.method === 'GET' && url === `${PREFIX}/invocation/next`) {
            polled(performance.now());
            const inv = queue.shift();
            if (inv === undefined) waiting.push(res);
            else hand(res, inv);
            return;
        }
        const m = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
        if (req.method === 'POST' && m !== null) {
            const requestId = decodeURIComponent(m[1] as string);
            void readAll(req).then(({body, chunks, spreadMs}) => {
                res.writeHead(202, {'content-type': 'application/json'});
                res.end('{"status":"OK"}');
                const inv = inFlight.get(requestId);
                inFlight.delete(requestId);
                inv?.done({
                    kind: m[2] as 'response' | 'error',
                    requestId,
                    headers: req.headers,
                    trailers: {...req.trailers},
                    body,
                    chunks,
                    spreadMs,
                });
            });
            return;
        }
        void readAll(req).then(({body}) => {
            if (req.method === 'POST' && url === `${PREFIX}/init/error`) initErrors.push(body.toString('utf8'));
            else unknown.push(`${req.method} ${url}`);
            res.writeHead(url.endsWith('/init/error') ? 202 : 404);
            res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const {port} = server.address() as AddressInfo;

    return {
        address: `127.0.0.1:${port}`,
        initErrors,
        unknown,
        firstPoll,
        invoke(event, timeoutMs = 10_000) {
            return new Promise<Posted>((resolve, reject) => {
                const requestId = `${(++counter).toString(16).padStart(8, '0')}-0000-4000-8000-${Date.now().toString(16).padStart(12, '0')}`;
                const timer = setTimeout(() => reject(new Error(`invocation ${requestId}: no response within ${timeoutMs} ms`)), timeoutMs);
                const inv: Invocation = {
                    requestId,
                    payload: JSON.stringify(event),
                    done: (posted) => {
                        clearTimeout(timer);
                        resolve(posted);
                    },
                };
                const res = waiting.shift();
                if (res === undefined) queue.push(inv);
                else hand(res, inv);
            });
        },
        close() {
            for (const res of waiting.splice(0)) res.destroy();
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
