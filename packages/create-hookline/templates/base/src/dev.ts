// `npm run dev`: serves the API from the TypeScript sources, restarting on changes. The register
// loader (@hookline/compiler/register) compiles the types into the handlers, so no compiled module
// is needed here.
import {createApp} from './app.js';
import {serve} from './server.js';

await serve(createApp().router);
