// The only file that knows about @deepkit/type: it turns a handler's reflected signature into
// our own TypeNode description. Swapping the runtime-types backend means rewriting this file.
//
// @deepkit/type is loaded on the first reflection, not imported: an app that runs on an API's
// compiled module (`hookline build`) never reflects, so never loads it (and bundles stay free of it).
// Type-only imports on purpose: this file is not reflected, and a value import would load deepkit.
// eslint-disable-next-line no-restricted-syntax
import type * as Deepkit from '@deepkit/type';
// eslint-disable-next-line no-restricted-syntax
import type {Type, TypeClass, TypeFunction, TypeObjectLiteral, TypeTuple} from '@deepkit/type';
import {isReservedErrorName, ObjectTypeNode, PropertyNode, RpcError, TypeNode} from '@hookline/core';
import {builtinModule} from '../platform.js';
import {StartupError, StartupErrorCodes} from '../startup-error.js';

/** A handler's signature in our own terms. */
export interface HandlerSignature {
    /** All params, the context included. */
    params: ParamSignature[];
    /** Declared return type with `Promise` unwrapped. */
    returns: TypeNode;
    /** Whether the declared return type is a `Promise`. */
    returnsPromise: boolean;
    /** The errors it declares (`RpcError` subclasses with a literal name in its return type); absent when none. */
    errors?: ErrorSignature[];
    /**
     * Present when the handler streams (an `async function*`, or it returns `AsyncIterable<T>`,
     * `AsyncGenerator<T, R>`...): the type of each item, and of the final value (`returns` is that
     * type too; the errors are declared beside it: `AsyncGenerator<T, R | NotFound>`).
     */
    stream?: StreamSignature;
}

/** The types of a streaming handler. */
export interface StreamSignature {
    /** Each item's type. */
    item: TypeNode;
    /** The final value's type (`undefined` when the generator returns nothing). */
    result: TypeNode;
}

/** An error a handler declares: `class UserNotFound extends RpcError<'user-not-found', {id: number}, 404> {}` in its return type. */
export interface ErrorSignature {
    name: string;
    /** The status the declaration fixes; absent when it is `number`. */
    statusCode?: number;
    /** The type of `errorData` (`unknown` when the class leaves it out: `RpcError<'x'>`). */
    data: TypeNode;
}

/** One reflected parameter. */
export interface ParamSignature {
    name: string;
    optional: boolean;
    type: TypeNode;
}

const docsLink = 'See node_modules/@hookline/compiler/README.md (docs/runtime-types.md in the Hookline repository).';

// Why a param's type can't be read, in the order users meet them; the message can't tell which.
const erasedCauses =
    'Either it is imported with `import type` or `import {type X}` (import it with a plain import); or it is declared in a .d.ts file, ' +
    "such as a dependency's types: the type compiler reads the types of your own .ts sources only, so declare the type in your code; " +
    "or it is a type the compiler can't represent (such as Buffer).";

const howToEnable =
    "Hookline needs the handlers' param and return types. Either build the API's compiled module with `npx hookline build --entry <file> --out <file>` " +
    "and pass it as createRouter({compiled}) (any toolchain: TypeScript 7, esbuild, tsx, Bun), or compile with deepkit's type compiler: " +
    '"reflection": true at the top level of tsconfig.json and tsc 5.x after `deepkit-type-install`, `hooklineTypes()` from @hookline/compiler/vite ' +
    'in vite/vitest, or `node --import @hookline/compiler/register` for .ts files. ' +
    docsLink;

let deepkit: typeof Deepkit | undefined;
// Set with `deepkit` (its enum object, so that `case ReflectionKind.x` narrows as with an import).
let ReflectionKind: typeof Deepkit.ReflectionKind;

/** @deepkit/type, loaded synchronously on first use (Node's require: its CommonJS build). */
function loadDeepkit(where: string): typeof Deepkit {
    if (deepkit !== undefined) return deepkit;
    const nodeModule = builtinModule<typeof import('node:module')>('node:module');
    if (nodeModule === undefined)
        throw new StartupError(
            StartupErrorCodes.MISSING_TYPE_METADATA,
            `${where}: this runtime can't load @deepkit/type to read the handler's types. Build the API's compiled module with \`hookline build\` and pass it as createRouter({compiled}). ${docsLink}`,
        );
    deepkit = nodeModule.createRequire(import.meta.url)('@deepkit/type') as typeof Deepkit;
    ReflectionKind = deepkit.ReflectionKind;
    return deepkit;
}

