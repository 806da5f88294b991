// The node-server example's API, for the tests: its router over a fresh store, and a server for it.
import {NodeServerHandle, startNodeServer} from '@hookline/node';
import {createExampleApi} from '../../../../examples/node-server/src/api.js';
import {Store} from '../../../../examples/node-server/src/store.js';

/** The example API's router (a fresh store, log lines dropped). */
export function exampleRouter() {
    return createExampleApi(new Store(), () => undefined).router;
}

/** Starts the example API on 127.0.0.1 (a free port); close it after the test. */
export function startExampleServer(): Promise<NodeServerHandle> {
    return startNodeServer(exampleRouter());
}
