import {IssueCollector, ProcedureMetadata, TypeNode, ValidationIssue, ValidatorBuilder} from '@hookline/core';

interface Checker {
    guard: (value: unknown) => boolean;
    collect: IssueCollector;
}

const checkers = new WeakMap<ProcedureMetadata, Checker>();

function checkerOf(procedure: ProcedureMetadata): Checker {
    let checker = checkers.get(procedure);
    if (checker === undefined) {
        // The metadata doesn't say which params are optional: every param may be left out here,
        // and a missing one is left to the server to refuse.
        const tuple: TypeNode = {kind: 'tuple', items: procedure.params.map((type) => ({type, optional: true, rest: false}))};
        const builder = new ValidatorBuilder(tuple, 'json');
        checker = {guard: builder.guard(tuple), collect: builder.collector(tuple)};
        checkers.set(procedure, checker);
    }
    return checker;
}

/**
 * Client-side validation of params, with the server's own rules (the params are checked in their
 * JSON form, as the router checks them): a call with invalid params resolves to a
 * `validation-failed` error without sending a request. A separate entry point, so that clients
 * that don't validate don't carry the validator.
 *
 * @example
 * import {createClient} from '@hookline/client';
 * import {validateParams} from '@hookline/client/validate';
 *
 * const client = createClient<Api>({baseURL, validate: validateParams});
 */
export function validateParams(procedure: ProcedureMetadata, params: unknown[]): ValidationIssue[] {
    const checker = checkerOf(procedure);
    const json: unknown = JSON.parse(JSON.stringify(params));
    if (checker.guard(json)) return [];
    const issues: ValidationIssue[] = [];
    checker.collect(json, procedure.id, issues);
    return issues;
}
