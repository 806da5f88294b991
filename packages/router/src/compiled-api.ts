// An API's compiled module: what `hookline build` writes and `createRouter({compiled})` reads.
// Per route and hook: its signature (our own TypeNodes), a fingerprint of it, the length of the
// handler the build saw, and the generated code of its params and return types. With it the router
// reflects nothing, loads no @deepkit/type, and evaluates no code from strings.
import {HandlerSignature, TypeCodeFunctions, typeCode} from './runtime-types/index.js';
import {decodeSignature, encodeSignature} from './signature-codec.js';
import {StartupError, StartupErrorCodes} from './startup-error.js';

/** The kinds of procedures a compiled module describes. */
export type CompiledKind = 'route' | 'hook' | 'headerHook' | 'rawHook';

/** One route or hook of a {@link CompiledApi}. */
export interface CompiledProcedure {
    readonly kind: CompiledKind;
    /** `length` of the handler function the build saw (its params up to the first default value). */
    readonly length: number;
    /** Hash of the signature: when the handler carries type metadata, it must still match. */
    readonly fingerprint: string;
    /** The handler's {@link HandlerSignature} in a dense JSON form (decoded on first use). */
    readonly signature: string;
    /** Generated checks of the params tuple, when the procedure takes params (absent from a compact module). */
    readonly params: CodeFactory | undefined;
    /** Generated check and serializer of the return type (absent from a compact module). */
    readonly returns: CodeFactory | undefined;
    /** Generated check and serializer of a streaming route's item type (absent from a compact module, and for other procedures). */
    readonly item: CodeFactory | undefined;
}

/**
 * An API's compiled module, as written by `hookline build` (its default export). Pass it as
 * `createRouter({compiled})` or `initRouter({compiled})`.
 *
 * @example
 * import compiled from './api.compiled.js';
 * const router = createRouter({compiled});
 * export const apiSpec = router.registerRoutes(routes);
 */
export interface CompiledApi {
    /** Format of the module; a router refuses a format it does not know. */
    readonly format: typeof COMPILED_FORMAT;
    /** The command that writes the module again: staleness errors name it. */
    readonly command: string;
    /**
     * Every route and hook, a line each: id, kind, handler length, fingerprint and dense signature,
     * separated by tabs. One string: parsed at startup far faster than as thousands of objects.
     */
    readonly procedures: string;
    /**
     * The generated code of the procedures that have some (none in a compact module): `[params,
     * returns]` factories, `0` for none, and a streaming route's item factory third.
     */
    readonly code?: Readonly<Record<string, readonly [CodeFactory | 0, CodeFactory | 0, (CodeFactory | 0)?]>>;
}

/** Makes the checks and serializer of one type (the module's generated code, run on first use). */
export type CodeFactory = () => TypeCodeFunctions;

/** The format this router reads and writes. */
export const COMPILED_FORMAT = 'hookline-compiled/1';

/** What the build knows of one procedure (from the reflecting router). */
export interface CompiledSource {
    id: string;
    kind: CompiledKind;
    length: number;
    signature: HandlerSignature | undefined;
}

/** FNV-1a (32 bits, twice with different seeds): a short stable hash without node:crypto, which not every runtime has. */
function hash(text: string): string {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ text.length;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
    }
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The fingerprint of a signature: changes when a param or return type (or a param name) does. */
export function signatureFingerprint(signature: HandlerSignature): string {
    return hash(JSON.stringify(signature));
}

const noSignature: HandlerSignature = {
    params: [{name: 'ctx', optional: false, type: {kind: 'any'}}],
    returns: {kind: 'any'},
    returnsPromise: false,
};

/**
 * Writes an API's compiled module: an ES module (no eval at runtime: the checks and serializers
 * are plain functions in it) and its `.d.ts`. `command` is named in staleness errors. `compact`:
 * signatures only, no code (the router composes checks and serializers of closures on each
 * route's first call): a fraction of the size, for very large APIs and size-limited bundles.
 */
