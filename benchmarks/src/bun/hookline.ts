// Hookline on Bun: Bun.serve({fetch}) with @hookline/fetch's handler, as docs/fetch.md serves it (./hookline-app.ts).
import {serveOnBun} from './bun-api.js';
import {fetchHandler} from './hookline-app.js';

serveOnBun(fetchHandler);
