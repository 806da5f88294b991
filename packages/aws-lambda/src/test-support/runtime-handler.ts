// The handler module the runtime tier builds with tsc and runs in the real runtime client
// (aws-lambda-ric): `runtime-handler.buffered` and `runtime-handler.streaming`. It imports the
// built package, as a deployed function would.
import {createLambdaHandler, createStreamingLambdaHandler, responseStreamOf} from '@hookline/aws-lambda';
import {createRuntimeTierRouter} from './runtime-router.js';

const router = createRuntimeTierRouter(responseStreamOf);

/** Buffered responses. */
export const buffered = createLambdaHandler(router);

/** Streamed responses (the runtime client defines the `awslambda` global before loading this module). */
export const streaming = createStreamingLambdaHandler(router);
