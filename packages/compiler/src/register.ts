/**
 * `node --import @hookline/compiler/register app.ts` runs TypeScript files directly with
 * Hookline's runtime types: it registers the module hooks of `./loader-hooks.js`.
 */
import {register} from 'node:module';

register('./loader-hooks.js', import.meta.url);
