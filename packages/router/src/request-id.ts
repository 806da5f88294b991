import {randomId} from './platform.js';

// Bounded length, safe characters: an incoming id is echoed in headers and written to logs.
const wellFormed = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** Whether an incoming request id can be trusted as is (1-128 chars of `A-Za-z0-9._:@+=/-`). */
export function isWellFormedRequestId(value: unknown): value is string {
    return typeof value === 'string' && wellFormed.test(value);
}

/** The id of a call: the incoming header's value when well formed, a new UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
    return isWellFormedRequestId(header) ? header : randomId();
}
