// hono on Bun: Bun.serve({fetch: app.fetch}), with the hand-written checks (./hono-app.ts).
import {serveOnBun} from './bun-api.js';
import {app} from './hono-app.js';

serveOnBun(app.fetch);
