// The shared protocol case table (test/shared/protocol-cases.ts) through the Fetch handler, in
// process, with Node's own Request and Response. Headers joins a repeated header into one value,
// so the cases with a header sent twice expect what every merging transport gets.
import {describe, expect, it} from 'vitest';
import {checkCase, createCaseRouter, ProtocolCase, protocolCases} from '../../../test/shared/protocol-cases.js';
import {createFetchHandler} from './handler.js';

/** The Request of a case; an array header value is the header sent once per value. */
export function caseRequest(base: string, c: ProtocolCase): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(c.headers ?? {})) for (const v of [value].flat()) headers.append(name, v);
    return new Request(base + c.path, {method: c.method, headers, body: c.body});
}

/** A case as a transport that merges repeated headers sees it. */
export function mergedCase(c: ProtocolCase): ProtocolCase {
    return c.whenRepeatsMerged === undefined ? c : {...c, ...c.whenRepeatsMerged};
}

describe('the shared protocol case table through createFetchHandler (Node Request/Response)', () => {
    const handler = createFetchHandler(createCaseRouter());
    it.each(protocolCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const res = await handler(caseRequest('http://127.0.0.1', c));
        const body = await res.text();
        expect(checkCase(mergedCase(c), {status: res.status, headers: Object.fromEntries(res.headers), body})).toEqual([]);
    });
});
