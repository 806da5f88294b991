// The shared protocol case table (test/shared/protocol-cases.ts) through the Fetch handler, in
// process, with Node's own Request and Response. Headers joins a repeated header into one value,
// so the cases with a header sent twice expect what every merging transport gets.
import {describe, expect, it} from 'vitest';
import {checkCase, createCaseRouter, protocolCases} from '../../../test/shared/protocol-cases.js';
import {createFetchHandler} from './handler.js';
import {caseRequest, mergedCase} from './test-support/case-requests.js';

describe('the shared protocol case table through createFetchHandler (Node Request/Response)', () => {
    const handler = createFetchHandler(createCaseRouter());
    it.each(protocolCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const res = await handler(caseRequest('http://127.0.0.1', c));
        const body = await res.text();
        expect(checkCase(mergedCase(c), {status: res.status, headers: Object.fromEntries(res.headers), body})).toEqual([]);
    });
});
