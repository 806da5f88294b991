import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {StartupError, StartupErrorCodes} from './startup-error.js';

describe('StartupError', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

    it("has a row for every code in the package's README, which its messages point to", () => {
        const rows = [...readme.matchAll(/^\| `(HL_[A-Z_]+)` \|/gm)].map((m) => m[1]);
        expect(rows.sort()).toEqual(Object.values(StartupErrorCodes).sort());
        expect(new StartupError(StartupErrorCodes.EMPTY_ROUTES, 'the routes object is empty.').message).toBe(
            'HL_EMPTY_ROUTES: the routes object is empty. (see "Startup errors" in node_modules/@hookline/router/README.md)',
        );
    });

    it('points to a README once: messages that name one already keep theirs', () => {
        const message = new StartupError(StartupErrorCodes.NEVER_PARAM, 'erased. See node_modules/@hookline/compiler/README.md.').message;
        expect(message).toBe('HL_NEVER_PARAM: erased. See node_modules/@hookline/compiler/README.md.');
    });
});
