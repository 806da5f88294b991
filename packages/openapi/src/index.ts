export {openApiDocument, defaultOperationInfo} from './openapi-document.js';
export type {OpenApiDocument, OpenApiInfo, OpenApiOptions, OperationInfo} from './openapi-document.js';
export {apiSnapshot, toSnapshot} from './api-snapshot.js';
export type {ApiSnapshot, ApiSource} from './api-snapshot.js';
export {SchemaWriter} from './schema-writer.js';
export type {JsonSchema} from './schema-writer.js';
export {compareApis, formatChanges} from './compare-apis.js';
export type {ApiChange, ApiChangeKind} from './compare-apis.js';
export {isAssignable} from './type-compat.js';
