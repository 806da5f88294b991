// A raw hook's progress stream with the Fetch adapter: the hook writes to the FetchRawResponse it gets
// as rawResponse; its first write sends the Response, whose body stream carries what it writes, then
// the route's body (as the Node adapter does with ServerResponse).
import {createFetchHandler, FetchRawResponse} from '@hookline/fetch';
import {CallContext, createRouter, rawHook, Routes} from '@hookline/router';

const routes = {
    progress: rawHook(async (ctx: CallContext, request: Request, response: FetchRawResponse): Promise<void> => {
        response.setHeader('content-type', 'text/plain; charset=utf-8');
        for (let percent = 25; percent <= 100; percent += 25) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            response.write(`${percent}%\n`);
        }
    }),
    longTask: (ctx: CallContext): string => 'done',
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);

export default {fetch: createFetchHandler(router)};
