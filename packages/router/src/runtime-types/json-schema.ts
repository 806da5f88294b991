import {TypeNode} from '@hookline/core';
import {mostSpecificFirst} from './type-code.js';
import {acceptsUndefined, collectRefTargets, minTupleLength} from './validator.js';

/** A JSON Schema (draft 7) document. */
export type JsonSchema = {[key: string]: unknown};

const primitiveKinds = new Set(['string', 'number', 'boolean', 'null']);

/**
 * Converts a {@link TypeNode} to JSON Schema. Recursive types become `definitions` + `$ref`.
 * `Date` is `{type: 'string', format: 'date-time'}`; `undefined` members are dropped from
 * unions (absent in JSON). Objects list their properties only: the serializer writes declared
 * properties and drops every other field.
 */
export function toJsonSchema(root: TypeNode): JsonSchema {
    const refs = collectRefTargets(root);
    const definitions: Record<string, JsonSchema> = {};
    const defName = (ref: string): string => ref.replace(/[^A-Za-z0-9_]/g, '_');

    const convert = (node: TypeNode, viaRef = false): JsonSchema => {
        switch (node.kind) {
            case 'any':
            case 'unknown':
            case 'never':
            case 'undefined':
                return {};
            case 'string':
            case 'number':
            case 'boolean':
            case 'null':
                return {type: node.kind};
            case 'literal':
                return {type: typeof node.value, enum: [node.value]};
            case 'date':
                return {type: 'string', format: 'date-time'};
            case 'array':
                return {type: 'array', items: convert(node.items)};
            case 'tuple': {
                const fixed = node.items.filter((m) => !m.rest);
                const rest = node.items.find((m) => m.rest);
                const schema: JsonSchema = {
                    type: 'array',
                    items: fixed.map((m) => convert(m.type)),
                    minItems: minTupleLength(node.items),
                };
                if (rest === undefined) {
                    schema.maxItems = fixed.length;
                    schema.additionalItems = false;
                } else schema.additionalItems = convert(rest.type);
                return schema;
            }
            case 'union': {
                const members = node.members.filter((m) => m.kind !== 'undefined');
                if (members.length === 1) return convert(members[0] as TypeNode);
                if (members.every((m) => primitiveKinds.has(m.kind))) return {type: [...new Set(members.map((m) => m.kind))]};
                if (members.every((m) => m.kind === 'literal')) {
                    const values = members.map((m) => (m as {value: string | number | boolean}).value);
                    return {type: [...new Set(values.map((v) => typeof v))], enum: values};
                }
                const ordered = mostSpecificFirst(members, refs);
                return {anyOf: ordered.map((m) => convert(m))};
            }
            case 'object': {
                if (node.refId !== undefined && !viaRef) {
                    const name = defName(node.refId);
                    if (definitions[name] === undefined) {
                        definitions[name] = {};
                        definitions[name] = convert(node, true);
                    }
                    return {$ref: `#/definitions/${name}`};
                }
                const properties: Record<string, JsonSchema> = {};
                const required: string[] = [];
                for (const p of node.props) {
                    properties[p.name] = convert(p.type);
                    // Same rule as the return check: `x?`, `T | undefined`, `unknown` and `any` may be absent.
                    if (!p.optional && !acceptsUndefined(p.type)) required.push(p.name);
                }
                const schema: JsonSchema = {type: 'object', properties};
                if (required.length > 0) schema.required = required;
                // No `additionalProperties: false`: fast-json-stringify writes declared properties only
                // anyway, and a union's anyOf must still match a value that carries extra fields.
                if (node.index !== undefined) schema.additionalProperties = convert(node.index);
                return schema;
            }
            case 'ref': {
                const target = refs.get(node.ref);
                return target === undefined ? {} : convert(target);
            }
        }
    };
    const schema = convert(root);
    if (Object.keys(definitions).length > 0) schema.definitions = definitions;
    return schema;
}
