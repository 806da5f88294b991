export {createClient} from './client.js';
export type {BatchOptions, BatchResults, BatchingClient} from './batch.js';
export type {ClientOptions, FetchLike, FetchInit, FetchResponse, ParamsValidator} from './client.js';
export type {
    Client,
    ClientTree,
    RouteClient,
    StreamClient,
    HookClient,
    CallOptions,
    RouteType,
    StreamRouteType,
    ErrorType,
    DeclaredErrorsOf,
    RouteErrorOf,
    HookType,
    HeaderHookType,
    HandlerOf,
    ParamsOf,
    ResultOf,
    StreamItemOf,
    StreamResultOf,
    IsStreaming,
} from './types.js';
export type {CallStream} from './stream.js';
export {unwrap, CallFailedError} from './result.js';
export type {
    CallResult,
    CallError,
    ServerCallError,
    RouterCallError,
    RouterErrorData,
    RpcCallError,
    DeclaredCallError,
    GenericRpcCallError,
    TypedCallError,
    ClientCallError,
    NetworkCallError,
    TimeoutCallError,
    AbortedCallError,
    InvalidResponseCallError,
} from './result.js';
export {memoryStore, localStorageStore} from './store.js';
export type {HookStore, StorageLike, LocalStorageStoreOptions} from './store.js';
export {compileReviver} from './revive.js';
export type {Reviver} from './revive.js';
export type {ApiMetadata, ValidationIssue} from '@hookline/core';
