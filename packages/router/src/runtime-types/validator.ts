// The validator lives in @hookline/core, shared with the client (which validates params before
// sending); the router's runtime types use it from there.
export {
    ValidatorBuilder,
    isIsoDateString,
    isValidDate,
    dateFromIso,
    acceptsUndefined,
    collectRefTargets,
    minTupleLength,
} from '@hookline/core';
export type {Guard, IssueCollector, ValidationIssue, ValidationMode} from '@hookline/core';
