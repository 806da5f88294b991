// Guards and issue collectors compiled from TypeNodes: used by the router (params and return
// values) and by the client (params before sending). Browser-safe: no Node APIs.
import {ObjectTypeNode, TupleMemberNode, TypeNode, typeNodeToString} from './type-node.js';

/** A compiled check: `true` when the value has the type. */
export type Guard = (value: unknown) => boolean;

/** One validation failure: where, and what was expected there. */
export interface ValidationIssue {
    /** Path of the failing value, e.g. `updateUser[0].lastUpdate`. */
    path: string;
    /** The expected type, in TypeScript notation. */
    expected: string;
    /** What was wrong. */
    message: string;
}

/** Collects every {@link ValidationIssue} of a value (slow path, run only when the guard failed). */
export type IssueCollector = (value: unknown, path: string, out: ValidationIssue[]) => void;

/**
 * `json`: the value was parsed from JSON (params): a Date is an ISO 8601 string, unknown object
 * keys are refused. `value`: a JavaScript value (return values): a Date is a valid `Date`,
 * extra keys are allowed (the serializer drops them).
 */
export type ValidationMode = 'json' | 'value';

// A date (read as UTC), or a date-time with seconds optional and a mandatory zone (`Z` or an
// offset): without one, JavaScript reads the time in the server's own time zone.
const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// One-entry cache: the guard validates a date string, the deserializer then turns that same string
// into a Date; remembering the last instant parsed saves the second parse.
let lastIso: string | undefined;
let lastTime = 0;

function digits(s: string, from: number, count: number): number {
    let n = 0;
    for (let i = from; i < from + count; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return -1;
        n = n * 10 + c;
    }
    return n;
}

function validDay(year: number, month: number, day: number): boolean {
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month >= 1 && month <= 12 && day >= 1 && day <= (daysInMonth[month - 1] as number) + (leap ? 1 : 0);
}

/** The instant of the canonical form `YYYY-MM-DDTHH:MM:SS.sssZ` (what `toISOString` writes), or NaN; no regex, no Date.parse. */
function canonicalIsoTime(v: string): number {
    if (v.length !== 24 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58)
        return NaN;
    if (v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 46 || v.charCodeAt(23) !== 90) return NaN;
    const year = digits(v, 0, 4);
    const month = digits(v, 5, 2);
    const day = digits(v, 8, 2);
    const hours = digits(v, 11, 2);
    const minutes = digits(v, 14, 2);
    const seconds = digits(v, 17, 2);
    const ms = digits(v, 20, 3);
    // Years below 100 take the slow path: Date.UTC reads them as 19xx.
    if (
        year < 100 ||
        ms < 0 ||
        hours < 0 ||
        hours > 23 ||
        minutes < 0 ||
        minutes > 59 ||
        seconds < 0 ||
        seconds > 59 ||
        !validDay(year, month, day)
    )
        return NaN;
    return Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
}

/** Whether `v` is an ISO 8601 date (`2024-01-31`) or date-time with zone (`2024-01-31T10:00:00.000Z`) naming a real instant. */
export function isIsoDateString(v: unknown): v is string {
    if (typeof v !== 'string' || v.length > 40) return false;
    let time = canonicalIsoTime(v);
    if (Number.isNaN(time)) {
        const m = isoDate.exec(v);
        if (m === null) return false;
        // Date.parse rolls impossible days over (2024-02-30 -> March 1st): check the calendar first.
        if (!validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
        if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59))) return false;
        time = Date.parse(v);
        if (Number.isNaN(time)) return false;
    }
    lastIso = v;
    lastTime = time;
    return true;
}

/** The Date of an ISO string that passed {@link isIsoDateString} (anything else is returned as is). */
export function dateFromIso(v: unknown): unknown {
    if (typeof v !== 'string') return v;
    return new Date(v === lastIso ? lastTime : v);
}

/** Whether `v` is a `Date` holding a real instant (not an Invalid Date): a Date return value. */
export function isValidDate(v: unknown): v is Date {
    return v instanceof Date && !Number.isNaN(v.getTime());
}

const always: Guard = () => true;
const never: Guard = () => false;
const isString: Guard = (v) => typeof v === 'string';
const isFiniteNumber: Guard = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Guard = (v) => typeof v === 'boolean';
const isNull: Guard = (v) => v === null;
const isUndefined: Guard = (v) => v === undefined;
const hasOwn = Object.prototype.hasOwnProperty;

/** Whether a value of this type may be absent (it accepts `undefined`). */
export function acceptsUndefined(node: TypeNode): boolean {
    return (
        node.kind === 'undefined' ||
        node.kind === 'any' ||
        node.kind === 'unknown' ||
        (node.kind === 'union' && node.members.some(acceptsUndefined))
    );
}

