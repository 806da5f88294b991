// The example API with its types from the compiled module that `npm run build:api` writes
// (src/api.compiled.js): built by TypeScript 7, esbuild, tsx or any other tool that strips types, it
// validates and serializes exactly as main.ts does, loads no @deepkit/type and evaluates no code
// from strings. Run it with `npx tsx src/main-compiled.ts`; toolchains.test.ts builds it four ways.
import {createExampleApi} from './api.js';
import compiled from './api.compiled.js';
import {printLogLine, runExample} from './run-example.js';
import {Store} from './store.js';

await runExample(createExampleApi(new Store(), printLogLine, {compiled}).router);
