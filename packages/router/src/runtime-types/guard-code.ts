// Guards generated as JavaScript source, for the server: the same checks as the closure-composed
// guards of @hookline/core's ValidatorBuilder (which the browser client also runs, where code
// generation may be forbidden), written out so that V8 sees plain property reads and typeof
// tests it can inline. Recursive types and index signatures are left to the closure guards.
import {ObjectTypeNode, TupleMemberNode, TypeNode} from '@hookline/core';
import {acceptsUndefined, Guard, isIsoDateString, isValidDate, minTupleLength, ValidationMode, ValidatorBuilder} from './validator.js';

/**
 * Compiles a guard for `root` to generated code. `closures` is a ValidatorBuilder for the same
 * root and mode: the parts not generated (recursive types, index signatures) call its guards.
 */
export function compileGuard(root: TypeNode, mode: ValidationMode, closures: ValidatorBuilder): Guard {
    const helpers: Guard[] = [];
    const functions: string[] = [];

    const helper = (guard: Guard): string => {
        helpers.push(guard);
        return `h[${helpers.length - 1}]`;
    };
    // A named local function for a composite node; `v` is its argument.
    const local = (body: string): string => {
        const name = `f${functions.length}`;
        functions.push(`function ${name}(v) {\n${body}\n}`);
        return name;
    };

    /** A JS expression that is true when the value in variable `v` has the type. */
    const test = (node: TypeNode, v: string): string => {
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
                return `${helper(mode === 'json' ? isIsoDateString : isValidDate)}(${v})`;
            case 'union':
                return `(${node.members.map((m) => test(m, v)).join(' || ')})`;
            case 'ref':
                return `${helper(closures.guard(node))}(${v})`;
            case 'array':
                return `${arrayFunction(node.items)}(${v})`;
            case 'tuple':
                return `${tupleFunction(node.items)}(${v})`;
            case 'object':
                if (node.refId !== undefined || node.index !== undefined) return `${helper(closures.guard(node))}(${v})`;
                return `${objectFunction(node)}(${v})`;
        }
    };

    const arrayFunction = (items: TypeNode): string =>
        local(
            [
                'if (!Array.isArray(v)) return false;',
                `for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${test(items, 'x')})) return false; }`,
                'return true;',
            ].join('\n'),
        );

    const tupleFunction = (items: TupleMemberNode[]): string => {
        const fixed = items.filter((m) => !m.rest);
        const rest = items.find((m) => m.rest);
        const lines = [`if (!Array.isArray(v) || v.length < ${minTupleLength(items)}) return false;`];
        if (rest === undefined) lines.push(`if (v.length > ${fixed.length}) return false;`);
        fixed.forEach((m, i) => lines.push(`if (v.length > ${i}) { const x = v[${i}]; if (!(${test(m.type, 'x')})) return false; }`));
        if (rest !== undefined)
            lines.push(
                `for (let i = ${fixed.length}; i < v.length; i++) { const x = v[i]; if (!(${test(rest.type, 'x')})) return false; }`,
            );
        lines.push('return true;');
        return local(lines.join('\n'));
    };

    const objectFunction = (node: ObjectTypeNode): string => {
        const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return false;', 'let present = 0;', 'let x;'];
        for (const p of node.props) {
            const key = JSON.stringify(p.name);
            // A name like an Object.prototype member ('constructor', 'toString') is read as an own property only.
            lines.push(p.name in Object.prototype ? `x = hasOwn.call(v, ${key}) ? v[${key}] : undefined;` : `x = v[${key}];`);
            const required = !p.optional && !acceptsUndefined(p.type);
            lines.push(
                `if (x === undefined) { ${required ? 'return false;' : ''} } else { present++; if (!(${test(p.type, 'x')})) return false; }`,
            );
        }
        // Params parsed from JSON may hold no key the type does not declare.
        if (mode === 'json')
            lines.push('let count = 0;', 'for (const k in v) if (hasOwn.call(v, k)) count++;', 'return count === present;');
        else lines.push('return true;');
        return local(lines.join('\n'));
    };

    const rootTest = test(root, 'v');
    const source = `"use strict";\nconst hasOwn = Object.prototype.hasOwnProperty;\n${functions.join('\n')}\nreturn function guard(v) { return ${rootTest}; };`;
    return new Function('h', source)(helpers) as Guard;
}
