import {describe, expect, it} from 'vitest';
import {TypeNode} from './type-node.js';
import {ValidationIssue, ValidatorBuilder} from './validator.js';

// The full suite is packages/router/src/runtime-types/validator.test.ts (the router re-exports
// this module); this checks the entry the client uses.

describe('validator', () => {
    it('checks JSON params and lists issues with paths', () => {
        const user: TypeNode = {
            kind: 'object',
            name: 'User',
            props: [
                {name: 'id', optional: false, type: {kind: 'number'}},
                {name: 'at', optional: false, type: {kind: 'date'}},
            ],
        };
        const builder = new ValidatorBuilder(user, 'json');
        expect(builder.guard(user)({id: 1, at: '2024-01-31T10:00:00Z'})).toBe(true);
        const issues: ValidationIssue[] = [];
        builder.collector(user)({id: '1', at: '31/01/2024', x: 1}, 'f[0]', issues);
        expect(issues.map((i) => i.path)).toEqual(['f[0].id', 'f[0].at', 'f[0].x']);
    });
});
