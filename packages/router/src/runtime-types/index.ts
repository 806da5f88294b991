// The runtime-types interface the router uses: types in, compiled functions out. Only
// reflect-handler.ts knows the backend (@deepkit/type).
import {TypeNode} from '@hookline/core';
import {buildDeserializer, Deserializer} from './deserializer.js';
import {compileGuard} from './guard-code.js';
import {JsonSchema} from './json-schema.js';
import {buildSerializer, Serializer} from './serializer.js';
import {Guard, IssueCollector, ValidationIssue, ValidatorBuilder} from './validator.js';

/** Everything compiled from one type, once, at startup. */
export interface CompiledType {
    node: TypeNode;
    /** Cheap check of the JSON form (params as parsed from the body). */
    isJson: Guard;
    /** Every issue of a JSON-form value (call only when `isJson` failed). */
    jsonIssues(value: unknown, path: string): ValidationIssue[];
    /** Cheap check of a JavaScript value (return values). */
    isValue: Guard;
    /** Every issue of a JavaScript value (call only when `isValue` failed). */
    valueIssues(value: unknown, path: string): ValidationIssue[];
    /** JSON form -> declared type (Dates), or `undefined` when the JSON form already is the value. */
    deserialize: Deserializer | undefined;
    /** Value -> JSON text. */
    serialize: Serializer;
    /** JSON Schema the serializer was compiled from (`undefined` when `JSON.stringify` is used). */
    schema: JsonSchema | undefined;
}

function issuesOf(collect: IssueCollector): (value: unknown, path: string) => ValidationIssue[] {
    return (value, path) => {
        const out: ValidationIssue[] = [];
        collect(value, path, out);
        return out;
    };
}

/** Compiles the guards, deserializer and serializer of a type. `fastSerializer: false` uses `JSON.stringify`. */
export function compileType(node: TypeNode, fastSerializer = true): CompiledType {
    const json = new ValidatorBuilder(node, 'json');
    const value = new ValidatorBuilder(node, 'value');
    const {serialize, schema} = buildSerializer(node, fastSerializer);
    return {
        node,
        isJson: compileGuard(node, 'json', json),
        jsonIssues: issuesOf(json.collector(node)),
        isValue: compileGuard(node, 'value', value),
        valueIssues: issuesOf(value.collector(node)),
        deserialize: buildDeserializer(node),
        serialize,
        schema,
    };
}

export {reflectHandler, hasTypeMetadata} from './reflect-handler.js';
export type {HandlerSignature, ParamSignature} from './reflect-handler.js';
export {buildHeaderConverter, isHeaderType} from './header-value.js';
export type {HeaderConverter, HeaderConversion} from './header-value.js';
export type {Guard, ValidationIssue} from './validator.js';
export type {Deserializer} from './deserializer.js';
export type {Serializer} from './serializer.js';
export type {JsonSchema} from './json-schema.js';
export {isIsoDateString, minTupleLength} from './validator.js';
