// The test router as a module exporting its api spec and router, for the generator's tests.
import {createTestApi} from './test-api.js';

export const {router, apiSpec} = createTestApi();
