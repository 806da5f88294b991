// The checks and the serializer of a type, generated as JavaScript source: the same checks as
// the closure guards of @hookline/core's ValidatorBuilder (which the browser client runs), written
// out so that V8 sees plain property reads and typeof tests it can inline. The source is either
// evaluated at startup (the reflecting path) or written into an API's compiled module by
// `hookline build` (no code is then generated from strings at runtime).
import {ObjectTypeNode, TupleMemberNode, TypeNode} from '@hookline/core';
import {acceptsUndefined, collectRefTargets, Guard, isIsoDateString, isValidDate, minTupleLength, ValidationMode} from './validator.js';

/** Writes a value of the declared type as JSON text. */
export type Serializer = (value: unknown) => string;

/** What the generated code of one type evaluates to. */
export interface TypeCodeFunctions {
    /** Check of the JSON form (params as parsed from the body). */
    isJson: Guard;
    /** Check of a JavaScript value (return values). */
    isValue: Guard;
    /** Value -> JSON text (declared properties only); `undefined` when not generated. */
    serialize: Serializer | undefined;
}

/**
 * `JSON.stringify` of a value the type says nothing about (`any`, `unknown`, unions of JSON
 * primitives), with `undefined` (and functions, symbols) written as `null`, as in arrays.
 */
export function toJson(value: unknown): string {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? 'null' : text;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Thrown by a generated serializer for a value it can't write as its declared type (possible only
 * with return validation off): the router answers 500 `invalid-return`, never a type lie.
 */
export function refuse(value: unknown, expected: string): never {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new TypeError(`can't write ${got} as ${expected}`);
}

// Characters JSON text can't hold as they are: controls, quote, backslash, and surrogates (a lone
// one is escaped by JSON.stringify).
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const needsEscape = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** JSON text of a string: most strings need no escaping, and a regex test is cheaper than JSON.stringify on Node 20-24. */
export function stringJson(s: string): string {
    return s.length < 5000 && !needsEscape.test(s) ? `"${s}"` : JSON.stringify(s);
}

