import {ProcedureKind, RpcError, routerError, TypeNode, typeNodeToString} from '@hookline/core';
import {CallContext, Context} from './call-context.js';
import {RawHookHandler} from './definitions.js';
import {RouterOptions} from './router-options.js';
import {
    buildHeaderConverter,
    compileType,
    CompiledType,
    HandlerSignature,
    isHeaderType,
    minTupleLength,
    ParamSignature,
    TypeCodeFunctions,
} from './runtime-types/index.js';
import {StartupError, StartupErrorCodes} from './startup-error.js';
import {compileDeclaredErrors, DeclaredError} from './declared-errors.js';

/** Id under which errors that belong to no procedure (routing, body) are sent. */
export const ROUTER_ERROR_ID = '@router';

/** A compiled step of an execution path. */
export interface Procedure {
    /** Procedure id (the keys joined by `/`); internal steps start with `@`. */
    readonly id: string;
    readonly kind: ProcedureKind | 'internal';
    /** Id under which this procedure's errors are sent. */
    readonly errorId: string;
    readonly description: string | undefined;
    readonly runOnError: boolean;
    /** Takes params from the body. */
    readonly usesBody: boolean;
    /** Can put a value in the response body. */
    readonly returnsData: boolean;
    /** The header a header hook reads and writes (lower case). */
    readonly headerName: string | undefined;
    /** Remote params (the context excluded). */
    readonly params: ParamSignature[];
    /** Compiled params tuple (`undefined` when there are none). */
    readonly paramsType: CompiledType | undefined;
    /** Compiled return type. */
    readonly returnType: CompiledType;
    /** The handler's signature, the context included (`undefined` for raw hooks and internal steps). */
    readonly signature: HandlerSignature | undefined;
    /** The errors it declares (its return type's `RpcError` subclasses); `undefined` when none. */
    readonly errors: readonly DeclaredError[] | undefined;
    /**
     * A streaming route's compiled types; `undefined` for every other procedure. Its `settle`
     * stores the handler's async iterable under its id.
     */
    readonly stream: StreamTypes | undefined;
    /** Gets params, validates, deserializes, calls the handler. May return a promise. */
    invoke(ctx: CallContext, rawRequest: unknown, rawResponse: unknown, options: Readonly<RouterOptions>): unknown;
    /** Stores what the handler returned (or turns a returned error into a failure). */
    settle(ctx: CallContext, value: unknown): void;
}

/** What a streaming route's items and final value are checked and written with. */
export interface StreamTypes {
    /** Each item's type. */
    readonly item: CompiledType;
    /** The final value's type (the procedure's `returnType`). */
    readonly result: CompiledType;
    /** Whether items and the final value are checked against their types (`validateReturn`). */
    readonly validate: boolean;
    /** Whether the final value carries data (its type is not `void`/`undefined`). */
    readonly returnsData: boolean;
}

/** Per-procedure switches, resolved against the router options. */
export interface ProcedureSwitches {
    useValidation: boolean;
    useSerialization: boolean;
    validateReturn: boolean;
}

const noParams: unknown[] = [];
const anyType: TypeNode = {kind: 'any'};

function returnsDataOf(node: TypeNode): boolean {
    return !(
        node.kind === 'undefined' ||
        node.kind === 'never' ||
        (node.kind === 'union' && node.members.every((m) => m.kind === 'undefined'))
    );
}

function paramsTuple(params: ParamSignature[]): TypeNode {
    return {kind: 'tuple', items: params.map((p) => ({type: p.type, optional: p.optional, rest: false}))};
}

/**
 * Runs a guard over client data. Guards of recursive types recurse as deep as the data goes: a
 * value nested past the stack is a client error (400), not a crash.
 */
function isJsonBounded(id: string, guard: (v: unknown) => boolean, value: unknown): boolean {
    try {
        return guard(value);
    } catch (error) {
        if (error instanceof RangeError)
            throw routerError('validation-failed', `params of "${id}" are nested too deeply`, {
                errors: [{path: id, expected: 'less nesting', message: 'nested too deeply'}],
            });
        throw error;
    }
}