/** Whether `fn` carries deepkit's type metadata. */
export function hasTypeMetadata(fn: unknown): boolean {
    return typeof fn === 'function' && (fn as {__type?: unknown}).__type !== undefined;
}

/**
 * Reflects a handler. `where` names it in startup errors. Throws a {@link StartupError} when the
 * function has no type metadata, or a type can't travel as JSON.
 */
export function reflectHandler(fn: (...args: never[]) => unknown, where: string): HandlerSignature {
    if (!hasTypeMetadata(fn)) {
        throw new StartupError(StartupErrorCodes.MISSING_TYPE_METADATA, `${where}: the handler has no type metadata. ${howToEnable}`);
    }
    const type = loadDeepkit(where).reflect(fn) as Type;
    if (type.kind !== ReflectionKind.function && type.kind !== ReflectionKind.method) {
        throw new StartupError(
            StartupErrorCodes.MISSING_TYPE_METADATA,
            `${where}: the handler's type metadata is not a function type. ${howToEnable}`,
        );
    }
    const fnType = type as TypeFunction;
    const converter = new TypeConverter(where);
    const params = fnType.parameters.map((p, i): ParamSignature => {
        const isRest = p.type.kind === ReflectionKind.rest;
        if (isRest)
            throw new StartupError(
                StartupErrorCodes.UNSUPPORTED_TYPE,
                `${where}: rest parameter "...${p.name}" is not supported; declare each param.`,
            );
        const node = i === 0 ? {kind: 'any' as const} : converter.convert(p.type, p.name);
        return {name: p.name, optional: p.optional === true || p.default !== undefined, type: node};
    });
    let ret: Type = fnType.return;
    let returnsPromise = false;
    if (ret.kind === ReflectionKind.promise) {
        returnsPromise = true;
        ret = ret.type;
    }
    const errors: ErrorSignature[] = [];
    const streamed = converter.streamType(ret, errors);
    const returns = streamed === undefined ? converter.returnType(ret, errors) : streamed.result;
    const signature: HandlerSignature = {params, returns, returnsPromise};
    if (errors.length > 0) signature.errors = errors;
    if (streamed !== undefined) signature.stream = streamed;
    return signature;
}

// The async iterables a streaming handler may return; each reflects as an interface with this name.
const streamInterfaces = new Set(['AsyncGenerator', 'AsyncIterable', 'AsyncIterableIterator']);

/** Whether a class is `RpcError` or derives from it (this package's copy or another's). */
function rpcErrorDepth(classType: unknown): number {
    let depth = 0;
    for (let c = classType; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c) as unknown, depth++) {
        if (
            c === RpcError ||
            ((c as {name?: unknown}).name === 'RpcError' &&
                typeof (c as {prototype?: {toPublic?: unknown}}).prototype?.toPublic === 'function')
        )
            return depth;
    }
    return -1;
}

// Built-ins that reflect as interfaces and can't travel as JSON.
const typedArrays = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
    'Buffer',
];
const unsupportedInterfaces = new Set([
    ...typedArrays,
    'WeakMap',
    'WeakSet',
    'WeakRef',
    'Error',
    'Function',
    'Promise',
    'PromiseLike',
    'Iterable',
    'Iterator',
    'AsyncIterable',
    'AsyncIterableIterator',
    'AsyncGenerator',
    'Generator',
    'IterableIterator',
    'ReadonlyMap',
    'ReadonlySet',
    'ArrayBuffer',
    'DataView',
]);

class TypeConverter {
    private readonly inProgress = new Map<Type, ObjectTypeNode>();
    private refCount = 0;

    constructor(private readonly where: string) {}

