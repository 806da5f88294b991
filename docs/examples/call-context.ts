import {CallContext, createRouter, hook, route, Routes} from '@hookline/router';

interface RequestInfo {
    note: string;
    path: string;
    contentType: string;
    rawBody: string;
    bodyIds: string[];
}

const routes = {
    inspect: (ctx: CallContext, note: string): RequestInfo => ({
        note,
        path: ctx.path,
        contentType: String(ctx.request.headers['content-type']),
        rawBody: ctx.request.rawBody,
        bodyIds: Object.keys(ctx.request.body),
    }),
    createNote: route((ctx: CallContext, text: string): {text: string} => {
        ctx.response.statusCode = 201;
        return {text};
    }),
    // Runs last, also after errors: sets a response header on every call.
    noStore: hook(
        (ctx: CallContext): void => {
            ctx.response.headers['cache-control'] = 'no-store';
        },
        {runOnError: true},
    ),
} satisfies Routes;

export const router = createRouter({prefix: 'v1'});
router.registerRoutes(routes);
