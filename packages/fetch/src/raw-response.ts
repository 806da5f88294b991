import {RouterStream} from '@hookline/router';

const encoder = new TextEncoder();

/** What a raw hook may write: text (sent as UTF-8) or bytes. */
export type RawChunk = string | Uint8Array;

/**
 * What a raw hook gets as `rawResponse` from the Fetch adapter: the platform's arguments, and a
 * writable progress stream with the parts of Node's `ServerResponse` that raw hooks use, with
 * the Node adapter's semantics ([node.md](../../../docs/node.md)):
 *
 * - The first `write` (or `end`) sends the response: status `statusCode` (200 unless set) and
 *   the headers the hook set, with a `ReadableStream` body. What the hook writes reaches the
 *   client while the call goes on; when the call is done, the router's body follows and the
 *   stream closes. The router's status and headers are then no longer sent: a step that fails
 *   later shows only in the body.
 * - `end` answers the call itself: the steps after it still run, but nothing more is written.
 *
 * A hook that neither writes nor ends leaves the response to the router.
 *
 * @example
 * rawHook(async (ctx: CallContext, request: Request, response: FetchRawResponse): Promise<void> => {
 *     for (let percent = 25; percent <= 100; percent += 25) response.write(`${percent}%\n`);
 * });
 */
export class FetchRawResponse {
    /** The platform's arguments after the request: `[env, ctx]` on Workers, `[server]` on Bun, `[info]` on Deno. */
    readonly platformArgs: readonly unknown[];
    /** The status the first write or `end` sends; 200 unless the hook sets it. */
    statusCode = 200;
    private headers: Record<string, string> | undefined;
    private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    private sent: Response | undefined;
    private ended = false;
    private cancelled = false;
    /** Told of the response when it is sent (by the adapter; set before the call goes async). */
    onSent: ((response: Response) => void) | undefined;

    constructor(platformArgs: readonly unknown[]) {
        this.platformArgs = platformArgs;
    }

    /** Whether the response was sent (a write or `end` happened): the router's status and headers no longer go out. */
    get headersSent(): boolean {
        return this.sent !== undefined;
    }

    /** Whether `end` was called (or the adapter finished the stream). */
    get writableEnded(): boolean {
        return this.ended;
    }

    /** The response sent, once a write or `end` happened. */
    get response(): Response | undefined {
        return this.sent;
    }

    /** Sets a header of the response, before it is sent (ignored after, where Node throws). */
    setHeader(name: string, value: string | number | readonly string[]): this {
        if (this.sent !== undefined) return this;
        (this.headers ??= {})[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
        return this;
    }

    /** Sets the status and headers, before the response is sent; the first write sends them. */
    writeHead(statusCode: number, headers?: Record<string, string | number | readonly string[]>): this {
        if (this.sent !== undefined) return this;
        this.statusCode = statusCode;
        for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
        return this;
    }

    /**
     * Writes a chunk to the response body, sending the response first if it was not sent.
     * Returns `false` once the stream is ended or the client has gone away (the chunk is
     * dropped), `true` otherwise.
     */
    write(chunk: RawChunk): boolean {
        if (this.ended || this.cancelled) return false;
        this.send();
        this.controller?.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        return true;
    }

    /** Writes a last chunk (if given) and ends the response: the adapter writes nothing more. */
    end(chunk?: RawChunk): this {
        if (this.ended) return this;
        if (chunk !== undefined) this.write(chunk);
        else this.send();
        this.close();
        return this;
    }

    /**
     * Called by the adapter when the call is done and the response was sent: the router's body
     * after what the hook wrote, then the end of the stream (nothing when the hook ended it).
     */
    finish(body: string): void {
        if (this.ended) return;
        if (body !== '') this.write(body);
        this.close();
    }

    /**
     * Called by the adapter when a streaming route's call is done and the response was sent: the
     * stream's events after what the hook wrote, then the end (nothing when the hook ended it).
     * Settles once the stream has ended.
     */
    async finishStream(stream: RouterStream): Promise<void> {
        if (this.ended) return stream.cancel();
        for (let chunk = await stream.next(); chunk !== undefined; chunk = await stream.next()) {
            if (this.cancelled) return stream.cancel();
            this.write(chunk);
        }
        this.close();
    }

    private send(): void {
        if (this.sent !== undefined) return;
        const body = new ReadableStream<Uint8Array>({
            start: (controller) => void (this.controller = controller),
            cancel: () => void (this.cancelled = true),
        });
        this.sent = new Response(body, {status: this.statusCode, headers: this.headers});
        this.onSent?.(this.sent);
    }

    private close(): void {
        this.ended = true;
        if (!this.cancelled) this.controller?.close();
    }
}