    convert(type: Type, path: string): TypeNode {
        switch (type.kind) {
            case ReflectionKind.any:
                // An `any` that still carries a type name, not inlined from an alias, is a reference
                // the compiler could not resolve at runtime: what `import type {X}` leaves behind.
                if (type.typeName !== undefined && (type as {inlined?: boolean}).inlined !== true) return this.erased(path, type.typeName);
                return {kind: 'any'};
            case ReflectionKind.typeParameter:
                return {kind: 'any'};
            case ReflectionKind.unknown:
                return {kind: 'unknown'};
            case ReflectionKind.never:
                // A return type of never (a handler that always throws) is fine; a value typed never is not.
                if (path === 'return') return {kind: 'never'};
                throw new StartupError(
                    StartupErrorCodes.NEVER_PARAM,
                    `${this.where}: "${path}" reflects as never: its type can't be read at runtime. ${erasedCauses} ${docsLink}`,
                );
            case ReflectionKind.void:
            case ReflectionKind.undefined:
                return {kind: 'undefined'};
            case ReflectionKind.null:
                return {kind: 'null'};
            case ReflectionKind.string:
            case ReflectionKind.templateLiteral:
                return {kind: 'string'};
            case ReflectionKind.number:
                return {kind: 'number'};
            case ReflectionKind.boolean:
                return {kind: 'boolean'};
            case ReflectionKind.literal:
                if (typeof type.literal === 'string' || typeof type.literal === 'number' || typeof type.literal === 'boolean') {
                    return {kind: 'literal', value: type.literal};
                }
                return this.unsupported(path, 'a bigint, symbol or regexp literal');
            case ReflectionKind.enum:
                return this.union(
                    type.values.map((v): TypeNode =>
                        v === undefined ? {kind: 'undefined'} : v === null ? {kind: 'null'} : {kind: 'literal', value: v},
                    ),
                );
            case ReflectionKind.union:
                // A never member is refused like any never in a param: Buffer and URL reflect as
                // never too, and dropping them would silently turn `Buffer | string` into `string`.
                return this.union(type.types.map((t) => this.convert(t, path)));
            case ReflectionKind.array:
                return {kind: 'array', items: this.convert(type.type, `${path}[]`)};
            case ReflectionKind.tuple:
                return this.tuple(type, path);
            case ReflectionKind.promise:
                return this.unsupported(path, 'a nested Promise');
            case ReflectionKind.class:
                return this.classType(type, path);
            case ReflectionKind.objectLiteral:
                return this.object(type, path);
            case ReflectionKind.object:
                return {kind: 'object', name: 'object', props: [], index: {kind: 'any'}};
            case ReflectionKind.intersection:
                return this.unsupported(path, 'an intersection that does not resolve to one object type');
            default:
                return this.unsupported(path, ReflectionKind[type.kind] ?? 'this kind of type');
        }
    }

    /**
     * The item and final value types when the (awaited) return type is an async iterable, or a
     * union of one with `RpcError` classes (errors the handler returns before streaming); the
     * final value's `RpcError` members are declared errors too. `undefined` when it does not stream.
     */
    streamType(type: Type, errors: ErrorSignature[]): StreamSignature | undefined {
        const members = type.kind === ReflectionKind.union ? type.types : [type];
        const isStream = (m: Type): boolean => m.kind === ReflectionKind.objectLiteral && streamInterfaces.has(m.typeName ?? '');
        const streams = members.filter(isStream);
        if (streams.length === 0) return undefined;
        const [stream] = streams as [TypeObjectLiteral];
        const others = members.filter((m) => !isStream(m));
        if (streams.length > 1 || others.some((m) => !(m.kind === ReflectionKind.class && rpcErrorDepth(m.classType) >= 0)))
            return this.unsupported('return', 'an async iterable in a union with values other than errors');
        for (const m of others) this.declaredErrors(m as TypeClass, errors);
        const [itemType, resultType] = stream.typeArguments ?? [];
        if (itemType === undefined) return this.unsupported('return', `an ${stream.typeName} without an item type`);
        const item = this.convert(itemType, 'item');
        // `AsyncIterable<T>` has no final value; `AsyncGenerator<T>` leaves it out (deepkit drops the default).
        const result =
            stream.typeName === 'AsyncGenerator' && resultType !== undefined
                ? this.returnType(resultType, errors)
                : {kind: 'undefined' as const};
        return {item, result};
    }

