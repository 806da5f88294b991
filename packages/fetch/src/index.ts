export {createFetchHandler} from './handler.js';
export type {FetchHandler, FetchHandlerOptions} from './handler.js';
export {toRouterRequest, requestHeadersOf, pathOf} from './request.js';
export {readBody, decodeBody} from './body.js';
export type {BodyResult} from './body.js';
export {toResponse} from './response.js';
export {waitUntilOf} from './wait-until.js';
export type {WaitUntilLike} from './wait-until.js';
export type {CorsOptions} from '@hookline/node/cors';
