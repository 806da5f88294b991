// The log queue's hand-off: flush() (router.flushLogs()) waits for the batch to reach the sink and
// for a promise an asynchronous sink returned; a synchronous sink costs no promise.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {CallContext, createRouter, LogLine} from './index.js';
import {LogQueue} from './context-logger.js';

const line = (msg: string): LogLine => ({time: 0, level: 'info', msg, requestId: 'r', route: 'x'});

describe('LogQueue.flush', () => {
    afterEach(() => vi.restoreAllMocks());

    it('with nothing queued returns the same resolved promise every time', () => {
        const queue = new LogQueue(() => undefined);
        const idle = queue.flush();
        expect(queue.flush()).toBe(idle);
        queue.push([line('a')]);
        expect(queue.flush()).not.toBe(idle);
    });

    it('settles after the batch reached a synchronous sink, and then has nothing left to wait for', async () => {
        const seen: string[] = [];
        const queue = new LogQueue((lines) => void seen.push(...lines.map((l) => l.msg)));
        const idle = queue.flush();
        queue.push([line('a')]);
        queue.push([line('b')]);
        await queue.flush();
        expect(seen).toEqual(['a', 'b']);
        expect(queue.flush()).toBe(idle);
    });

    it('waits for the promise an asynchronous sink returned', async () => {
        const sent: string[] = [];
        let release!: () => void;
        const queue = new LogQueue(async (lines) => {
            await new Promise<void>((r) => (release = r));
            sent.push(...lines.map((l) => l.msg));
        });
        queue.push([line('a')]);
        let flushed = false;
        const done = queue.flush().then(() => (flushed = true));
        await new Promise((r) => setTimeout(r, 5));
        expect(flushed).toBe(false);
        release();
        await done;
        expect(sent).toEqual(['a']);
    });

    it('never rejects: a sink that rejects is a warning, the lines dropped', async () => {
        const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
        const queue = new LogQueue(() => Promise.reject(new Error('network down')));
        queue.push([line('a'), line('b')]);
        await expect(queue.flush()).resolves.toBeUndefined();
        expect(String(warning.mock.calls[0]?.[0])).toBe('hookline: the log sink rejected; 2 line(s) dropped: network down');
    });
});

describe('router.flushLogs', () => {
    it("settles once a call's lines were handed to an asynchronous sink", async () => {
        const delivered: string[] = [];
        const router = createRouter({
            logSink: (lines) =>
                new Promise<void>((resolve) =>
                    setTimeout(() => {
                        delivered.push(...lines.map((l) => l.msg));
                        resolve();
                    }, 10),
                ),
        });
        router.registerRoutes({hello: (ctx: CallContext): string => (ctx.logger.info('said hello'), 'hi')});
        const res = await router.dispatch({method: 'POST', path: '/hello', headers: {}, body: undefined});
        expect(res.statusCode).toBe(200);
        expect(delivered).toEqual([]);
        await router.flushLogs();
        expect(delivered).toEqual(['said hello']);
    });
});
