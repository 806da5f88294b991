import {ServerResponse} from 'node:http';
import {RouterResponse, RouterStream} from '@hookline/router';

/**
 * Writes a streamed router response (a streaming route's server-sent events) to Node's: status
 * and headers at once, then each chunk as the router produces it. The next chunk is asked for
 * only once Node's buffer has room (`write` returned true, or 'drain'), so a slow reader holds
 * back the route's iterator instead of filling memory. A connection closed before the end
 * cancels the stream (the iterator's `finally` runs). Resolves once the response ended or the
 * connection closed; never rejects.
 *
 * @example
 * if (response.stream !== undefined) await writeStream(res, response);
 * else writeResponse(res, response);
 */
export function writeStream(res: ServerResponse, response: RouterResponse): Promise<void> {
    const stream = response.stream as RouterStream;
    return new Promise((resolve) => {
        let done = false;
        let drained: (() => void) | undefined;
        const finish = (): void => {
            if (done) return;
            done = true;
            res.off('close', onClose);
            res.off('drain', onDrain);
            resolve();
        };
        const onClose = (): void => {
            // Closed before the last event was written: the client went away.
            if (!res.writableFinished) stream.cancel();
            drained?.();
            finish();
        };
        const onDrain = (): void => drained?.();
        res.on('close', onClose);
        res.on('drain', onDrain);
        if (res.destroyed) return onClose();
        if (!res.headersSent) {
            res.writeHead(response.statusCode, response.headers);
            // The client sees the response start now, not with the first item.
            res.flushHeaders();
        }
        const pump = async (): Promise<void> => {
            for (let chunk = await stream.next(); chunk !== undefined && !done; chunk = await stream.next()) {
                if (!res.write(chunk)) await new Promise<void>((r) => (drained = r));
                drained = undefined;
            }
            if (!done) res.end(finish);
        };
        void pump();
    });
}