/** Every object node with a `refId` reachable from `node`, by id (targets of `ref` nodes). */
export function collectRefTargets(node: TypeNode, out = new Map<string, ObjectTypeNode>()): Map<string, ObjectTypeNode> {
    switch (node.kind) {
        case 'object':
            if (node.refId !== undefined) {
                if (out.has(node.refId)) return out;
                out.set(node.refId, node);
            }
            for (const p of node.props) collectRefTargets(p.type, out);
            if (node.index !== undefined) collectRefTargets(node.index, out);
            return out;
        case 'array':
            return collectRefTargets(node.items, out);
        case 'tuple':
            for (const m of node.items) collectRefTargets(m.type, out);
            return out;
        case 'union':
            for (const m of node.members) collectRefTargets(m, out);
            return out;
        default:
            return out;
    }
}

/** Fewest items a tuple takes: up to its last member that is neither optional nor accepts `undefined`. */
export function minTupleLength(items: TupleMemberNode[]): number {
    let min = 0;
    items.forEach((m, i) => {
        if (!m.rest && !m.optional && !acceptsUndefined(m.type)) min = i + 1;
    });
    return min;
}

function objectKeyGetter(name: string): (v: Record<string, unknown>) => unknown {
    // A property named like an Object.prototype member ('constructor', 'toString', '__proto__')
    // must be read as an own property, or the inherited member would be seen instead.
    if (name in Object.prototype) return (v) => (hasOwn.call(v, name) ? v[name] : undefined);
    return (v) => v[name];
}

/** Builds guards and issue collectors for one type graph (shares recursive targets). */
export class ValidatorBuilder {
    private readonly refs: Map<string, ObjectTypeNode>;
    private readonly refGuards = new Map<string, Guard>();
    private readonly refCollectors = new Map<string, IssueCollector>();

    constructor(
        root: TypeNode,
        private readonly mode: ValidationMode,
    ) {
        this.refs = collectRefTargets(root);
    }

    guard(node: TypeNode): Guard {
        switch (node.kind) {
            case 'any':
            case 'unknown':
                return always;
            case 'never':
                return never;
            case 'string':
                return isString;
            case 'number':
                return isFiniteNumber;
            case 'boolean':
                return isBoolean;
            case 'null':
                return isNull;
            case 'undefined':
                return isUndefined;
            case 'literal': {
                const expected = node.value;
                return (v) => v === expected;
            }
            case 'date':
                return this.mode === 'json' ? isIsoDateString : isValidDate;
            case 'array': {
                const item = this.guard(node.items);
                if (item === always) return Array.isArray;
                return (v) => {
                    if (!Array.isArray(v)) return false;
                    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
                    return true;
                };
            }
            case 'tuple':
                return this.tupleGuard(node.items);
            case 'union': {
                const members = node.members.map((m) => this.guard(m));
                if (members.length === 2) {
                    const [a, b] = members as [Guard, Guard];
                    return (v) => a(v) || b(v);
                }
                return (v) => {
                    for (let i = 0; i < members.length; i++) if ((members[i] as Guard)(v)) return true;
                    return false;
                };
            }
            case 'object':
                return this.objectGuard(node);
            case 'ref':
                return this.refGuard(node.ref);
        }
    }

    collector(node: TypeNode): IssueCollector {
        if (node.kind === 'object') return this.objectCollector(node);
        if (node.kind === 'array') {
            const item = this.collector(node.items);
            const itemGuard = this.guard(node.items);
            return (v, path, out) => {
                if (!Array.isArray(v)) return void out.push(this.issue(path, node, v));
                for (let i = 0; i < v.length; i++) if (!itemGuard(v[i])) item(v[i], `${path}[${i}]`, out);
            };
        }
        if (node.kind === 'tuple') {
            const guard = this.tupleGuard(node.items);
            const members = node.items.map((m) => ({guard: this.guard(m.type), collect: this.collector(m.type)}));
            const fixed = members.filter((_, i) => !(node.items[i] as TupleMemberNode).rest);
            const restIndex = node.items.findIndex((m) => m.rest);
            const rest = restIndex < 0 ? undefined : members[restIndex];
            const required = minTupleLength(node.items);
            const expected = typeNodeToString(node);
            return (v, path, out) => {
                if (guard(v)) return;
                if (!Array.isArray(v)) return void out.push(this.issue(path, node, v));
                if (v.length < required)
                    return void out.push({path, expected, message: `expected at least ${required} items, got ${v.length}`});
                if (rest === undefined && v.length > fixed.length)
                    return void out.push({path, expected, message: `expected at most ${fixed.length} items, got ${v.length}`});
                for (let i = 0; i < v.length; i++) {
                    const m = i < fixed.length ? fixed[i] : rest;
                    if (m !== undefined && !m.guard(v[i])) m.collect(v[i], `${path}[${i}]`, out);
                }
            };
        }
        if (node.kind === 'ref') {
            const ref = node.ref;
            return (v, path, out) => this.refCollector(ref)(v, path, out);
        }
        const guard = this.guard(node);
        return (v, path, out) => {
            if (!guard(v)) out.push(this.issue(path, node, v));
        };
    }