export function writeCompiledModule(sources: readonly CompiledSource[], command: string, compact = false): {js: string; dts: string} {
    const units = new Map<string, string>();
    const unitName = (code: string): string => {
        let name = units.get(code);
        if (name === undefined) {
            name = `c${units.size}`;
            units.set(code, name);
        }
        return name;
    };
    const lines: string[] = [];
    const code: string[] = [];
    for (const s of [...sources].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
        const signature = s.signature ?? noSignature;
        lines.push([s.id, s.kind, s.length, signatureFingerprint(signature), encodeSignature(signature)].join('\t'));
        if (compact || s.signature === undefined || s.kind === 'rawHook') continue;
        const params = s.signature.params.slice(1);
        const returns = s.signature.returns;
        let paramsCode = '0';
        let returnsCode = '0';
        if (params.length > 0 && s.kind !== 'headerHook') {
            const tuple = {kind: 'tuple' as const, items: params.map((p) => ({type: p.type, optional: p.optional, rest: false}))};
            paramsCode = unitName(typeCode(tuple, {json: true, value: false, serializer: false}));
        }
        if (returns.kind !== 'any' && returns.kind !== 'unknown')
            returnsCode = unitName(typeCode(returns, {json: false, value: true, serializer: s.kind !== 'headerHook'}));
        const item = s.signature.stream?.item;
        const itemCode =
            item === undefined || item.kind === 'any' || item.kind === 'unknown'
                ? ''
                : `, ${unitName(typeCode(item, {json: false, value: true, serializer: true}))}`;
        if (paramsCode !== '0' || returnsCode !== '0' || itemCode !== '')
            code.push(`        ${JSON.stringify(s.id)}: [${paramsCode}, ${returnsCode}${itemCode}],`);
    }
    const js = [
        '// Written by `hookline build`: the compiled types of an API (checks, serializers, signatures).',
        `// Do not edit. To write it again: ${command}`,
        '/* eslint-disable */',
        ...(units.size === 0
            ? []
            : [
                  "import {typeCodeScope} from '@hookline/router';",
                  '',
                  'const {isIsoDateString, isValidDate, hasOwn, toJson, stringJson, dateJson, refuse} = typeCodeScope;',
              ]),
        '',
        // Factories, not values: a procedure's code is parsed and run on its first use only.
        ...[...units].map(([unit, name]) => `function ${name}() {\n${unit}\n}`),
        '',
        'export default {',
        `    format: ${JSON.stringify(COMPILED_FORMAT)},`,
        `    command: ${JSON.stringify(command)},`,
        `    procedures: ${jsString(lines.join('\n'))},`,
        ...(code.length === 0 ? [] : ['    code: {', ...code, '    },']),
        '};',
        '',
    ].join('\n');
    const dts = [
        '// Written by `hookline build`. Do not edit.',
        "import type {CompiledApi} from '@hookline/router';",
        '',
        'declare const compiled: CompiledApi;',
        'export default compiled;',
        '',
    ].join('\n');
    return {js, dts};
}

/** A JS string literal of the table: single quotes, so the JSON's own quotes need no escaping (a smaller module, parsed faster). */
function jsString(text: string): string {
    return `'${text.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`;
}

/** Throws unless `value` looks like a compiled module this router reads (the `compiled` option). */
export function checkCompiledApi(value: unknown): void {
    const api = value as Partial<CompiledApi> | null;
    if (typeof api !== 'object' || api === null || typeof api.format !== 'string')
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            "compiled must be the default export of a module written by `hookline build` (import compiled from './api.compiled.js').",
        );
    const rebuild = typeof api.command === 'string' ? `: ${api.command}` : '.';
    if (api.format !== COMPILED_FORMAT)
        throw new StartupError(
            StartupErrorCodes.STALE_COMPILED_MODULE,
            `the compiled module has format ${JSON.stringify(api.format)}, this router reads ${JSON.stringify(COMPILED_FORMAT)}: write it again with the installed Hookline${rebuild}`,
        );
    if (typeof api.procedures !== 'string')
        throw new StartupError(
            StartupErrorCodes.STALE_COMPILED_MODULE,
            `the compiled module was written by an earlier build of Hookline (its table of procedures is not a string): write it again${rebuild}`,
        );
}

function stale(api: CompiledApi, what: string): StartupError {
    return new StartupError(
        StartupErrorCodes.STALE_COMPILED_MODULE,
        `${what}: the compiled module is out of date. Write it again: ${api.command}`,
    );
}

/** Where each procedure's line starts in a module's table: read once per module (a cache of what the module says, not router state). */
const indexes = new WeakMap<CompiledApi, Map<string, number>>();

