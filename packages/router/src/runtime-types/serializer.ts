import fastJsonStringify from 'fast-json-stringify';
import {TypeNode} from '@hookline/core';
import {JsonSchema, toJsonSchema} from './json-schema.js';

/** Writes a value of the declared type as JSON text. */
export type Serializer = (value: unknown) => string;

function jsonStringify(value: unknown): string {
    return JSON.stringify(value) ?? 'null';
}

/** Whether a type gives the serializer nothing to work with (any/unknown): plain `JSON.stringify` is used. */
function isOpaque(node: TypeNode): boolean {
    return node.kind === 'any' || node.kind === 'unknown';
}

/**
 * Builds the serializer of a type: fast-json-stringify compiled from the type's JSON Schema.
 * Compiling costs ~1 ms, so it happens on the first call (keeps cold start flat); `any` and
 * `unknown` use `JSON.stringify`.
 */
export function buildSerializer(node: TypeNode, useSchema: boolean): {serialize: Serializer; schema: JsonSchema | undefined} {
    if (!useSchema || isOpaque(node)) return {serialize: jsonStringify, schema: undefined};
    const schema = toJsonSchema(node);
    let compiled: Serializer | undefined;
    const serialize: Serializer = (value) => {
        compiled ??= fastJsonStringify(schema) as Serializer;
        return compiled(value);
    };
    return {serialize, schema};
}