/** Calls the handler with the params spread, without allocating for the common small counts. */
function caller(handler: (...args: any[]) => unknown, count: number): (ctx: CallContext, p: unknown[]) => unknown {
    switch (count) {
        case 0:
            return (ctx) => handler(ctx);
        case 1:
            return (ctx, p) => handler(ctx, p[0]);
        case 2:
            return (ctx, p) => handler(ctx, p[0], p[1]);
        case 3:
            return (ctx, p) => handler(ctx, p[0], p[1], p[2]);
        default:
            return (ctx, p) => handler(ctx, ...p);
    }
}

/** Records an error under `errorId`: in `internalErrors`, the status (first error wins), and the response body. */
export function recordError(ctx: CallContext, errorId: string, error: RpcError): void {
    const res = ctx.response;
    ctx.request.internalErrors.push(error);
    if (!res.hasErrors) {
        res.hasErrors = true;
        res.statusCode = error.statusCode;
    }
    if (!(res.body[errorId] instanceof PublicError)) res.body[errorId] = new PublicError(error, (ctx as Context).errorTraceId());
}

/** An error as stored in `ctx.response.body`: its public fields only. */
export class PublicError {
    readonly name: string;
    readonly statusCode: number;
    readonly message: string;
    readonly errorData?: unknown;
    readonly id?: string | number;
    constructor(error: RpcError, traceId?: string | number) {
        this.name = error.name;
        this.statusCode = error.statusCode;
        this.message = error.publicMessage;
        if (error.errorData !== undefined) this.errorData = error.errorData;
        const id = error.id ?? traceId;
        if (id !== undefined) this.id = id;
    }
}

export function invalidReturn(id: string, detail: string): RpcError {
    return routerError(
        'invalid-return',
        'The server produced an invalid response',
        undefined,
        undefined,
        `"${id}" returned an invalid value: ${detail}`,
    );
}

/** What compiling a route or hook starts from. */
export interface Base {
    id: string;
    kind: ProcedureKind;
    description: string | undefined;
    runOnError: boolean;
    signature: HandlerSignature;
    switches: ProcedureSwitches;
    /**
     * Set on a compiled module: the generated code of the params tuple and the return type, each
     * absent from a compact module (then built from closures). Unset: code is generated here.
     */
    code?:
        | {
              params?: (() => TypeCodeFunctions) | undefined;
              returns?: (() => TypeCodeFunctions) | undefined;
              item?: (() => TypeCodeFunctions) | undefined;
          }
        | undefined;
}

function makeSettle(base: Base, returnType: CompiledType, returnsData: boolean): (ctx: CallContext, value: unknown) => void {
    const {id} = base;
    const check = base.switches.validateReturn && returnsData && returnType.node.kind !== 'any' && returnType.node.kind !== 'unknown';
    const {isValue} = returnType;
    return (ctx, value) => {
        if (value === undefined) return;
        if (value instanceof Error) {
            if (value instanceof RpcError) return recordError(ctx, id, value);
            throw value;
        }
        if (!returnsData) return;
        if (check && !isValue(value)) {
            const issues = returnType.valueIssues(value, id);
            throw invalidReturn(id, issues.map((i) => `${i.path}: ${i.message}`).join('; '));
        }
        ctx.response.body[id] = value;
    };
}

/** Whether a value can be iterated with `for await` (what a streaming handler must return). */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as {[Symbol.asyncIterator]?: unknown})[Symbol.asyncIterator] === 'function'
    );
}

/** A streaming route's settle: keeps the async iterable under its id for the stream to read (or fails as any route). */
function makeStreamSettle(id: string): (ctx: CallContext, value: unknown) => void {
    return (ctx, value) => {
        if (value instanceof Error) {
            if (value instanceof RpcError) return recordError(ctx, id, value);
            throw value;
        }
        if (!isAsyncIterable(value)) throw invalidReturn(id, 'a streaming route must return an async iterable (an async generator)');
        ctx.response.body[id] = value;
    };
}

