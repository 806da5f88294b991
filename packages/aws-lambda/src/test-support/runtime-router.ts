// The router the runtime tier runs inside the real runtime client: the shared case table's
// routes, the fixtures' paths, the seed's progress hook writing to a streamed response, and a raw
// hook that reads the Lambda context, and a streaming route whose items take time.
import {CallContext, rawHook, Router, Routes} from '@hookline/router';
import {createCaseRouter} from '../../../../test/shared/protocol-cases.js';
import {EarlyResponseWriter, LambdaContext} from '@hookline/aws-lambda';
import {fixtureRoutes} from './recording-router.js';

/** Creates the runtime tier's router; `streamOf` is `responseStreamOf` of the package under test. */
export function createRuntimeTierRouter(streamOf: (context: unknown) => EarlyResponseWriter | undefined): Router {
    const router = createCaseRouter();
    router.registerRoutes(fixtureRoutes(() => undefined));
    router.registerRoutes({
        progress: {
            report: rawHook(async (ctx: CallContext, event: unknown, context: LambdaContext): Promise<void> => {
                const stream = streamOf(context);
                for (let i = 1; i <= 3; i++) {
                    stream?.write(`${i * 10}%\n`);
                    await new Promise((resolve) => setTimeout(resolve, 5));
                }
            }),
            work: (ctx: CallContext): string => 'done',
        },
        runtime: {
            // Raw hooks get the Lambda context as rawResponse: the runtime's request id comes back as a header.
            context: rawHook((ctx: CallContext, event: unknown, context: LambdaContext): void => {
                ctx.response.headers['x-aws-request-id'] = context.awsRequestId;
                ctx.response.headers['x-function-arn'] = context.invokedFunctionArn;
            }),
            whoami: (ctx: CallContext): string => 'runtime',
            // A streaming route whose items come 20 ms apart: each is sent as it comes.
            ticks: async function* (ctx: CallContext, n: number): AsyncGenerator<number, string> {
                for (let i = 1; i <= n; i++) {
                    await new Promise((resolve) => setTimeout(resolve, 20));
                    yield i;
                }
                return 'done';
            },
        },
    } satisfies Routes);
    return router;
}
