// The routes of the case Worker: the shared case table's, and a progress stream like the seed's raw
// hook (test/seeds/samples/003-hooks-raw-definition.ts): it writes `\n<n>%` to the raw response on a
// timer, then the route's body follows in the same response.
import {CallContext, rawHook, Routes} from '@hookline/router';
import {caseRoutes} from '../../../../test/shared/protocol-cases.js';
import {FetchRawResponse} from '../raw-response.js';

/** What `POST /progress/done` answers on every runtime: the progress, then the body. */
export const progressBody = '\n25%\n50%\n75%\n100%{"progress/done":"done"}';

/** The case table's routes and `progress/done` behind the `progress/report` raw hook. */
export const workerRoutes = {
    ...caseRoutes,
    progress: {
        report: rawHook(async (ctx: CallContext, request: Request, response: FetchRawResponse): Promise<void> => {
            for (let percent = 25; percent <= 100; percent += 25) {
                await new Promise((resolve) => setTimeout(resolve, 5));
                response.write(`\n${percent}%`);
            }
        }),
        done: (ctx: CallContext): string => 'done',
    },
} satisfies Routes;
