// The example API with streamed responses (a Function URL with InvokeMode RESPONSE_STREAM), and
// the seed's progress hook: it writes to the response before the route's body is sent.
import {createStreamingLambdaHandler, LambdaContext, responseStreamOf} from '@hookline/aws-lambda';
import {CallContext, rawHook} from '@hookline/router';
import {createExampleApi, LogLine} from '../../node-server/src/api.js';
import {Store} from '../../node-server/src/store.js';

const {router} = createExampleApi(new Store(), (line: LogLine): void => console.log(JSON.stringify(line)));

router.registerRoutes({
    report: {
        // Raw hooks get the event and the Lambda context; under the streaming handler the context
        // leads to the response stream. Writing sends status 200 first, as on Node.
        progress: rawHook(async (ctx: CallContext, event: unknown, context: LambdaContext): Promise<void> => {
            const stream = responseStreamOf(context);
            for (const step of ['10%', '60%', '100%']) {
                stream?.write(`${step}\n`);
                await new Promise((resolve) => setTimeout(resolve, 10));
            }
        }),
        build: (ctx: CallContext): {pages: number} => ({pages: 12}),
    },
});

/** The function's entry point: `streaming-handler.handler`. Needs the Lambda runtime's `awslambda` global. */
export const handler = createStreamingLambdaHandler(router);
