export {RpcError, routerError, isRpcError} from './rpc-error.js';
export type {RpcErrorParams} from './rpc-error.js';
export {StatusCodes, isErrorStatusCode} from './status-codes.js';
export type {StatusCode} from './status-codes.js';
export {
    RouterErrorStatus,
    routerErrorCodes,
    isRouterErrorCode,
    GENERIC_ERROR_NAME,
    clientErrorNames,
    isReservedErrorName,
} from './error-codes.js';
export type {RouterErrorCode} from './error-codes.js';
export {typeNodeToString} from './type-node.js';
export {withoutUndefined} from './options.js';
export {
    ValidatorBuilder,
    isIsoDateString,
    isValidDate,
    dateFromIso,
    acceptsUndefined,
    collectRefTargets,
    minTupleLength,
} from './validator.js';
export type {Guard, IssueCollector, ValidationIssue, ValidationMode} from './validator.js';
export type {TypeNode, ObjectTypeNode, PropertyNode, TupleMemberNode} from './type-node.js';
export type {
    PublicRpcError,
    RequestBody,
    ResponseBody,
    ProcedureKind,
    ProcedureMetadata,
    RouteMetadata,
    ErrorMetadata,
    StreamMetadata,
    ApiMetadata,
} from './wire-types.js';
