import {ApiSpec} from './api-spec.js';
import {Routes} from './definitions.js';
import {Router} from './router.js';
import {RouterOptions} from './router-options.js';

// The seed-style API works on one default instance; everything else takes a router explicitly.
let defaultRouter: Router | undefined;

/**
 * Creates (or replaces) the default router that {@link registerRoutes} uses, seed style.
 *
 * @example
 * initRouter({sharedDataFactory: initSharedData});
 * export const apiSpec = registerRoutes(routes);
 */
export function initRouter<SharedData = any>(options: Partial<RouterOptions<SharedData>> = {}): Router<SharedData> {
    defaultRouter = new Router<SharedData>(options);
    return defaultRouter as Router<SharedData>;
}

/**
 * Registers routes on the default router (created with default options if `initRouter` was not
 * called) and returns the api spec.
 *
 * @example
 * export const apiSpec = registerRoutes({sayHello: (ctx: CallContext): string => 'hello'});
 */
export function registerRoutes<R extends Routes>(routes: R): ApiSpec<R> {
    defaultRouter ??= new Router();
    return defaultRouter.registerRoutes(routes);
}

/** The default router (created with default options if needed): hand it to an adapter. */
export function getRouter(): Router {
    defaultRouter ??= new Router();
    return defaultRouter;
}

/** Drops the default router (tests). */
export function resetRouter(): void {
    defaultRouter = undefined;
}
