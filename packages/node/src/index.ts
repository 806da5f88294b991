export {createNodeHandler} from './handler.js';
export type {NodeHandler, NodeHandlerOptions} from './handler.js';
export {startNodeServer, defaultNodeServerOptions} from './server.js';
export type {NodeServerOptions, NodeServerHandle} from './server.js';
export {toRouterRequest, pathOf} from './request.js';
export {readBody, hasBody, decodeBody} from './body.js';
export type {BodyResult} from './body.js';
export {writeResponse} from './response.js';
