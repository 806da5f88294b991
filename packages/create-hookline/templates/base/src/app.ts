// The router over the routes. With `compiled` (the module `npm run build:api` writes), the types
// come from it and the handlers need no type metadata: that is the production build. Without it,
// the handlers must carry their types (vitest with hooklineTypes(), `npm run dev`).
import {CompiledApi, createRouter} from '@hookline/router';
import {createRoutes, TodoStore} from './routes.js';

export interface AppOptions {
    /** The compiled module (`import compiled from './routes.compiled.js'`). */
    compiled?: CompiledApi;
    /** Where the todos live; a new in-memory store by default. */
    store?: TodoStore;
}

/** Creates the router and registers the routes; `apiSpec` types the client. */
export function createApp(options: AppOptions = {}) {
    const router = createRouter(options.compiled === undefined ? {} : {compiled: options.compiled});
    const apiSpec = router.registerRoutes(createRoutes(options.store));
    return {router, apiSpec};
}

/** The API's type, for the typed client. */
export type Api = ReturnType<typeof createApp>['apiSpec'];
