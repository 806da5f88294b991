// hono as a Worker on workerd: the same app as on Bun (../bun/hono-app.ts).
import {app} from '../bun/hono-app.js';

export default {fetch: app.fetch};