    /**
     * A return type without its `RpcError` members, collecting the errors they declare: a
     * subclass of `RpcError` with a literal name (`class NotFound extends RpcError<'not-found',
     * {id: number}, 404> {}`) declares one; a plain `RpcError` (or a subclass without a literal
     * name) only says the handler may return an error.
     */
    returnType(type: Type, errors: ErrorSignature[]): TypeNode {
        const members = type.kind === ReflectionKind.union ? type.types : [type];
        const kept: TypeNode[] = [];
        let sawError = false;
        for (const m of members) {
            if (m.kind === ReflectionKind.class && rpcErrorDepth(m.classType) >= 0) {
                sawError = true;
                this.declaredErrors(m, errors);
            } else kept.push(this.convert(m, 'return'));
        }
        // Only errors (`(): NotFound`, `(): void | RpcError`...): nothing but errors or undefined comes back.
        if (kept.length === 0 && sawError) return {kind: 'never'};
        return this.union(kept);
    }

    private declaredErrors(type: TypeClass, errors: ErrorSignature[]): void {
        const depth = rpcErrorDepth(type.classType);
        if (depth === 0) {
            // RpcError itself: its type arguments are one inline declaration, which deepkit merges
            // with every other RpcError<...> of the union (one class): refuse rather than lose some.
            const name = type.typeArguments?.[0];
            if (name !== undefined && (name.kind === ReflectionKind.literal || name.kind === ReflectionKind.union))
                throw new StartupError(
                    StartupErrorCodes.INVALID_ERROR_DECLARATION,
                    `${this.where}: declare each error as a class (class UserNotFound extends RpcError<'user-not-found', {id: number}, 404> {}) and put the class in the return type; an inline RpcError<...> can't be told apart from another at runtime.`,
                );
            return;
        }
        // The type arguments given to RpcError: the last class of the chain before it has them.
        let declaring: TypeClass = type;
        for (let i = 1; i < depth; i++) {
            const parent = Object.getPrototypeOf(declaring.classType) as abstract new (...args: never[]) => unknown;
            const reflected = hasTypeMetadata(parent) ? (loadDeepkit(this.where).reflect(parent) as Type) : undefined;
            if (reflected?.kind !== ReflectionKind.class) return;
            declaring = reflected;
        }
        // deepkit keeps the arguments of `extends` last to first.
        const args = [...(declaring.extendsArguments ?? [])].reverse();
        const [nameType, dataType, statusType] = args;
        const names =
            nameType?.kind === ReflectionKind.literal
                ? [nameType.literal]
                : nameType?.kind === ReflectionKind.union && nameType.types.every((t) => t.kind === ReflectionKind.literal)
                  ? nameType.types.map((t) => (t as {literal: unknown}).literal)
                  : [];
        const className = type.classType.name;
        for (const name of names) {
            if (typeof name !== 'string') return;
            const what = `${this.where}: the error class ${className} (name "${name}")`;
            if (isReservedErrorName(name))
                throw new StartupError(
                    StartupErrorCodes.INVALID_ERROR_DECLARATION,
                    `${what} takes a reserved name: the router's error codes, 'RpcError' and the client's own error names (network, timeout, aborted, invalid-response) are taken.`,
                );
            let statusCode: number | undefined;
            if (statusType?.kind === ReflectionKind.literal) {
                if (
                    typeof statusType.literal !== 'number' ||
                    !Number.isInteger(statusType.literal) ||
                    statusType.literal < 400 ||
                    statusType.literal > 599
                )
                    throw new StartupError(
                        StartupErrorCodes.INVALID_ERROR_DECLARATION,
                        `${what} declares the status ${String(statusType.literal)}; an error's status is an integer from 400 to 599.`,
                    );
                statusCode = statusType.literal;
            }
            const data = dataType === undefined ? {kind: 'unknown' as const} : this.convert(dataType, `${className}.errorData`);
            const declared: ErrorSignature = statusCode === undefined ? {name, data} : {name, statusCode, data};
            const same = errors.find((e) => e.name === name);
            if (same === undefined) errors.push(declared);
            else if (JSON.stringify(same) !== JSON.stringify(declared))
                throw new StartupError(
                    StartupErrorCodes.INVALID_ERROR_DECLARATION,
                    `${what} is declared twice with different status or errorData types; one name, one declaration.`,
                );
        }
    }

