/// <reference types="@hookline/compiler/virtual" />
// The server on the compiled module. Here the vite/vitest plugin provides it as 'hookline:compiled';
// with `npx hookline build --entry src/compiled-api.ts --out src/api.compiled.js` it is
// `import compiled from './api.compiled.js'` instead.
import {createRouter} from '@hookline/router';
import compiled from 'hookline:compiled';
import {routes} from './compiled-api.js';

export const router = createRouter({compiled});
export const apiSpec = router.registerRoutes(routes);
