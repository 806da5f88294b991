import {TypeNode} from './type-node.js';

/** An error as it travels on the wire: public fields only. */
export interface PublicRpcError {
    name: string;
    statusCode: number;
    message: string;
    errorData?: unknown;
    id?: string | number;
}

/** A request body: the params of each procedure (route or hook) keyed by its id. */
export type RequestBody = Record<string, unknown[]>;

/** A response body: the value (or error) of each procedure that returned one, keyed by its id. */
export type ResponseBody = Record<string, unknown>;

/** The kinds of procedure in an execution path. */
export type ProcedureKind = 'route' | 'hook' | 'headerHook' | 'rawHook';

/** What a client needs to know about one public procedure. */
export interface ProcedureMetadata {
    id: string;
    kind: ProcedureKind;
    /** Names of the remote params (the context is not a remote param). */
    paramNames: string[];
    /** Types of the remote params. */
    params: TypeNode[];
    /** Declared return type, with `Promise` unwrapped. */
    returns: TypeNode;
    /** Whether the procedure can put a value in the response body. */
    returnsData: boolean;
    /** For header hooks, the header (lower case) the param is read from and the return value written to. */
    headerName?: string;
    description?: string;
    /**
     * Present when the route streams (its handler is an `async function*` or returns an
     * `AsyncIterable`): the type of each item and of the final value (`returns` is that final
     * value's type too). See docs/streaming.md.
     */
    stream?: StreamMetadata;
}

/** The types of a streaming route: its items, and the value it ends with. */
export interface StreamMetadata {
    /** Type of each item (`T` of `AsyncGenerator<T, R>`). */
    item: TypeNode;
    /** Type of the final value (`R`; `undefined` when the generator returns nothing). */
    result: TypeNode;
}

/**
 * An error a route or hook declares (an `RpcError` subclass with a literal name in its handler's
 * return type): the errors a typed route answers with besides the router's own codes.
 */
export interface ErrorMetadata {
    /** Id of the procedure (the route, or a hook on its path) that declares it: the id the error is sent under. */
    procedureId: string;
    /** The error's `name` on the wire. */
    name: string;
    /** Its HTTP status, when the declaration fixes one. */
    statusCode?: number;
    /** The type of its `errorData` (`undefined` when it carries none). */
    errorData: TypeNode;
}

/** What a client needs to know about one route: its own procedure and the hooks on its path. */
export interface RouteMetadata extends ProcedureMetadata {
    kind: 'route';
    /** URL path of the route, prefix and suffix included. */
    path: string;
    /** Whether the route answers GET (its execution path takes no body params). */
    allowsGet: boolean;
    /** Ids of the hooks on the route's execution path that take params or return data, in order. */
    hooks: string[];
    /**
     * Present when the route is typed (it or a hook on its path declares errors): every error
     * declared on its path. An error a typed route answers with is one of these, one of the
     * router's codes, or the generic `RpcError` (an undeclared error, its `errorData` dropped).
     */
    errors?: ErrorMetadata[];
}

/** The document served by the router's metadata route. */
export interface ApiMetadata {
    version: 1;
    prefix: string;
    suffix: string;
    routes: Record<string, RouteMetadata>;
    hooks: Record<string, ProcedureMetadata>;
}
