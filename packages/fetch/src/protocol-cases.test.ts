// The shared protocol case table (test/shared/protocol-cases.ts) through the Fetch handler, in
// process, with Node's own Request and Response. Headers joins a repeated header into one value,
// so the cases with a header sent twice expect what every merging transport gets. Each case runs
// twice: as made in process (no content-length: the body is read through the counting stream) and
// with its content-length declared, as a server receives it (the handler's fast path).
import {describe, expect, it} from 'vitest';
import {checkCase, createCaseRouter, protocolCases} from '../../../test/shared/protocol-cases.js';
import {createFetchHandler} from './handler.js';
import {caseRequest, mergedCase} from './test-support/case-requests.js';

describe('the shared protocol case table through createFetchHandler (Node Request/Response)', () => {
    const handler = createFetchHandler(createCaseRouter());
    const cases = protocolCases.flatMap((c) => [[c.name, c, false] as const, [`${c.name} (content-length declared)`, c, true] as const]);
    it.each(cases)('%s', async (_name, c, declareLength) => {
        const res = await handler(caseRequest('http://127.0.0.1', c, declareLength));
        const body = await res.text();
        expect(checkCase(mergedCase(c), {status: res.status, headers: Object.fromEntries(res.headers), body})).toEqual([]);
    });
});