/** The code to compile a type with: the compiled module's, closures when the module has none, or generated (no module). */
function codeOf(base: Base, part: 'params' | 'returns' | 'item'): TypeCodeFunctions | 'closures' | undefined {
    if (base.code === undefined) return undefined;
    const factory = base.code[part];
    return factory === undefined ? 'closures' : factory();
}

function refuseStreamingHook(id: string): never {
    throw new StartupError(
        StartupErrorCodes.UNSUPPORTED_TYPE,
        `"${id}": a hook returns an async iterable; only routes stream (hooks run before or after the stream).`,
    );
}

/** Compiles a route or a (non-header) hook. */
export function compileProcedure(base: Base, handler: (...args: any[]) => unknown): Procedure {
    const {id, signature, switches} = base;
    if (signature.stream !== undefined && base.kind !== 'route') refuseStreamingHook(id);
    const params = signature.params.slice(1);
    const fast = switches.useSerialization;
    const paramsType = params.length === 0 ? undefined : compileType(paramsTuple(params), fast, codeOf(base, 'params'));
    const returnType = compileType(signature.returns, fast, codeOf(base, 'returns'));
    const returnsData = returnsDataOf(signature.returns);
    const stream: StreamTypes | undefined =
        signature.stream === undefined
            ? undefined
            : {
                  item: compileType(signature.stream.item, fast, codeOf(base, 'item')),
                  result: returnType,
                  validate: switches.validateReturn,
                  returnsData,
              };
    const call = caller(handler, params.length);
    // Trailing params that are optional or accept undefined may be left out (the same rule as the validator's).
    const required = minTupleLength(params.map((p) => ({type: p.type, optional: p.optional, rest: false})));

    let invoke: Procedure['invoke'];
    if (paramsType === undefined) {
        invoke = (ctx) => {
            const raw = ctx.request.body[id];
            if (raw !== undefined && (!Array.isArray(raw) || raw.length > 0)) {
                throw routerError('invalid-params', `"${id}" takes no params: send an empty array or nothing`);
            }
            return call(ctx, noParams);
        };
    } else {
        const validate = switches.useValidation;
        const {isJson} = paramsType;
        const deserialize = fast ? paramsType.deserialize : undefined;
        invoke = (ctx) => {
            let raw = ctx.request.body[id];
            if (raw === undefined) {
                if (required > 0)
                    throw routerError(
                        'invalid-params',
                        `"${id}" expects ${required} param${required === 1 ? '' : 's'} under "${id}" in the body`,
                    );
                raw = [];
            } else if (!Array.isArray(raw)) {
                throw routerError('invalid-params', `params of "${id}" must be an array`);
            }
            if (validate && !isJsonBounded(id, isJson, raw)) {
                const errors = paramsType.jsonIssues(raw, id);
                throw routerError(
                    'validation-failed',
                    `invalid params for "${id}": ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
                    {errors},
                );
            }
            if (deserialize !== undefined) deserialize(raw);
            return call(ctx, raw as unknown[]);
        };
    }
    return {
        id,
        kind: base.kind,
        errorId: id,
        description: base.description,
        runOnError: base.runOnError,
        usesBody: params.length > 0,
        returnsData,
        headerName: undefined,
        params,
        paramsType,
        returnType,
        signature,
        errors: compileDeclaredErrors(signature.errors, base.code !== undefined),
        stream,
        invoke,
        settle: stream === undefined ? makeSettle(base, returnType, returnsData) : makeStreamSettle(id),
    };
}

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Compiles a header hook: one `string | number | boolean` param read from a header. */
export function compileHeaderHook(base: Base, headerName: string, handler: (...args: any[]) => unknown): Procedure {
    const {id, signature} = base;
    if (signature.stream !== undefined) refuseStreamingHook(id);
    if (typeof headerName !== 'string' || !headerNamePattern.test(headerName)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_HEADER_HOOK,
            `"${id}": headerName must be a valid HTTP header name, got ${JSON.stringify(headerName)}`,
        );
    }
    const name = headerName.toLowerCase();
    const params = signature.params.slice(1);
    const param = params[0];
    if (params.length !== 1 || param === undefined) {
        throw new StartupError(
            StartupErrorCodes.INVALID_HEADER_HOOK,
            `"${id}": a header hook takes exactly one param besides the context (the header value), got ${params.length}`,
        );
    }
    if (!isHeaderType(param.type)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_HEADER_HOOK,
            `"${id}": header param "${param.name}" must be string, number or boolean, got ${typeNodeToString(param.type)}`,
        );
    }
    const returns = signature.returns;
    if (returnsDataOf(returns) && !isHeaderType(returns) && returns.kind !== 'any') {
        throw new StartupError(
            StartupErrorCodes.INVALID_HEADER_HOOK,
            `"${id}": a header hook returns void or a string, number or boolean (sent as header "${name}"), got ${typeNodeToString(returns)}`,
        );
    }
    const convert = buildHeaderConverter(param.type);
    const optional =
        param.optional ||
        param.type.kind === 'undefined' ||
        (param.type.kind === 'union' && param.type.members.some((m) => m.kind === 'undefined'));
    const returnType = compileType(returns, false, codeOf(base, 'returns'));
    const returnsData = returnsDataOf(returns);
    const invoke: Procedure['invoke'] = (ctx) => {
        const raw = ctx.request.headers[name];
        if (raw === undefined) {
            if (!optional) throw routerError('invalid-header', `header "${name}" is required`, {header: name});
            return handler(ctx, undefined);
        }
        if (typeof raw !== 'string') throw routerError('invalid-header', `header "${name}" must be sent once`, {header: name});
        const converted = convert(raw);
        if (!converted.ok) throw routerError('invalid-header', `header "${name}": ${converted.message}`, {header: name});
        return handler(ctx, converted.value);
    };
    const settle: Procedure['settle'] = (ctx, value) => {
        if (value === undefined) return;
        if (value instanceof Error) {
            if (value instanceof RpcError) return recordError(ctx, id, value);
            throw value;
        }
        if (!returnsData) return;
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
            throw invalidReturn(id, `header values must be string, number or boolean`);
        const text = String(value);
        if (/[\r\n\0]/.test(text)) throw invalidReturn(id, `header "${name}" value contains CR, LF or NUL`);
        ctx.response.headers[name] = text;
    };
    return {
        id,
        kind: 'headerHook',
        errorId: id,
        description: base.description,
        runOnError: base.runOnError,
        usesBody: false,
        returnsData: false,
        headerName: name,
        params,
        paramsType: undefined,
        returnType,
        signature,
        errors: compileDeclaredErrors(signature.errors, base.code !== undefined),
        stream: undefined,
        invoke,
        settle,
    };
}

/** Compiles a raw hook: no remote params, no returned data. */
export function compileRawHook(id: string, handler: RawHookHandler, runOnError: boolean, description: string | undefined): Procedure {
    const returnType = compileType(anyType, false);
    return {
        id,
        kind: 'rawHook',
        errorId: id,
        description,
        runOnError,
        usesBody: false,
        returnsData: false,
        headerName: undefined,
        params: [],
        paramsType: undefined,
        returnType,
        signature: undefined,
        errors: undefined,
        stream: undefined,
        invoke: (ctx, rawRequest, rawResponse, options) => handler(ctx, rawRequest, rawResponse, options),
        settle: (ctx, value) => {
            if (value instanceof RpcError) recordError(ctx, id, value);
            else if (value instanceof Error) throw value;
        },
    };
}

/** Compiles an internal step (body parsing, serialization); its errors go under `@router`. */
export function internalProcedure(id: string, runOnError: boolean, invoke: (ctx: CallContext) => void, description: string): Procedure {
    return {
        id,
        kind: 'internal',
        errorId: ROUTER_ERROR_ID,
        description,
        runOnError,
        usesBody: false,
        returnsData: false,
        headerName: undefined,
        params: [],
        paramsType: undefined,
        returnType: compileType(anyType, false),
        signature: undefined,
        errors: undefined,
        stream: undefined,
        invoke,
        settle: () => undefined,
    };
}
