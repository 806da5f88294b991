import {ProcedureMetadata, RouteMetadata} from '@hookline/core';
import {Handler, HeaderHandler, HeaderHookDef, HookDef, RawHookDef, RawHookHandler, RouteDef, Routes} from './definitions.js';

/** The remote params of a handler (its params after the context). */
export type RemoteParams<H> = H extends (ctx: any, ...params: infer P) => any ? P : never;

/** What a handler's call resolves to (its return type, `Promise` unwrapped). */
export type RemoteReturn<H> = H extends (...args: any[]) => infer R ? Awaited<R> : never;

/** A route in the api spec: its metadata, and (as a type only) its handler. */
export interface RouteSpec<H extends Handler = Handler> extends RouteMetadata {
    /** Type carrier for clients; never set at runtime. */
    readonly __handler?: H;
}

/** A hook in the api spec. */
export interface HookSpec<H extends Handler = Handler> extends ProcedureMetadata {
    kind: 'hook';
    readonly __handler?: H;
}

/** A header hook in the api spec. */
export interface HeaderHookSpec<H extends HeaderHandler = HeaderHandler> extends ProcedureMetadata {
    kind: 'headerHook';
    headerName: string;
    readonly __handler?: H;
}

/** A raw hook in the api spec (clients have nothing to send it). */
export interface RawHookSpec<H extends RawHookHandler = RawHookHandler> extends ProcedureMetadata {
    kind: 'rawHook';
    readonly __handler?: H;
}

/**
 * The api spec of a routes object, as `registerRoutes` returns it: the same tree, each route and
 * hook replaced by its metadata and typed by its handler. `typeof apiSpec` is what typed
 * clients are built from.
 */
export type ApiSpec<R extends Routes> = {
    [K in keyof R]: R[K] extends RouteDef<infer H>
        ? RouteSpec<H>
        : R[K] extends HeaderHookDef<infer H>
          ? HeaderHookSpec<H>
          : R[K] extends HookDef<infer H>
            ? HookSpec<H>
            : R[K] extends RawHookDef<infer H>
              ? RawHookSpec<H>
              : R[K] extends Handler
                ? RouteSpec<R[K]>
                : R[K] extends Routes
                  ? ApiSpec<R[K]>
                  : never;
};
