// The example API (users and pets, the same routes as examples/node-server) as an AWS Lambda
// function, behind an HTTP API, a Function URL, a REST API or an ALB: the kind of each event is
// told from the event itself.
import {createLambdaHandler} from '@hookline/aws-lambda';
import {createExampleApi, LogLine} from '../../node-server/src/api.js';
// The API's types, compiled by `hookline build` (`npm run build:api -w examples/node-server`): the
// bundle loads no @deepkit/type and compiles nothing at startup, whatever built it.
import compiled from '../../node-server/src/api.compiled.js';
import {Store} from '../../node-server/src/store.js';

// One JSON line per call: CloudWatch Logs Insights can query its fields.
const log = (line: LogLine): void => console.log(JSON.stringify(line));

// Built once per execution environment (the cold start), then reused by every invocation it serves.
// The in-memory store lives only as long as that environment: a real API keeps its data elsewhere.
const {router} = createExampleApi(new Store(), log, {compiled});

/** The function's entry point: `handler.handler`. */
export const handler = createLambdaHandler(router);
