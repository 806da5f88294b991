// The shared case table's calls as Fetch requests, for the in-process and the real-runtime tests.
import {ProtocolCase} from '../../../../test/shared/protocol-cases.js';

/** The Request of a case at `base`; an array header value is the header sent once per value. */
export function caseRequest(base: string, c: ProtocolCase): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(c.headers ?? {})) for (const v of [value].flat()) headers.append(name, v);
    return new Request(base + c.path, {method: c.method, headers, body: c.body});
}

/** A case as a transport that merges a repeated header sees it: `Headers` joins repeats with ", ". */
export function mergedCase(c: ProtocolCase): ProtocolCase {
    return c.whenRepeatsMerged === undefined ? c : {...c, ...c.whenRepeatsMerged};
}
