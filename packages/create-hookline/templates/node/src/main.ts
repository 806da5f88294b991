// `npm start` (after `npm run build`): the production server. The types come from the compiled
// module that `npm run build:api` writes, so this file and the routes are built by plain tools
// (tsc checks, esbuild bundles) and nothing is compiled at runtime.
import {createApp} from './app.js';
import compiled from './routes.compiled.js';
import {serve} from './server.js';

await serve(createApp({compiled}).router);
