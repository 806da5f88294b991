// `npm start` (after `npm run build`): the same router, from the same compiled module, served by
// Node on 127.0.0.1:3000 for local calls (curl, `npm run call`). Lambda runs src/handler.ts.
import {createApp} from './app.js';
import compiled from './routes.compiled.js';
import {serve} from './server.js';

await serve(createApp({compiled}).router);
