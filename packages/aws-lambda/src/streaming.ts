import {Router, RouterResponse, RouterStream} from '@hookline/router';
import {KindedEvent} from './event-kind.js';
import {LambdaContext, LambdaHttpEvent} from './events.js';
import {dispatchEvent, httpEventOf, LambdaHandlerOptions, resolvePathOptions} from './handler.js';
import {streamPrelude, StreamPrelude} from './response.js';

/** The writable stream the Lambda runtime hands a streaming handler (the parts the adapter uses). */
export interface LambdaResponseStream {
    write(chunk: string | Uint8Array): boolean;
    end(callback?: () => void): void;
    on(event: 'error', listener: (error: Error) => void): unknown;
    /** Node's Writable events: 'drain' once a full buffer has room, 'close' when the stream is closed. */
    once?(event: 'drain' | 'close', listener: () => void): unknown;
    off?(event: 'drain' | 'close', listener: () => void): unknown;
}

/** The `awslambda` global the Lambda Node.js runtime (and `aws-lambda-ric`) defines before it loads a handler module. */
export interface AwsLambdaStreamingRuntime {
    streamifyResponse(handler: StreamingHandler, options?: {highWaterMark?: number}): StreamingHandler;
    HttpResponseStream: {from(stream: LambdaResponseStream, prelude: StreamPrelude): LambdaResponseStream};
}

/** A response-streaming Lambda handler: `(event, responseStream, context) => Promise<void>`. */
export type StreamingHandler = (event: LambdaHttpEvent, responseStream: LambdaResponseStream, context: LambdaContext) => Promise<void>;

/** Options of {@link createStreamingLambdaHandler}. */
export interface StreamingLambdaHandlerOptions extends LambdaHandlerOptions {
    /** The runtime's `awslambda` object. Default: the `awslambda` global, read when the handler is created. */
    awslambda?: AwsLambdaStreamingRuntime;
    /** Passed to `awslambda.streamifyResponse`: the stream's buffer size in bytes. Default: the runtime's. */
    highWaterMark?: number;
}

/** Lets a raw hook write to a streamed response before the route's body (see {@link responseStreamOf}). */
export interface EarlyResponseWriter {
    /** Writes a chunk; the first write sends status 200 and no headers, as a Node response written before `writeHead`. */
    write(chunk: string | Uint8Array): boolean;
    /** Whether status and headers were sent (a chunk was written). */
    readonly committed: boolean;
}

const writers = new WeakMap<object, EarlyResponseWriter>();

/**
 * In a raw hook of a streaming handler, the writer of the response being streamed (from the
 * Lambda context the hook gets as `rawResponse`); `undefined` under the buffered handler. Once a
 * hook writes, status 200 is sent and the route's body follows what the hook wrote.
 *
 * @example
 * const progress = rawHook(async (ctx: CallContext, event: unknown, context: LambdaContext): Promise<void> => {
 *     responseStreamOf(context)?.write('10%\n');
 * });
 */
export function responseStreamOf(context: unknown): EarlyResponseWriter | undefined {
    return typeof context === 'object' && context !== null ? writers.get(context) : undefined;
}

function runtimeOf(options: StreamingLambdaHandlerOptions): AwsLambdaStreamingRuntime {
    // `@types/aws-lambda` types the global its own way; only the two members used here are relied on.
    const runtime = options.awslambda ?? (globalThis as unknown as {awslambda?: AwsLambdaStreamingRuntime}).awslambda;
    if (typeof runtime?.streamifyResponse !== 'function' || typeof runtime.HttpResponseStream?.from !== 'function') {
        throw new Error(
            'createStreamingLambdaHandler: the `awslambda` global is missing. Response streaming runs only inside the AWS Lambda ' +
                'Node.js runtime (or aws-lambda-ric), which defines it before loading the handler module. Outside it, use ' +
                'createLambdaHandler, or pass the runtime object as options.awslambda.',
        );
    }
    return runtime;
}

function end(stream: LambdaResponseStream): Promise<void> {
    return new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.end(() => resolve());
    });
}

/**
 * Writes a streaming route's events to the response stream as the router produces them, asking
 * for the next one only once the stream has room ('drain' after a full buffer). A stream closed
 * before the end (best effort: the runtime reports a client that went away only as a failed
 * write, if at all) cancels the route's iterator.
 */
async function pipeEvents(out: LambdaResponseStream, stream: RouterStream): Promise<void> {
    let closed = false;
    let room: (() => void) | undefined;
    const onClose = (): void => {
        closed = true;
        room?.();
    };
    out.once?.('close', onClose);
    out.on('error', onClose);
    for (let chunk = await stream.next(); chunk !== undefined; chunk = await stream.next()) {
        if (closed) break;
        if (!out.write(chunk) && out.once !== undefined) {
            await new Promise<void>((resolve) => {
                room = resolve;
                out.once?.('drain', resolve);
            });
            room = undefined;
        }
    }
    out.off?.('close', onClose);
    if (closed) return stream.cancel();
    await end(out);
}

/**
 * Creates a response-streaming Lambda handler (Function URLs with `InvokeMode: RESPONSE_STREAM`,
 * REST APIs with response transfer mode `STREAM`): status and headers go out as the stream's
 * metadata prelude, then the body. Raw hooks get the event and the Lambda context, and can write
 * before the body through {@link responseStreamOf}. The runtime's `awslambda` global is looked
 * up when this is called, never when the module is imported; a clear error says when it is absent.
 *
 * @example
 * export const handler = createStreamingLambdaHandler(router);
 */
export function createStreamingLambdaHandler(router: Router, options: StreamingLambdaHandlerOptions = {}): StreamingHandler {
    const runtime = runtimeOf(options);
    const pathOptions = resolvePathOptions(options);
    const send = (k: KindedEvent, stream: LambdaResponseStream, response: RouterResponse, early: EarlyResponseWriter): Promise<void> => {
        const out = early.committed
            ? stream
            : runtime.HttpResponseStream.from(stream, streamPrelude(k, response.statusCode, response.headers));
        if (response.stream !== undefined) return pipeEvents(out, response.stream);
        // Always written, even when empty: the prelude goes out with the first write.
        out.write(response.body);
        return end(out);
    };
    const handler: StreamingHandler = async (event, stream, context) => {
        const k = httpEventOf(event);
        let committed = false;
        const early: EarlyResponseWriter = {
            get committed() {
                return committed;
            },
            write(chunk) {
                if (!committed) {
                    committed = true;
                    stream = runtime.HttpResponseStream.from(stream, streamPrelude(k, 200, {}));
                }
                return stream.write(chunk);
            },
        };
        if (typeof context === 'object' && context !== null) writers.set(context, early);
        await send(k, stream, await dispatchEvent(router, k, context, pathOptions), early);
    };
    const opts = options.highWaterMark === undefined ? undefined : {highWaterMark: options.highWaterMark};
    return runtime.streamifyResponse(handler, opts);
}
