export {route, hook, headersHook, rawHook, isRouteDef, isHookDef, isHeaderHookDef, isRawHookDef} from './definitions.js';
export type {
    Handler,
    HeaderHandler,
    RawHookHandler,
    ProcedureOptions,
    RouteOptions,
    HookOptions,
    RawHookOptions,
    RouteDef,
    HookDef,
    HeaderHookDef,
    RawHookDef,
    RouterEntry,
    Routes,
} from './definitions.js';
export type {
    CallContext,
    CallRequest,
    CallResponse,
    RequestHeaders,
    RouteInfo,
    RouteMeta,
    SharedDataRegistry,
    AppSharedData,
    TestContextOptions,
} from './call-context.js';
export {createCallContext, createTestContext, isJsonOnlyHeaders, JSON_CONTENT_TYPE} from './call-context.js';
export {getCallContext, runWithCallContext} from './async-context.js';
export {ContextLogger, jsonLinesSink, pinoSink} from './context-logger.js';
export type {LogLevel, LogLine, LogSink, PinoLike} from './context-logger.js';
export {isWellFormedRequestId} from './request-id.js';
export {Router, createRouter, METADATA_ROUTE_ID} from './router.js';
export {BATCH_ROUTE_ID} from './batch.js';
export type {InjectRequest, InjectResponse, CallOptions, PathDescription, StepDescription, ContextOf} from './router.js';
export {initRouter, registerRoutes, getRouter, resetRouter} from './default-router.js';
export {defaultRouterOptions} from './router-options.js';
export type {RouterOptions} from './router-options.js';
export {routerErrorResponse, bodyTooLargeResponse} from './dispatch.js';
export type {RouterRequest, RouterResponse} from './dispatch.js';
export {collectStream, sseEvent, eventStreamHeaders, EVENT_STREAM_CONTENT_TYPE, PING_CHUNK} from './stream-response.js';
export type {RouterStream} from './stream-response.js';
export {ROUTER_ERROR_ID} from './procedure.js';
export {StartupError, StartupErrorCodes} from './startup-error.js';
export type {StartupErrorCode} from './startup-error.js';
export {toRpcError, UNEXPECTED_ERROR_MESSAGE} from './errors.js';
export type {ApiSpec, RouteSpec, HookSpec, HeaderHookSpec, RawHookSpec, RemoteParams, RemoteReturn} from './api-spec.js';
export type {ExecutionPath} from './execution-path.js';
export type {ValidationIssue, JsonSchema, TypeCodeFunctions} from './runtime-types/index.js';
export {typeCodeScope} from './runtime-types/index.js';
export {COMPILED_FORMAT} from './compiled-api.js';
export type {CompiledApi, CompiledProcedure, CompiledKind} from './compiled-api.js';
export {RpcError, StatusCodes} from '@hookline/core';
