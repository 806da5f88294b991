export {createLambdaHandler, dispatchEvent, httpEventOf} from './handler.js';
export type {LambdaHandler, LambdaHandlerOptions} from './handler.js';
export {createStreamingLambdaHandler, responseStreamOf} from './streaming.js';
export type {
    AwsLambdaStreamingRuntime,
    EarlyResponseWriter,
    LambdaResponseStream,
    StreamingHandler,
    StreamingLambdaHandlerOptions,
} from './streaming.js';
export {eventKindOf, kindedEvent} from './event-kind.js';
export type {EventKind, KindedEvent} from './event-kind.js';
export {toRouterRequest, pathOf, methodOf} from './request.js';
export type {PathOptions} from './request.js';
export {requestHeadersOf, addRequestHeader, splitResponseHeaders} from './headers.js';
export type {ResponseHeaders, SplitHeaders} from './headers.js';
export {decodeRequestBody, encodeResponseBody} from './body.js';
export type {DecodedBody, EncodedBody} from './body.js';
export {toLambdaResult, resultHeaders, streamPrelude, statusDescription} from './response.js';
export type {OutgoingResponse, ResultHeaders, StreamPrelude} from './response.js';
export type {
    AlbEvent,
    AlbResult,
    ApiGatewayV1Event,
    ApiGatewayV1Result,
    ApiGatewayV2Event,
    ApiGatewayV2Result,
    LambdaContext,
    LambdaHttpEvent,
    LambdaHttpResult,
    MultiValueHeaders,
    SingleValueHeaders,
} from './events.js';
