// The Lambda function's entry point, `handler.handler` in dist/lambda/handler.mjs (one esbuild
// bundle, dependencies included). API Gateway (REST and HTTP APIs), Function URLs and ALB events
// all work: the kind of each event is told from the event itself.
import {createLambdaHandler} from '@hookline/aws-lambda';
import {createApp} from './app.js';
import compiled from './routes.compiled.js';

// Built once per execution environment (the cold start), reused by every invocation it serves.
// The in-memory store lives only as long as that environment: keep real data elsewhere.
const {router} = createApp({compiled});

/** The function's handler. */
export const handler = createLambdaHandler(router);
