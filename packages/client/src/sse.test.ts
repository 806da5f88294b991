import {describe, expect, it} from 'vitest';
import {ByteReader, SseEvent, SseReader} from './sse.js';

/** A reader over fixed chunks (text, encoded), counting reads. */
function chunks(...parts: (string | Uint8Array)[]): ByteReader & {reads: number; cancelled: boolean} {
    const encoder = new TextEncoder();
    const queue = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
    return {
        reads: 0,
        cancelled: false,
        async read() {
            this.reads++;
            const value = queue.shift();
            return value === undefined ? {done: true} : {done: false, value};
        },
        async cancel() {
            this.cancelled = true;
        },
    };
}

async function all(reader: SseReader): Promise<SseEvent[]> {
    const out: SseEvent[] = [];
    for (let e = await reader.next(); e !== undefined; e = await reader.next()) out.push(e);
    return out;
}

describe('SseReader', () => {
    it('reads named events; comments (pings) skipped; data lines joined; a space after the colon dropped once', async () => {
        const events = await all(new SseReader(chunks(': ping\n\nevent: item\ndata: 1\n\nevent: result\ndata:  a\ndata:b\n\n')));
        expect(events).toEqual([
            {event: 'item', data: '1'},
            {event: 'result', data: ' a\nb'},
        ]);
    });

    it('handles LF, CRLF and CR line ends, events split anywhere across chunks, and UTF-8 split inside a character', async () => {
        const bytes = new TextEncoder().encode('event: item\r\ndata: "héllo ✓"\r\n\r\nevent: item\rdata: 2\r\rdata: 3\n\n');
        const parts = [bytes.slice(0, 5), bytes.slice(5, 21), bytes.slice(21, 22), bytes.slice(22, 40), bytes.slice(40)];
        expect(await all(new SseReader(chunks(...parts)))).toEqual([
            {event: 'item', data: '"héllo ✓"'},
            {event: 'item', data: '2'},
            {event: 'message', data: '3'},
        ]);
    });

    it('reads only as far as the next event (a slow consumer leaves the rest unread)', async () => {
        const source = chunks('event: item\ndata: 1\n\n', 'event: item\ndata: 2\n\n', 'event: item\ndata: 3\n\n');
        const reader = new SseReader(source);
        expect(await reader.next()).toEqual({event: 'item', data: '1'});
        expect(source.reads).toBe(1);
        await reader.cancel();
        expect(source.cancelled).toBe(true);
        expect(await reader.next()).toBeUndefined();
    });

    it('drops an event cut off before its blank line, and ignores id and retry', async () => {
        expect(await all(new SseReader(chunks('id: 7\nretry: 10\nevent: item\ndata: 1\n\nevent: item\ndata: 2')))).toEqual([
            {event: 'item', data: '1'},
        ]);
    });
});