function indexOf(api: CompiledApi): Map<string, number> {
    let index = indexes.get(api);
    if (index !== undefined) return index;
    index = new Map();
    const text = api.procedures;
    let start = 0;
    while (start < text.length) {
        const tab = text.indexOf('\t', start);
        if (tab < 0) break;
        index.set(text.slice(start, tab), start);
        const end = text.indexOf('\n', tab);
        start = end < 0 ? text.length : end + 1;
    }
    indexes.set(api, index);
    return index;
}

/** The number of procedures of a compiled module. */
export function compiledCount(api: CompiledApi): number {
    return indexOf(api).size;
}

/**
 * Checks a procedure's handler against its compiled entry, at registration (no allocation: this
 * runs for every route of an API): present, of the same kind, with a handler of the same length.
 * Throws a {@link StartupError} naming the procedure and the command to rerun otherwise.
 */
export function checkCompiledEntry(api: CompiledApi, id: string, kind: CompiledKind, handler: unknown, what: string): void {
    const start = indexOf(api).get(id);
    if (start === undefined) throw stale(api, `${what} "${id}" is not in it`);
    const text = api.procedures;
    const kindStart = start + id.length + 1;
    const kindEnd = text.indexOf('\t', kindStart);
    if (kindEnd - kindStart !== kind.length || !text.startsWith(kind, kindStart))
        throw stale(api, `"${id}" is a ${kindName(kind)} here, a ${kindName(text.slice(kindStart, kindEnd) as CompiledKind)} in it`);
    let compiledLength = 0;
    for (let i = kindEnd + 1, c = text.charCodeAt(i); c !== 9; c = text.charCodeAt(++i)) compiledLength = compiledLength * 10 + c - 48;
    const length = typeof handler === 'function' ? handler.length : -1;
    if (compiledLength !== length)
        throw stale(api, `${what} "${id}" takes ${length} param${length === 1 ? '' : 's'} (the context included), ${compiledLength} in it`);
}

/** A procedure's compiled entry (read from its line when its route is compiled); `undefined` when the module has none. */
export function compiledEntry(api: CompiledApi, id: string): CompiledProcedure | undefined {
    const start = indexOf(api).get(id);
    if (start === undefined) return undefined;
    let end = api.procedures.indexOf('\n', start);
    if (end < 0) end = api.procedures.length;
    const [, kind, length, fingerprint, signature] = api.procedures.slice(start, end).split('\t') as [
        string,
        CompiledKind,
        string,
        string,
        string,
    ];
    const code = api.code;
    const factories = code !== undefined && Object.prototype.hasOwnProperty.call(code, id) ? code[id] : undefined;
    return {
        kind,
        length: Number(length),
        fingerprint,
        signature,
        params: factories === undefined || factories[0] === 0 ? undefined : factories[0],
        returns: factories === undefined || factories[1] === 0 ? undefined : factories[1],
        item: factories === undefined || factories[2] === undefined || factories[2] === 0 ? undefined : factories[2],
    };
}

function kindName(kind: CompiledKind): string {
    return kind === 'headerHook' ? 'header hook' : kind === 'rawHook' ? 'raw hook' : kind;
}

/**
 * Throws when the module holds a procedure not registered on the router: a compiled module
 * describes everything registered on one router, so register its routes in one call. Every
 * registered procedure was found in the module, so counting is enough to know; the names of the
 * missing ones are looked for only to say them.
 */
export function checkNoneMissing(api: CompiledApi, registeredCount: number, registered: (id: string) => boolean): void {
    if (compiledCount(api) <= registeredCount) return;
    for (const id of indexOf(api).keys()) if (!registered(id)) throw stale(api, `"${id}" is in it but not in the routes`);
}

/**
 * The signature of a compiled procedure. `reflected` is the handler's own reflected signature
 * when it carries type metadata (then the fingerprints must match), else `undefined`.
 */
export function compiledSignature(
    api: CompiledApi,
    id: string,
    entry: CompiledProcedure,
    reflected: HandlerSignature | undefined,
): HandlerSignature {
    if (reflected !== undefined && signatureFingerprint(reflected) !== entry.fingerprint)
        throw stale(api, `the types of "${id}" changed since the build`);
    return decodeSignature(entry.signature);
}
