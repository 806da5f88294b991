// The Lambda handler, invoked in-process with an HTTP API (payload 2.0) event, as API Gateway
// would call it. (vitest.config.ts adds hooklineTypes(); the handler uses the compiled module.)
import {ApiGatewayV2Event, LambdaContext} from '@hookline/aws-lambda';
import {describe, expect, it} from 'vitest';
import {handler} from './handler.js';

function httpApiEvent(path: string, body: unknown): ApiGatewayV2Event {
    return {
        version: '2.0',
        rawPath: path,
        headers: {'content-type': 'application/json', host: 'abc123.execute-api.eu-west-1.amazonaws.com'},
        requestContext: {http: {method: 'POST', path}, stage: '$default', domainName: 'abc123.execute-api.eu-west-1.amazonaws.com'},
        body: JSON.stringify(body),
        isBase64Encoded: false,
    };
}

const context: LambdaContext = {
    awsRequestId: 'req-1',
    functionName: 'api',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
    getRemainingTimeInMillis: () => 3000,
    callbackWaitsForEmptyEventLoop: true,
};

describe('the Lambda handler', () => {
    it('answers a call', async () => {
        const result = await handler(httpApiEvent('/hello', {hello: ['Lambda']}), context);
        expect(result.statusCode).toBe(200);
        expect(JSON.parse(result.body ?? '')).toEqual({hello: 'Hello, Lambda!'});
    });

    it('refuses invalid params with a 400', async () => {
        const result = await handler(httpApiEvent('/todos/get', {'todos/get': ['one']}), context);
        expect(result.statusCode).toBe(400);
    });
});