    private union(members: TypeNode[]): TypeNode {
        const flat: TypeNode[] = [];
        for (const m of members) {
            if (m.kind === 'union') flat.push(...m.members);
            else if (m.kind !== 'never') flat.push(m);
        }
        if (flat.length === 0) return {kind: 'never'};
        const hasTrue = flat.some((m) => m.kind === 'literal' && m.value === true);
        const hasFalse = flat.some((m) => m.kind === 'literal' && m.value === false);
        const merged =
            hasTrue && hasFalse
                ? [...flat.filter((m) => !(m.kind === 'literal' && typeof m.value === 'boolean')), {kind: 'boolean' as const}]
                : flat;
        if (merged.length === 1) return merged[0] as TypeNode;
        return {kind: 'union', members: merged};
    }

    private tuple(type: TypeTuple, path: string): TypeNode {
        const restAt = type.types.findIndex((m) => m.type.kind === ReflectionKind.rest);
        if (restAt >= 0 && restAt !== type.types.length - 1)
            return this.unsupported(path, 'a tuple with a rest member before its last member');
        return {
            kind: 'tuple',
            items: type.types.map((m, i) => {
                const rest = m.type.kind === ReflectionKind.rest;
                const inner = m.type.kind === ReflectionKind.rest ? m.type.type : m.type;
                return {type: this.convert(inner, `${path}[${i}]`), optional: m.optional === true, rest};
            }),
        };
    }

    private classType(type: TypeClass, path: string): TypeNode {
        if (type.classType === Date) return {kind: 'date'};
        if (type.classType === Object) return {kind: 'any'};
        const builtins: unknown[] = [Map, Set, WeakMap, WeakSet, RegExp, Promise, ArrayBuffer, Uint8Array, Buffer, Error];
        if (builtins.includes(type.classType) || typedArrays.includes(type.classType.name))
            return this.unsupported(path, type.classType.name);
        return this.object(type, path, type.classType.name);
    }

    private object(type: TypeObjectLiteral | TypeClass, path: string, className?: string): TypeNode {
        // Some built-ins reflect as interfaces (object literals), not classes: recognize them by name.
        if (className === undefined) {
            if (type.typeName === 'Object') return {kind: 'any'};
            if (type.typeName === 'ReadonlyArray') {
                const index = type.types.find((m) => m.kind === ReflectionKind.indexSignature);
                return {kind: 'array', items: index === undefined ? {kind: 'any'} : this.convert(index.type, `${path}[]`)};
            }
            if (type.typeName !== undefined && unsupportedInterfaces.has(type.typeName)) return this.unsupported(path, type.typeName);
        }
        const seen = this.inProgress.get(type);
        if (seen !== undefined) {
            seen.refId ??= `${seen.name ?? 'Type'}#${++this.refCount}`;
            return {kind: 'ref', ref: seen.refId};
        }
        const node: ObjectTypeNode = {kind: 'object', props: []};
        const name = className ?? type.typeName;
        if (name !== undefined && name !== '__type') node.name = name;
        this.inProgress.set(type, node);
        const props: PropertyNode[] = [];
        for (const member of type.types) {
            if (member.kind === ReflectionKind.propertySignature || member.kind === ReflectionKind.property) {
                if (typeof member.name !== 'string') return this.unsupported(path, 'a symbol or numeric property key');
                if (member.type.kind === ReflectionKind.function || member.type.kind === ReflectionKind.method) continue;
                props.push({
                    name: member.name,
                    optional: member.optional === true,
                    type: this.convert(member.type, `${path}.${member.name}`),
                });
            } else if (member.kind === ReflectionKind.indexSignature) {
                node.index = this.convert(member.type, `${path}[key]`);
            }
        }
        node.props = props;
        this.inProgress.delete(type);
        return node;
    }

    private erased(path: string, typeName: string): never {
        throw new StartupError(
            StartupErrorCodes.NEVER_PARAM,
            `${this.where}: the type "${typeName}" of "${path}" is erased at runtime. ${erasedCauses} ${docsLink}`,
        );
    }

    private unsupported(path: string, what: string): never {
        throw new StartupError(
            StartupErrorCodes.UNSUPPORTED_TYPE,
            `${this.where}: "${path}" is ${what}, which can't travel as JSON. Use plain objects, arrays, primitives, literals, unions and Date.`,
        );
    }
}
