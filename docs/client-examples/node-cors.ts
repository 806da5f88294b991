import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {CallContext, createRouter, headersHook, Routes, RpcError} from '@hookline/router';

const routes = {
    auth: headersHook('Authorization', (ctx: CallContext, token: string): void => {
        if (token !== 'Bearer secret') throw new RpcError({statusCode: 401, publicMessage: 'bad token'});
    }),
    greet: (ctx: CallContext, name: string): string => `hello ${name}`,
} satisfies Routes;

export const router = createRouter();
export const apiSpec = router.registerRoutes(routes);

export function serve(port: number): Promise<NodeServerHandle> {
    return startNodeServer(router, {
        port,
        cors: {
            origin: ['https://app.example.com', 'http://localhost:5173'], // exact origins, '*', or (origin) => boolean
            credentials: true, // cookies; not with '*'
            // allowedHeaders / exposedHeaders default to the header hooks' headers (here authorization)
        },
    });
}
