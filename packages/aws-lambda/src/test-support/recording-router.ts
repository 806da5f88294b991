// A router whose routes sit at the paths the fixtures call, and that records what it was given:
// the runtime-neutral request (method, path, headers, body) and what raw hooks received.
import {CallContext, createRouter, rawHook, Router, RouterRequest, Routes} from '@hookline/router';

/** One call as the router saw it. */
export interface Seen {
    request: RouterRequest;
    rawRequest: unknown;
    rawResponse: unknown;
}

/** A router at the fixtures' paths and the calls it saw. */
export interface RecordingRouter {
    router: Router;
    seen: Seen[];
    /** The request of the last call. */
    last(): Seen;
}

/** Routes at the paths the fixtures call (and `echo`); a raw hook first on each hands its raw arguments to `onRaw`. */
export function fixtureRoutes(onRaw: (rawRequest: unknown, rawResponse: unknown) => void) {
    const ok = (ctx: CallContext): string => 'ok';
    return {
        raw: rawHook((ctx: CallContext, rawRequest: unknown, rawResponse: unknown): void => onRaw(rawRequest, rawResponse)),
        my: {path: ok},
        lambda: ok,
        todos: ok,
        hello: {world: ok},
        'no-auth': ok,
        v1: {health: ok},
        echo: (ctx: CallContext, text: string): string => text,
    } satisfies Routes;
}

/** Creates a {@link RecordingRouter}; `maxBodySize` defaults to the router's default. */
export function createRecordingRouter(maxBodySize?: number): RecordingRouter {
    const seen: Seen[] = [];
    const pending: {rawRequest: unknown; rawResponse: unknown}[] = [];
    const router = createRouter({maxBodySize});
    router.registerRoutes(fixtureRoutes((rawRequest, rawResponse) => pending.push({rawRequest, rawResponse})));
    const dispatch = router.dispatch.bind(router);
    router.dispatch = (request, rawRequest, rawResponse) => {
        const entry: Seen = {request, rawRequest: undefined, rawResponse: undefined};
        seen.push(entry);
        const out = dispatch(request, rawRequest, rawResponse);
        // The raw hook runs first and synchronously, so it has run by now if the route was found.
        const raw = pending.shift();
        if (raw !== undefined) Object.assign(entry, raw);
        return out;
    };
    return {
        router,
        seen,
        last: () => {
            const entry = seen[seen.length - 1];
            if (entry === undefined) throw new Error('the router saw no call');
            return entry;
        },
    };
}
