// The shared protocol case table (test/shared/protocol-cases.ts) through the Lambda handler, as
// every event kind: REST (payload 1.0), HTTP API (2.0, on a named stage), Function URL (text and
// base64 bodies) and ALB (single and multi-value headers).
import {describe, expect, it} from 'vitest';
import {checkCase, createCaseRouter, protocolCases} from '../../../test/shared/protocol-cases.js';
import {createLambdaHandler} from './handler.js';
import {caseEvent, caseEventKinds, caseFor, caseResponse} from './test-support/case-events.js';

describe.each(caseEventKinds)('the shared protocol case table as %s events', (kind) => {
    const handler = createLambdaHandler(createCaseRouter());
    const context = {
        awsRequestId: 'case',
        functionName: 'cases',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cases',
        getRemainingTimeInMillis: () => 1000,
        callbackWaitsForEmptyEventLoop: true,
    };
    it.each(protocolCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const result = await handler(caseEvent(kind, c), context);
        expect(checkCase(caseFor(kind, c), caseResponse(result))).toEqual([]);
    });
});
