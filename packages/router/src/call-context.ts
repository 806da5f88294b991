import {RpcError} from '@hookline/core';

/** Request headers with lower-case names, as Node's `IncomingMessage.headers`. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The router's own request object (not the platform's: raw hooks get that). */
export interface CallRequest {
    /** Request headers, names in lower case. */
    readonly headers: RequestHeaders;
    /** The body as received (decoded to text); `''` when there was none. */
    readonly rawBody: string;
    /** The parsed body: params keyed by procedure id. */
    body: Record<string, unknown>;
    /** Every error of this call, in order, with private message and original error (server side only). */
    readonly internalErrors: RpcError[];
}

/** The router's own response object. */
export interface CallResponse {
    /** HTTP status; 200 unless an error set it. */
    statusCode: number;
    /** Response headers, names in lower case. Header hooks write their returned values here. */
    readonly headers: Record<string, string>;
    /** Values returned by procedures (and public errors) keyed by procedure id. */
    readonly body: Record<string, unknown>;
    /** The serialized body, set by the end of the execution path. */
    rawBody: string;
    /** Whether a procedure failed; from then on only `runOnError` hooks run. */
    hasErrors: boolean;
}

/**
 * Everything about the ongoing call, passed as first argument to every route and hook.
 *
 * @example
 * type MyContext = CallContext<{myUser: User | null}>;
 * const getMyPet = async (ctx: MyContext): Promise<Pet> => db.petOf(ctx.shared.myUser);
 */
export interface CallContext<SharedData = any> {
    /** URL path of the route (prefix and suffix included). */
    readonly path: string;
    /** Router's own request object. */
    readonly request: CallRequest;
    /** Router's own response object. */
    readonly response: CallResponse;
    /** Data shared between the hooks and the route of this call; never sent to the client. */
    shared: SharedData;
}

class Request implements CallRequest {
    body: Record<string, unknown> = {};
    readonly internalErrors: RpcError[] = [];
    constructor(
        readonly headers: RequestHeaders,
        readonly rawBody: string,
    ) {}
}

class Response implements CallResponse {
    statusCode = 200;
    readonly headers: Record<string, string> = {'content-type': 'application/json; charset=utf-8'};
    readonly body: Record<string, unknown> = {};
    rawBody = '';
    hasErrors = false;
}

class Context implements CallContext {
    constructor(
        readonly path: string,
        readonly request: CallRequest,
        readonly response: CallResponse,
        public shared: unknown,
    ) {}
}

/**
 * Creates a call context of the one fixed shape every call uses. Adapters don't need it; it is
 * exported for tests of handlers that need a context.
 */
export function createCallContext<SharedData = any>(
    path: string,
    headers: RequestHeaders,
    rawBody: string,
    shared: SharedData,
): CallContext<SharedData> {
    return new Context(path, new Request(headers, rawBody), new Response(), shared) as CallContext<SharedData>;
}
