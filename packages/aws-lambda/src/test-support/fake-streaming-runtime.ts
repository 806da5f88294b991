// A stand-in for the `awslambda` global of the Lambda runtime, for unit tests: the same framing
// as aws-lambda-ric's HttpResponseStream (JSON prelude, 8 NUL bytes, then the body).
import {Writable} from 'node:stream';
import {AwsLambdaStreamingRuntime, LambdaResponseStream, StreamingHandler} from '../streaming.js';

/** A response stream that keeps what was written. */
export class CapturedStream extends Writable implements LambdaResponseStream {
    readonly chunks: Buffer[] = [];
    contentType = 'application/octet-stream';
    beforeFirstWrite: ((write: (chunk: string | Uint8Array) => void) => void) | undefined;
    private started = false;

    constructor() {
        super({
            write: (chunk: Buffer, _encoding, callback) => {
                this.chunks.push(chunk);
                callback();
            },
        });
    }

    override write(chunk: string | Uint8Array): boolean {
        if (!this.started) {
            this.started = true;
            this.beforeFirstWrite?.((c) => super.write(c));
        }
        return super.write(chunk);
    }

    /** Everything written, as bytes. */
    bytes(): Buffer {
        return Buffer.concat(this.chunks);
    }
}

/** A fake runtime and what it was asked. */
export interface FakeStreamingRuntime extends AwsLambdaStreamingRuntime {
    streamified: {handler: StreamingHandler; options: {highWaterMark?: number} | undefined}[];
}

/** Creates a fake `awslambda` object. */
export function fakeStreamingRuntime(): FakeStreamingRuntime {
    const streamified: FakeStreamingRuntime['streamified'] = [];
    return {
        streamified,
        streamifyResponse(handler, options) {
            streamified.push({handler, options});
            return handler;
        },
        HttpResponseStream: {
            from(stream, prelude) {
                const captured = stream as CapturedStream;
                captured.contentType = 'application/vnd.awslambda.http-integration-response';
                captured.beforeFirstWrite = (write) => {
                    write(JSON.stringify(prelude));
                    write(new Uint8Array(8));
                };
                return stream;
            },
        },
    };
}

/** Splits streamed bytes into the prelude (parsed) and the body text. */
export function splitStreamed(bytes: Buffer): {prelude: unknown; body: string} {
    const delimiter = bytes.indexOf(Buffer.alloc(8));
    if (delimiter === -1) throw new Error(`no 8-NUL delimiter in ${JSON.stringify(bytes.toString('latin1'))}`);
    return {prelude: JSON.parse(bytes.subarray(0, delimiter).toString('utf8')), body: bytes.subarray(delimiter + 8).toString('utf8')};
}
