import {RpcError} from '@hookline/core';
import {CallContext, RouteMeta} from './call-context.js';
import {RouterOptions} from './router-options.js';

/** A route or hook handler: the call context, then the remote params. */
export type Handler = (ctx: CallContext<any>, ...params: any[]) => any;

/** A header hook handler: the call context, then the one header value. */
export type HeaderHandler = (ctx: CallContext<any>, value: any) => any;

/** A raw hook handler: gets the platform's own request and response; can't take params or return data. */
export type RawHookHandler = (
    ctx: CallContext<any>,
    rawRequest: any,
    rawResponse: any,
    routerOptions: Readonly<RouterOptions>,
) => void | RpcError | Promise<void | RpcError>;

/** Switches a route or hook can set for itself (the router's options are the defaults). */
export interface ProcedureOptions {
    /** Shown in the metadata and in `router.describe()`. */
    description?: string;
    /** Validate params against their declared types. Default: the router's `useValidation`. */
    useValidation?: boolean;
    /** Deserialize params (Dates) and serialize the return value from its type. Default: the router's `useSerialization`. */
    useSerialization?: boolean;
    /** Check the return value against the declared return type. Default: the router's `validateReturn`. */
    validateReturn?: boolean;
}

/** Options of a route. */
export interface RouteOptions extends ProcedureOptions {
    /** Route metadata hooks read as `ctx.route.meta` (e.g. required roles); also in `router.describe()`. */
    meta?: RouteMeta;
}

/** Options of a hook. */
export interface HookOptions extends ProcedureOptions {
    /** Run even after an earlier procedure failed (e.g. a logger reading `ctx.request.internalErrors`). */
    runOnError?: boolean;
}

/** Options of a raw hook. */
export interface RawHookOptions {
    description?: string;
    runOnError?: boolean;
}

/** A route as an object: `{route(ctx, ...params) {...}}`. */
export interface RouteDef<H extends Handler = Handler> extends RouteOptions {
    route: H;
}

/** A hook as an object: `{hook(ctx, ...params) {...}}`. */
export interface HookDef<H extends Handler = Handler> extends HookOptions {
    hook: H;
}

/** A header hook as an object: `{headerName: 'authorization', hook(ctx, token: string) {...}}`. */
export interface HeaderHookDef<H extends HeaderHandler = HeaderHandler> extends HookOptions {
    headerName: string;
    hook: H;
}

/** A raw hook as an object: `{rawHook(ctx, rawRequest, rawResponse, routerOptions) {...}}`. */
export interface RawHookDef<H extends RawHookHandler = RawHookHandler> extends RawHookOptions {
    rawHook: H;
}

/** Anything a routes object can hold. */
export type RouterEntry = Handler | RouteDef | HookDef | HeaderHookDef | RawHookDef | Routes;

/**
 * A routes object: keys are path segments, values routes, hooks or nested routes objects. Hooks
 * run before or after the routes according to their position; hooks nested under a key apply
 * only to the routes under that key.
 *
 * @example
 * const routes = {auth: headersHook('authorization', checkToken), users: {getUser}} satisfies Routes;
 */
export interface Routes {
    [key: string]: RouterEntry;
}

/**
 * Defines a route with options. A plain function is a route too.
 *
 * @example
 * const routes = {getUser: route((ctx, id: number): User => db.get(id), {description: 'One user'})} satisfies Routes;
 */
export function route<H extends Handler>(handler: H, options: RouteOptions = {}): RouteDef<H> {
    return {...options, route: handler};
}

/**
 * Defines a hook: runs before or after the routes according to its position in the routes object.
 *
 * @example
 * const routes = {logger: hook((ctx: CallContext): void => log(ctx.path), {runOnError: true})} satisfies Routes;
 */
export function hook<H extends Handler>(handler: H, options: HookOptions = {}): HookDef<H> {
    return {...options, hook: handler};
}

/**
 * Defines a header hook: its one param is read from the header `headerName` (case-insensitive),
 * and a returned value is sent back in a response header of that name.
 *
 * @example
 * const routes = {auth: headersHook('authorization', (ctx, token: string): void => check(token))} satisfies Routes;
 */
export function headersHook<H extends HeaderHandler>(headerName: string, handler: H, options: HookOptions = {}): HeaderHookDef<H> {
    return {...options, headerName, hook: handler};
}

/**
 * Defines a raw hook: gets the platform's own request and response (Node `IncomingMessage` and
 * `ServerResponse`, or the Lambda event and context) and the router options.
 *
 * @example
 * const routes = {progress: rawHook((ctx, req, res: ServerResponse): void => void res.write('...'))} satisfies Routes;
 */
export function rawHook<H extends RawHookHandler>(handler: H, options: RawHookOptions = {}): RawHookDef<H> {
    return {...options, rawHook: handler};
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isFn = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function';

/** Whether `entry` is a route definition object. */
export function isRouteDef(entry: unknown): entry is RouteDef {
    return typeof entry === 'object' && entry !== null && hasOwn(entry, 'route') && isFn((entry as RouteDef).route);
}

/** Whether `entry` is a header hook definition object. */
export function isHeaderHookDef(entry: unknown): entry is HeaderHookDef {
    return (
        typeof entry === 'object' &&
        entry !== null &&
        hasOwn(entry, 'headerName') &&
        hasOwn(entry, 'hook') &&
        isFn((entry as HeaderHookDef).hook)
    );
}

/** Whether `entry` is a hook definition object (header hooks excluded). */
export function isHookDef(entry: unknown): entry is HookDef {
    return (
        typeof entry === 'object' &&
        entry !== null &&
        hasOwn(entry, 'hook') &&
        !hasOwn(entry, 'headerName') &&
        isFn((entry as HookDef).hook)
    );
}

/** Whether `entry` is a raw hook definition object. */
export function isRawHookDef(entry: unknown): entry is RawHookDef {
    return typeof entry === 'object' && entry !== null && hasOwn(entry, 'rawHook') && isFn((entry as RawHookDef).rawHook);
}
