// `npm start`: the example API with its types from the type compiler (run under
// `node --import @hookline/compiler/register`, or built by a tsc 5.9 patched by `npm install`).
// See run-example.ts for what it does, and main-compiled.ts for the version any toolchain can build.
import {createExampleApi} from './api.js';
import {printLogLine, runExample} from './run-example.js';
import {Store} from './store.js';

await runExample(createExampleApi(new Store(), printLogLine).router);
