// The shapes of the HTTP events Lambda receives and the results it expects back, as loose as
// AWS really sends them: console tests send `headers: null`, documentation events omit fields,
// Function URL events may lack `routeKey`. `@types/aws-lambda`'s event types are assignable to
// these (a type test checks it), so events typed with them can be passed unchanged.

/** Header values keyed by name, one value each (names in any case). */
export type SingleValueHeaders = Record<string, string | undefined>;

/** Header values keyed by name, every value each (names in any case). */
export type MultiValueHeaders = Record<string, string[] | undefined>;

/** API Gateway REST API event (payload format 1.0; also HTTP APIs set to payload 1.0). */
export interface ApiGatewayV1Event {
    version?: string;
    httpMethod: string;
    path?: string | null;
    headers?: SingleValueHeaders | null;
    multiValueHeaders?: MultiValueHeaders | null;
    body?: string | null;
    isBase64Encoded?: boolean | null;
    requestContext?: {stage?: string; path?: string} | null;
}

/** API Gateway HTTP API event (payload format 2.0); Function URL events have the same shape. */
export interface ApiGatewayV2Event {
    version: string;
    rawPath?: string | null;
    headers?: SingleValueHeaders | null;
    cookies?: string[] | null;
    body?: string | null;
    isBase64Encoded?: boolean | null;
    requestContext: {
        http: {method: string; path?: string};
        stage?: string;
        domainName?: string;
    };
}

/** Application Load Balancer target event, in single-value (`headers`) or multi-value (`multiValueHeaders`) mode. */
export interface AlbEvent {
    httpMethod: string;
    path?: string | null;
    headers?: SingleValueHeaders | null;
    multiValueHeaders?: MultiValueHeaders | null;
    body?: string | null;
    isBase64Encoded?: boolean | null;
    requestContext: {elb: {targetGroupArn?: string}};
}

/** Any HTTP event the adapter accepts. */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/** Result for API Gateway REST (payload 1.0): `multiValueHeaders` when the request came with them, else `headers`. */
export interface ApiGatewayV1Result {
    statusCode: number;
    headers?: Record<string, string>;
    multiValueHeaders?: Record<string, string[]>;
    body: string;
    isBase64Encoded: boolean;
}

/** Result for HTTP APIs (payload 2.0) and Function URLs: `Set-Cookie` values go in `cookies`, one each. */
export interface ApiGatewayV2Result {
    statusCode: number;
    headers: Record<string, string>;
    cookies?: string[];
    body: string;
    isBase64Encoded: boolean;
}

/** Result for an ALB target: the header mode (single or multi-value) of the request, and a status line. */
export interface AlbResult {
    statusCode: number;
    statusDescription: string;
    headers?: Record<string, string>;
    multiValueHeaders?: Record<string, string[]>;
    body: string;
    isBase64Encoded: boolean;
}

/** What the handler resolves to: the result shape of the event's source. */
export type LambdaHttpResult = ApiGatewayV1Result | ApiGatewayV2Result | AlbResult;

/** The parts of the Lambda context object the adapter's users most often read; the runtime passes more. */
export interface LambdaContext {
    awsRequestId: string;
    functionName: string;
    invokedFunctionArn: string;
    getRemainingTimeInMillis(): number;
    callbackWaitsForEmptyEventLoop: boolean;
}