const twoDigits = Array.from({length: 100}, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** JSON text of a valid Date (its ISO form), without going through `toISOString`'s slower path for common years. */
export function dateJson(d: Date): string {
    const year = d.getUTCFullYear();
    if (year < 1000 || year > 9999) return `"${d.toISOString()}"`;
    const ms = d.getUTCMilliseconds();
    return (
        '"' +
        year +
        '-' +
        twoDigits[d.getUTCMonth() + 1] +
        '-' +
        twoDigits[d.getUTCDate()] +
        'T' +
        twoDigits[d.getUTCHours()] +
        ':' +
        twoDigits[d.getUTCMinutes()] +
        ':' +
        twoDigits[d.getUTCSeconds()] +
        '.' +
        (ms < 10 ? '00' : ms < 100 ? '0' : '') +
        ms +
        'Z"'
    );
}

/**
 * The free names generated code uses, and their values. The compiled module imports or defines
 * them; {@link evalTypeCode} passes them in.
 */
export const typeCodeScope = {isIsoDateString, isValidDate, hasOwn, toJson, stringJson, dateJson, refuse} as const;

const scopeNames = Object.keys(typeCodeScope);
const scopeValues = Object.values(typeCodeScope);

/** Types whose JSON text is what `JSON.stringify` writes, member by member (no Date, no object to trim). */
export function isPlainJson(node: TypeNode): boolean {
    switch (node.kind) {
        case 'string':
        case 'number':
        case 'boolean':
        case 'null':
        case 'undefined':
        case 'literal':
        case 'never':
            return true;
        case 'union':
            return node.members.every(isPlainJson);
        default:
            return false;
    }
}

/**
 * Union members in the order a value is matched against them when it is written: a value is
 * written as the first member it matches, and object members accept extra fields, so the object
 * types with more required properties come first (a `Dog` in `Pet | Dog` is written as a Dog).
 */
export function mostSpecificFirst(members: readonly TypeNode[], refs: Map<string, ObjectTypeNode>): TypeNode[] {
    const specificity = (m: TypeNode): number => {
        const target = m.kind === 'ref' ? refs.get(m.ref) : m;
        if (target === undefined || target.kind !== 'object') return -1;
        // Required properties first (an optional one proves nothing), then all of them.
        const required = target.props.filter((p) => !p.optional && !acceptsUndefined(p.type)).length;
        return required * 1000 + target.props.length;
    };
    return [...members].sort((a, b) => specificity(b) - specificity(a));
}

function isOpaque(node: TypeNode): boolean {
    return node.kind === 'any' || node.kind === 'unknown';
}

/** Builds the local functions of one unit of generated code. */
class CodeWriter {
    private readonly functions: string[] = [];
    private readonly named = new Map<string, string>();
    private readonly refs: Map<string, ObjectTypeNode>;

    constructor(root: TypeNode) {
        this.refs = collectRefTargets(root);
    }

    /** A named local function of one argument `v`; `key` shares it (and lets recursive types call it before its body exists). */
    private local(key: string | undefined, body: () => string): string {
        if (key !== undefined) {
            const existing = this.named.get(key);
            if (existing !== undefined) return existing;
        }
        const name = `f${this.functions.length}`;
        if (key !== undefined) this.named.set(key, name);
        const at = this.functions.push('') - 1;
        this.functions[at] = `function ${name}(v) {\n${body()}\n}`;
        return name;
    }

    /** A JS expression, true when the value in variable `v` has the type. */
    test(node: TypeNode, v: string, mode: ValidationMode): string {
        switch (node.kind) {
            case 'any':
            case 'unknown':
                return 'true';
            case 'never':
                return 'false';
            case 'string':
                return `typeof ${v} === "string"`;
            case 'number':
                return `(typeof ${v} === "number" && Number.isFinite(${v}))`;
            case 'boolean':
                return `typeof ${v} === "boolean"`;
            case 'null':
                return `${v} === null`;
            case 'undefined':
                return `${v} === undefined`;
            case 'literal':
                return `${v} === ${JSON.stringify(node.value)}`;
            case 'date':
                return mode === 'json' ? `isIsoDateString(${v})` : `isValidDate(${v})`;
            case 'union':
                return `(${node.members.map((m) => this.test(m, v, mode)).join(' || ')})`;
            case 'ref':
                return `${this.refGuard(node.ref, mode)}(${v})`;
            case 'array':
                return `${this.arrayGuard(node.items, mode)}(${v})`;
            case 'tuple':
                return `${this.tupleGuard(node.items, mode)}(${v})`;
            case 'object':
                if (node.refId !== undefined) return `${this.refGuard(node.refId, mode)}(${v})`;
                return `${this.objectGuard(node, mode, undefined)}(${v})`;
        }
    }

    private refGuard(ref: string, mode: ValidationMode): string {
        const key = `${mode}:${ref}`;
        const target = this.refs.get(ref);
        // A ref without a target can't be checked: nothing has its type (as the closure guards do).
        if (target === undefined) return this.local(key, () => 'return false;');
        return this.objectGuard(target, mode, key);
    }

    private arrayGuard(items: TypeNode, mode: ValidationMode): string {
        return this.local(undefined, () =>
            [
                'if (!Array.isArray(v)) return false;',
                `for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${this.test(items, 'x', mode)})) return false; }`,
                'return true;',
            ].join('\n'),
        );
    }

    private tupleGuard(items: TupleMemberNode[], mode: ValidationMode): string {
        return this.local(undefined, () => {
            const fixed = items.filter((m) => !m.rest);
            const rest = items.find((m) => m.rest);
            const lines = [`if (!Array.isArray(v) || v.length < ${minTupleLength(items)}) return false;`];
            if (rest === undefined) lines.push(`if (v.length > ${fixed.length}) return false;`);
            fixed.forEach((m, i) =>
                lines.push(`if (v.length > ${i}) { const x = v[${i}]; if (!(${this.test(m.type, 'x', mode)})) return false; }`),
            );
            if (rest !== undefined)
                lines.push(
                    `for (let i = ${fixed.length}; i < v.length; i++) { const x = v[i]; if (!(${this.test(rest.type, 'x', mode)})) return false; }`,
                );
            lines.push('return true;');
            return lines.join('\n');
        });
    }

    private objectGuard(node: ObjectTypeNode, mode: ValidationMode, key: string | undefined): string {
        return this.local(key, () => {
            const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return false;', 'let present = 0;', 'let x;'];
            for (const p of node.props) {
                lines.push(`x = ${readProp('v', p.name)};`);
                const required = !p.optional && !acceptsUndefined(p.type);
                lines.push(
                    `if (x === undefined) { ${required ? 'return false;' : ''} } else { present++; if (!(${this.test(p.type, 'x', mode)})) return false; }`,
                );
            }
            if (node.index !== undefined) {
                lines.push(
                    'for (const k in v) {',
                    'if (!hasOwn.call(v, k)) continue;',
                    ...skipDeclared(node),
                    `const y = v[k]; if (!(${this.test(node.index, 'y', mode)})) return false;`,
                    '}',
                    'return true;',
                );
            } else if (mode === 'json') {
                // Params parsed from JSON may hold no key the type does not declare.
                lines.push('let count = 0;', 'for (const k in v) if (hasOwn.call(v, k)) count++;', 'return count === present;');
            } else lines.push('return true;');
            return lines.join('\n');
        });
    }

    /**
     * A JS expression: the JSON text of the value in variable `x` (not `undefined`: callers skip or
     * write `null` for it). A value that does not have the type is refused (see {@link refuse}).
     */
    write(node: TypeNode, x: string): string {
        switch (node.kind) {
            case 'string':
                return `(typeof ${x} === "string" ? stringJson(${x}) : refuse(${x}, "string"))`;
            case 'number':
                return `(typeof ${x} === "number" && Number.isFinite(${x}) ? "" + ${x} : refuse(${x}, "a finite number"))`;
            case 'boolean':
                return `(${x} === true ? "true" : ${x} === false ? "false" : refuse(${x}, "boolean"))`;
            case 'literal': {
                const literal = JSON.stringify(node.value);
                return `(${x} === ${literal} ? ${JSON.stringify(literal)} : refuse(${x}, ${JSON.stringify(literal)}))`;
            }
            case 'date':
                return `(isValidDate(${x}) ? dateJson(${x}) : refuse(${x}, "a valid Date"))`;
            case 'array':
                return `${this.arrayWriter(node.items)}(${x})`;
            case 'tuple':
                return `${this.tupleWriter(node.items)}(${x})`;
            case 'object':
                if (node.refId !== undefined) return `${this.refWriter(node.refId)}(${x})`;
                return `${this.objectWriter(node, undefined)}(${x})`;
            case 'ref':
                return `${this.refWriter(node.ref)}(${x})`;
            case 'union':
                if (isPlainJson(node)) return `toJson(${x})`;
                return `${this.unionWriter(node.members)}(${x})`;
            default:
                return `toJson(${x})`;
        }
    }

    private refWriter(ref: string): string {
        const key = `write:${ref}`;
        const target = this.refs.get(ref);
        if (target === undefined) return this.local(key, () => 'return toJson(v);');
        return this.objectWriter(target, key);
    }

    private arrayWriter(items: TypeNode): string {
        return this.local(undefined, () =>
            [
                'if (!Array.isArray(v)) refuse(v, "an array");',
                'let out = "[";',
                `for (let i = 0; i < v.length; i++) { if (i > 0) out += ","; const x = v[i]; out += x === undefined ? "null" : ${this.write(items, 'x')}; }`,
                'return out + "]";',
            ].join('\n'),
        );
    }

    private tupleWriter(items: TupleMemberNode[]): string {
        return this.local(undefined, () => {
            const fixed = items.filter((m) => !m.rest);
            const rest = items.find((m) => m.rest);
            const lines = ['if (!Array.isArray(v)) refuse(v, "a tuple");', 'let out = "[";', 'let x;'];
            fixed.forEach((m, i) =>
                lines.push(
                    `if (v.length > ${i}) { ${i > 0 ? 'out += ",";' : ''} x = v[${i}]; out += x === undefined ? "null" : ${this.write(m.type, 'x')}; }`,
                ),
            );
            if (rest === undefined) lines.push(`if (v.length > ${fixed.length}) refuse(v, "a tuple of ${fixed.length}");`);
            else
                lines.push(
                    `for (let i = ${fixed.length}; i < v.length; i++) { if (i > 0) out += ","; x = v[i]; out += x === undefined ? "null" : ${this.write(rest.type, 'x')}; }`,
                );
            lines.push('return out + "]";');
            return lines.join('\n');
        });
    }

    private objectWriter(node: ObjectTypeNode, key: string | undefined): string {
        return this.local(key, () => {
            // `c` is what goes before the next member: "{" for the first, "," after.
            const lines = [
                'if (typeof v !== "object" || v === null || Array.isArray(v)) refuse(v, "an object");',
                'let out = "";',
                'let c = "{";',
                'let x;',
            ];
            for (const p of node.props) {
                lines.push(`x = ${readProp('v', p.name)};`);
                if (!p.optional && !acceptsUndefined(p.type))
                    lines.push(`if (x === undefined) refuse(x, ${JSON.stringify(`property ${p.name}`)});`);
                lines.push(...this.member(JSON.stringify(`${JSON.stringify(p.name)}:`), p.type));
            }
            if (node.index !== undefined) {
                lines.push(
                    'for (const k in v) {',
                    'if (!hasOwn.call(v, k)) continue;',
                    ...skipDeclared(node),
                    'x = v[k];',
                    ...this.member('JSON.stringify(k) + ":"', node.index),
                    '}',
                );
            }
            lines.push('return c === "{" ? "{}" : out + "}";');
            return lines.join('\n');
        });
    }

    /** Lines writing member `x` after its key (a JS expression); absent members are left out, as JSON.stringify does. */
    private member(keyExpr: string, type: TypeNode): string[] {
        if (isOpaque(type)) {
            // JSON.stringify leaves out members it can't write (functions, symbols): so do we.
            return [
                'if (x !== undefined) { const s = JSON.stringify(x); if (s !== undefined) { out += c + ' + keyExpr + ' + s; c = ","; } }',
            ];
        }
        return [`if (x !== undefined) { out += c + ${keyExpr} + ${this.write(type, 'x')}; c = ","; }`];
    }

    private unionWriter(members: TypeNode[]): string {
        return this.local(undefined, () => {
            const lines: string[] = [];
            for (const m of mostSpecificFirst(members, this.refs)) {
                if (m.kind === 'undefined' || m.kind === 'never') continue;
                lines.push(`if (${this.test(m, 'v', 'value')}) return ${this.write(m, 'v')};`);
            }
            lines.push(`return refuse(v, ${JSON.stringify(members.map((m) => m.kind).join(' | '))});`);
            return lines.join('\n');
        });
    }

    /** The unit: statements ending in `return {isJson, isValue, serialize}` (a part not asked for is a guard that refuses, or no serializer). */
    unit(root: TypeNode, parts: TypeCodeParts): string {
        const isJson = parts.json ? this.test(root, 'v', 'json') : 'false';
        const isValue = parts.value ? this.test(root, 'v', 'value') : 'false';
        const serialize = parts.serializer
            ? `function (v) { return ${isOpaque(root) ? 'toJson(v)' : this.write(root, 'v')}; }`
            : 'undefined';
        return [
            '"use strict";',
            ...this.functions,
            `return {isJson: function (v) { return ${isJson}; }, isValue: function (v) { return ${isValue}; }, serialize: ${serialize}};`,
        ].join('\n');
    }
}

/** Which parts of a type's code to generate: params need the JSON guard, return values the value guard and the serializer. */
export interface TypeCodeParts {
    json: boolean;
    value: boolean;
    serializer: boolean;
}

/** A property read that does not reach into Object.prototype for names like 'constructor' or 'toString'. */
function readProp(v: string, name: string): string {
    const key = JSON.stringify(name);
    return name in Object.prototype ? `(hasOwn.call(${v}, ${key}) ? ${v}[${key}] : undefined)` : `${v}[${key}]`;
}

/** Lines that skip, inside a `for (const k in v)` loop, the keys an object type declares. */
function skipDeclared(node: ObjectTypeNode): string[] {
    if (node.props.length === 0) return [];
    return [`switch (k) { ${node.props.map((p) => `case ${JSON.stringify(p.name)}:`).join(' ')} continue; }`];
}

/**
 * The generated code of a type: the body of a function that, run with the names of
 * {@link typeCodeScope} in scope, returns its {@link TypeCodeFunctions}.
 */
export function typeCode(root: TypeNode, parts: TypeCodeParts): string {
    return new CodeWriter(root).unit(root, parts);
}

/** Runs {@link typeCode} output at runtime (the path that reflects types at startup). */
export function evalTypeCode(code: string): TypeCodeFunctions {
    // Generated from types at startup; the compiled-module path never gets here.
    return new Function(...scopeNames, code)(...scopeValues) as TypeCodeFunctions;
}
