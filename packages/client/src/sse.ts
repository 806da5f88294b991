// Server-sent events read from a fetch response's body stream, one event at a time and only when
// asked (the reader pulls: a slow consumer leaves bytes in the socket, and the server waits).
// No EventSource: it can't POST, send headers of our own or stop reconnecting, and Node lacks it.

/** One server-sent event: its `event` name (`'message'` when none) and its `data` lines joined. */
export interface SseEvent {
    event: string;
    data: string;
}

/** The part of a `ReadableStream` reader the parser uses. */
export interface ByteReader {
    read(): Promise<{done: boolean; value?: Uint8Array | undefined}>;
    cancel(reason?: unknown): Promise<void>;
}

/**
 * Reads server-sent events from a byte stream (per the HTML standard's parsing rules: lines end
 * with LF, CRLF or CR; `:` starts a comment; `data` lines are joined with LF; a blank line ends an
 * event; `id` and `retry` are ignored: streams are not resumed).
 *
 * @example
 * const events = new SseReader(response.body.getReader());
 * for (let e = await events.next(); e !== undefined; e = await events.next()) console.log(e.event, e.data);
 */
export class SseReader {
    private readonly decoder = new TextDecoder('utf-8');
    private buffer = '';
    private ended = false;
    private event = '';
    private data: string[] = [];

    constructor(private readonly reader: ByteReader) {}

    /** The next event, or `undefined` at the end of the stream (an event not ended by a blank line is dropped). */
    async next(): Promise<SseEvent | undefined> {
        for (;;) {
            const found = this.parse();
            if (found !== undefined) return found;
            if (this.ended) return undefined;
            const {done, value} = await this.reader.read();
            if (done) {
                this.ended = true;
                this.buffer += this.decoder.decode();
                // A last line without its line break still counts.
                if (this.buffer !== '') this.buffer += '\n';
            } else if (value !== undefined) this.buffer += this.decoder.decode(value, {stream: true});
        }
    }

    /** Stops reading (the body stream is cancelled). */
    cancel(reason?: unknown): Promise<void> {
        this.ended = true;
        return this.reader.cancel(reason).catch(() => undefined);
    }

    /** Consumes complete lines from the buffer until an event is complete. */
    private parse(): SseEvent | undefined {
        let start = 0;
        const text = this.buffer;
        try {
            for (;;) {
                let end = start;
                while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
                if (end >= text.length) return undefined;
                // CR at the end of the buffer: its LF may come with the next chunk.
                if (text.charCodeAt(end) === 13 && end + 1 >= text.length && !this.ended) return undefined;
                const line = text.slice(start, end);
                start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
                if (line === '') {
                    if (this.data.length === 0) {
                        this.event = '';
                        continue;
                    }
                    const event = {event: this.event === '' ? 'message' : this.event, data: this.data.join('\n')};
                    this.event = '';
                    this.data = [];
                    return event;
                }
                if (line.charCodeAt(0) === 58) continue;
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                let value = colon < 0 ? '' : line.slice(colon + 1);
                if (value.charCodeAt(0) === 32) value = value.slice(1);
                if (field === 'event') this.event = value;
                else if (field === 'data') this.data.push(value);
            }
        } finally {
            this.buffer = text.slice(start);
        }
    }
}
