// `npm run dev`: serves the API from the TypeScript sources with Node, restarting on changes, on
// 127.0.0.1:8787 (PORT to change it), where `npm start` serves the Worker. The register loader
// (@hookline/compiler/register) compiles the types into the handlers, so no compiled module is
// needed here. The same router runs on workerd: `npm run build && npm start`.
import {createApp} from './app.js';
import {serve} from './server.js';

process.env.PORT ??= '8787';
await serve(createApp().router);
