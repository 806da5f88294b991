// The runtime-types interface the router uses: types in, compiled functions out. Only
// reflect-handler.ts knows the backend (@deepkit/type).
import {TypeNode} from '@hookline/core';
import {buildDeserializer, Deserializer} from './deserializer.js';
import {JsonSchema, toJsonSchema} from './json-schema.js';
import {evalTypeCode, Serializer, toJson, typeCode, TypeCodeFunctions} from './type-code.js';
import {Guard, IssueCollector, ValidationIssue, ValidatorBuilder} from './validator.js';
import {buildValueWriter} from './value-writer.js';

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
    /** JSON Schema of what the serializer writes (`undefined` when `JSON.stringify` is used). */
    readonly schema: JsonSchema | undefined;
}

const always: Guard = () => true;
const opaqueCode: TypeCodeFunctions = {isJson: always, isValue: always, serialize: toJson};

/** Issues are collected on the slow path only, by collectors built on the first failure. */
function issuesOf(node: TypeNode, mode: 'json' | 'value'): (value: unknown, path: string) => ValidationIssue[] {
    let collect: IssueCollector | undefined;
    return (value, path) => {
        collect ??= new ValidatorBuilder(node, mode).collector(node);
        const out: ValidationIssue[] = [];
        collect(value, path, out);
        return out;
    };
}

/** Guards and serializer composed of closures: no code generated (a compact compiled module). */
function closureCode(node: TypeNode, serializer: boolean): TypeCodeFunctions {
    return {
        isJson: new ValidatorBuilder(node, 'json').guard(node),
        isValue: new ValidatorBuilder(node, 'value').guard(node),
        serialize: serializer ? buildValueWriter(node) : undefined,
    };
}

/**
 * Compiles the guards, deserializer and serializer of a type. `fastSerializer: false` uses
 * `JSON.stringify`. `code`: the type's generated code when it was compiled ahead of time (the
 * compiled module of `hookline build`), or `'closures'` to build it without generating code (a
 * compact compiled module); by default the code is generated and evaluated here.
 */
export function compileType(node: TypeNode, fastSerializer = true, code?: TypeCodeFunctions | 'closures'): CompiledType {
    const opaque = node.kind === 'any' || node.kind === 'unknown';
    const fns = opaque
        ? opaqueCode
        : code === 'closures'
          ? closureCode(node, fastSerializer)
          : (code ?? evalTypeCode(typeCode(node, {json: true, value: true, serializer: fastSerializer})));
    const generated = fastSerializer && !opaque && fns.serialize !== undefined;
    let schema: JsonSchema | undefined;
    return {
        node,
        isJson: fns.isJson,
        jsonIssues: issuesOf(node, 'json'),
        isValue: fns.isValue,
        valueIssues: issuesOf(node, 'value'),
        deserialize: buildDeserializer(node),
        serialize: generated ? (fns.serialize as Serializer) : toJson,
        get schema() {
            if (generated) schema ??= toJsonSchema(node);
            return schema;
        },
    };
}

export {reflectHandler, hasTypeMetadata} from './reflect-handler.js';
export type {ErrorSignature, HandlerSignature, ParamSignature, StreamSignature} from './reflect-handler.js';
export {buildHeaderConverter, isHeaderType} from './header-value.js';
export type {HeaderConverter, HeaderConversion} from './header-value.js';
export type {Guard, ValidationIssue} from './validator.js';
export type {Deserializer} from './deserializer.js';
export type {Serializer, TypeCodeFunctions, TypeCodeParts} from './type-code.js';
export {typeCode, typeCodeScope, toJson} from './type-code.js';
export type {JsonSchema} from './json-schema.js';
export {isIsoDateString, minTupleLength} from './validator.js';
