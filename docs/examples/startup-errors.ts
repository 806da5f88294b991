import {Router, Routes, StartupError, StartupErrorCodes} from '@hookline/router';

export function registerOrExplain(router: Router, routes: Routes, log: (line: string) => void = console.error): void {
    try {
        router.registerRoutes(routes);
    } catch (error) {
        if (error instanceof StartupError && error.code === StartupErrorCodes.MISSING_TYPE_METADATA) {
            log('Handlers have no runtime types: see docs/runtime-types.md');
        }
        throw error;
    }
}
