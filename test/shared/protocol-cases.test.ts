import {describe, expect, it} from 'vitest';
import {collectStream} from '@hookline/router';
import {checkCase, createCaseRouter, protocolCases} from './protocol-cases.js';

describe('protocol case table, in-process', () => {
    const router = createCaseRouter();
    it.each(protocolCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        // A streamed response is read to its end (its events are the body).
        const res = await collectStream(
            await router.dispatch({
                method: c.method,
                path: c.path,
                // An array stands for the header sent once per value, which the adapters pass on as such.
                headers: Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
                body: c.body,
            }),
        );
        expect(checkCase(c, {status: res.statusCode, headers: res.headers, body: res.body})).toEqual([]);
    });
});
