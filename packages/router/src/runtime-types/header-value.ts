import {TypeNode, typeNodeToString} from '@hookline/core';

/** Result of converting a header string: the value, or why it can't be converted. */
export type HeaderConversion = {ok: true; value: unknown} | {ok: false; message: string};

/** Converts a raw header string into the header hook's declared param type. */
export type HeaderConverter = (raw: string) => HeaderConversion;

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a type can be a header hook param: string, number, boolean, their literals, and unions of them (plus `undefined`). */
export function isHeaderType(node: TypeNode): boolean {
    switch (node.kind) {
        case 'string':
        case 'number':
        case 'boolean':
        case 'literal':
        case 'undefined':
            return true;
        case 'union':
            return node.members.every(isHeaderType);
        default:
            return false;
    }
}

function convertOne(node: TypeNode, raw: string): HeaderConversion | undefined {
    switch (node.kind) {
        case 'string':
            return {ok: true, value: raw};
        case 'number': {
            const text = raw.trim();
            if (!numeric.test(text)) return undefined;
            const n = Number(text);
            return Number.isFinite(n) ? {ok: true, value: n} : undefined;
        }
        case 'boolean': {
            const text = raw.trim();
            if (text === 'true' || text === '1') return {ok: true, value: true};
            if (text === 'false' || text === '0') return {ok: true, value: false};
            return undefined;
        }
        case 'literal': {
            if (typeof node.value === 'string') return raw === node.value ? {ok: true, value: raw} : undefined;
            const converted = convertOne({kind: typeof node.value === 'number' ? 'number' : 'boolean'}, raw);
            return converted !== undefined && converted.ok && converted.value === node.value ? converted : undefined;
        }
        default:
            return undefined;
    }
}

/**
 * Builds the strict soft conversion of a header hook param: `'5'` -> 5 (finite numbers only),
 * `'true'`/`'1'` -> true and `'false'`/`'0'` -> false; anything else is refused, never guessed.
 * For unions, members are tried in a fixed order: numbers, booleans, string literals, strings.
 */
export function buildHeaderConverter(node: TypeNode): HeaderConverter {
    const members = (node.kind === 'union' ? node.members : [node]).filter((m) => m.kind !== 'undefined');
    // A fixed order, whatever the declaration order: numbers, then booleans, then string literals,
    // then strings (so '1' is 1 for `number | boolean` and for `boolean | number`).
    const rank = (m: TypeNode): number => {
        const kind = m.kind === 'literal' ? typeof m.value : m.kind;
        return kind === 'number' ? 0 : kind === 'boolean' ? 1 : m.kind === 'literal' ? 2 : 3;
    };
    const ordered = [...members].sort((a, b) => rank(a) - rank(b));
    const expected = typeNodeToString(node);
    if (ordered.length === 1 && ordered[0]?.kind === 'string') return (raw) => ({ok: true, value: raw});
    return (raw) => {
        for (const m of ordered) {
            const r = convertOne(m, raw);
            if (r !== undefined) return r;
        }
        return {ok: false, message: `expected ${expected}`};
    };
}
