// A fetch that records every request it sends, to count them and read their bodies and headers.
import {FetchInit, FetchLike} from '../client.js';

/** One request seen by {@link recordingFetch}. */
export interface SentRequest {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: unknown;
}

/** A real `fetch` that records what it sends. */
export function recordingFetch(): {fetch: FetchLike; sent: SentRequest[]} {
    const sent: SentRequest[] = [];
    const record: FetchLike = (url: string, init: FetchInit) => {
        sent.push({url, method: init.method, headers: init.headers, body: init.body === undefined ? undefined : JSON.parse(init.body)});
        return fetch(url, init);
    };
    return {fetch: record, sent};
}
