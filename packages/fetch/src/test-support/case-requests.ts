// The shared case table's calls as Fetch requests, for the in-process and the real-runtime tests.
import {ProtocolCase} from '../../../../test/shared/protocol-cases.js';

/**
 * The Request of a case at `base`; an array header value is the header sent once per value. With
 * `declareLength`, a body's `content-length` is set, as a runtime's HTTP server sets it (a `Request`
 * made in process has none).
 */
export function caseRequest(base: string, c: ProtocolCase, declareLength = false): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(c.headers ?? {})) for (const v of [value].flat()) headers.append(name, v);
    if (declareLength && c.body !== undefined) headers.set('content-length', String(new TextEncoder().encode(c.body).byteLength));
    return new Request(base + c.path, {method: c.method, headers, body: c.body});
}

/** A case as a transport that merges a repeated header sees it: `Headers` joins repeats with ", ". */
export function mergedCase(c: ProtocolCase): ProtocolCase {
    return c.whenRepeatsMerged === undefined ? c : {...c, ...c.whenRepeatsMerged};
}