    private issue(path: string, node: TypeNode, v: unknown): ValidationIssue {
        return issue(path, node, v, this.mode);
    }

    private refGuard(ref: string): Guard {
        const existing = this.refGuards.get(ref);
        if (existing !== undefined) return existing;
        const target = this.refs.get(ref);
        if (target === undefined) return always;
        let built: Guard | undefined;
        const lazy: Guard = (v) => (built ??= this.objectGuard(target, true))(v);
        this.refGuards.set(ref, lazy);
        return lazy;
    }

    private refCollector(ref: string): IssueCollector {
        let existing = this.refCollectors.get(ref);
        if (existing === undefined) {
            const target = this.refs.get(ref);
            existing = target === undefined ? () => undefined : this.objectCollector(target, true);
            this.refCollectors.set(ref, existing);
        }
        return existing;
    }

    private tupleGuard(items: TupleMemberNode[]): Guard {
        const fixed = items.filter((m) => !m.rest);
        const rest = items.find((m) => m.rest);
        const guards = fixed.map((m) => this.guard(m.type));
        const required = minTupleLength(items);
        const restGuard = rest === undefined ? undefined : this.guard(rest.type);
        return (v) => {
            if (!Array.isArray(v) || v.length < required) return false;
            if (restGuard === undefined && v.length > guards.length) return false;
            for (let i = 0; i < v.length; i++) {
                const g = i < guards.length ? guards[i] : restGuard;
                if (!(g as Guard)(v[i])) return false;
            }
            return true;
        };
    }

    private objectGuard(node: ObjectTypeNode, viaRef = false): Guard {
        if (node.refId !== undefined && !viaRef) return this.refGuard(node.refId);
        const n = node.props.length;
        const getters = node.props.map((p) => objectKeyGetter(p.name));
        const guards = node.props.map((p) => this.guard(p.type));
        const required = node.props.map((p) => !p.optional && !acceptsUndefined(p.type));
        const names = new Set(node.props.map((p) => p.name));
        const index = node.index === undefined ? undefined : this.guard(node.index);
        const strictKeys = this.mode === 'json' && index === undefined;
        return (v) => {
            if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
            const o = v as Record<string, unknown>;
            let present = 0;
            for (let i = 0; i < n; i++) {
                const x = (getters[i] as (o: Record<string, unknown>) => unknown)(o);
                if (x === undefined) {
                    if (required[i]) return false;
                    continue;
                }
                present++;
                if (!(guards[i] as Guard)(x)) return false;
            }
            if (strictKeys) {
                let count = 0;
                for (const k in o) if (hasOwn.call(o, k)) count++;
                return count === present;
            }
            if (index !== undefined) {
                for (const k of Object.keys(o)) if (!names.has(k) && !index(o[k])) return false;
            }
            return true;
        };
    }

    private objectCollector(node: ObjectTypeNode, viaRef = false): IssueCollector {
        if (node.refId !== undefined && !viaRef) {
            const ref = node.refId;
            return (v, path, out) => this.refCollector(ref)(v, path, out);
        }
        const props = node.props.map((p) => ({
            name: p.name,
            get: objectKeyGetter(p.name),
            guard: this.guard(p.type),
            collect: this.collector(p.type),
            required: !p.optional && !acceptsUndefined(p.type),
            type: p.type,
        }));
        const names = new Set(node.props.map((p) => p.name));
        const index = node.index;
        const indexGuard = index === undefined ? undefined : this.guard(index);
        const indexCollect = index === undefined ? undefined : this.collector(index);
        const strictKeys = this.mode === 'json' && index === undefined;
        return (v, path, out) => {
            if (typeof v !== 'object' || v === null || Array.isArray(v)) return void out.push(this.issue(path, node, v));
            const o = v as Record<string, unknown>;
            for (const p of props) {
                const x = p.get(o);
                const at = `${path}.${p.name}`;
                if (x === undefined) {
                    if (p.required) out.push({path: at, expected: typeNodeToString(p.type), message: 'required property is missing'});
                } else if (!p.guard(x)) p.collect(x, at, out);
            }
            for (const k of Object.keys(o)) {
                if (names.has(k)) continue;
                if (strictKeys) out.push({path: `${path}.${k}`, expected: 'no such property', message: `unknown property "${k}"`});
                else if (indexGuard !== undefined && !indexGuard(o[k])) (indexCollect as IssueCollector)(o[k], `${path}.${k}`, out);
            }
        };
    }
}

function describeValue(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : 'Date';
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return typeof v;
}

function issue(path: string, node: TypeNode, v: unknown, mode: ValidationMode): ValidationIssue {
    const expected = typeNodeToString(node);
    const message =
        mode === 'json' && node.kind === 'date' && typeof v === 'string'
            ? 'expected an ISO 8601 date (2024-01-31) or date-time with zone (2024-01-31T10:00:00Z)'
            : `expected ${expected}, got ${describeValue(v)}`;
    return {path, expected, message};
}
