// Hookline as a Worker on workerd: @hookline/fetch's handler on the compiled module (../bun/hookline-app.ts).
import {fetchHandler} from '../bun/hookline-app.js';

export default {fetch: fetchHandler};
