// The example API as a module exporting its api spec and router: what `hookline-client generate`
// reads in the generator's tests (examples/node-server builds them inside a function).
import {createExampleApi} from '../../../../examples/node-server/src/api.js';
import {Store} from '../../../../examples/node-server/src/store.js';

export const {router, apiSpec} = createExampleApi(new Store(), () => undefined);
