// An API's compiled module: what `hookline build` writes and `createRouter({compiled})` reads.
// Per route and hook: its signature (our own TypeNodes), a fingerprint of it, the length of the
// handler the build saw, and the generated code of its params and return types. With it the router
// reflects nothing, loads no @deepkit/type, and evaluates no code from strings.
import {HandlerSignature, TypeCodeFunctions, typeCode} from './runtime-types/index.js';
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
    /** The handler's {@link HandlerSignature} as JSON text (parsed on first use). */
    readonly signature: string;
    /** Generated checks of the params tuple, when the procedure takes params (absent from a compact module). */
    readonly params?: () => TypeCodeFunctions;
    /** Generated check and serializer of the return type (absent from a compact module). */
    readonly returns?: () => TypeCodeFunctions;
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
    /** Every route and hook, by id. */
    readonly procedures: Readonly<Record<string, CompiledProcedure>>;
}

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
    const entries = [...sources]
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
        .map((s) => {
            const signature = s.signature ?? noSignature;
            const fields = [
                `kind: ${JSON.stringify(s.kind)}`,
                `length: ${s.length}`,
                `fingerprint: ${JSON.stringify(signatureFingerprint(signature))}`,
                `signature: ${JSON.stringify(JSON.stringify(signature))}`,
            ];
            if (!compact && s.signature !== undefined && s.kind !== 'rawHook') {
                const params = s.signature.params.slice(1);
                if (params.length > 0 && s.kind !== 'headerHook') {
                    const tuple = {kind: 'tuple' as const, items: params.map((p) => ({type: p.type, optional: p.optional, rest: false}))};
                    fields.push(`params: ${unitName(typeCode(tuple, {json: true, value: false, serializer: false}))}`);
                }
                const returns = s.signature.returns;
                if (returns.kind !== 'any' && returns.kind !== 'unknown')
                    fields.push(`returns: ${unitName(typeCode(returns, {json: false, value: true, serializer: s.kind !== 'headerHook'}))}`);
            }
            return `        ${JSON.stringify(s.id)}: {${fields.join(', ')}},`;
        });
    const js = [
        '// Written by `hookline build`: the compiled types of an API (checks, serializers, signatures).',
        `// Do not edit. To write it again: ${command}`,
        ...(units.size === 0
            ? []
            : [
                  "import {typeCodeScope} from '@hookline/router';",
                  '',
                  'const {isIsoDateString, isValidDate, hasOwn, toJson, stringJson, dateJson, refuse} = typeCodeScope;',
              ]),
        '',
        // Factories, not values: a procedure's code is parsed and run on its first use only.
        ...[...units].map(([code, name]) => `function ${name}() {\n${code}\n}`),
        '',
        'export default {',
        `    format: ${JSON.stringify(COMPILED_FORMAT)},`,
        `    command: ${JSON.stringify(command)},`,
        '    procedures: {',
        ...entries,
        '    },',
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

/** Throws unless `value` looks like a compiled module this router reads (the `compiled` option). */
export function checkCompiledApi(value: unknown): void {
    const api = value as Partial<CompiledApi> | null;
    if (typeof api !== 'object' || api === null || typeof api.procedures !== 'object' || api.procedures === null)
        throw new StartupError(
            StartupErrorCodes.INVALID_OPTION,
            "compiled must be the default export of a module written by `hookline build` (import compiled from './api.compiled.js').",
        );
    if (api.format !== COMPILED_FORMAT)
        throw new StartupError(
            StartupErrorCodes.STALE_COMPILED_MODULE,
            `the compiled module has format ${JSON.stringify(api.format)}, this router reads ${JSON.stringify(COMPILED_FORMAT)}: write it again with the installed Hookline${typeof api.command === 'string' ? `: ${api.command}` : ''}.`,
        );
}

function stale(api: CompiledApi, what: string): StartupError {
    return new StartupError(
        StartupErrorCodes.STALE_COMPILED_MODULE,
        `${what}: the compiled module is out of date. Write it again: ${api.command}`,
    );
}

/**
 * The compiled entry of a procedure, checked against its handler: present, of the same kind, and
 * with a handler of the same length. Throws a {@link StartupError} naming the procedure otherwise.
 */
export function compiledEntry(api: CompiledApi, id: string, kind: CompiledKind, handler: unknown, what: string): CompiledProcedure {
    const entry = Object.prototype.hasOwnProperty.call(api.procedures, id) ? api.procedures[id] : undefined;
    if (entry === undefined) throw stale(api, `${what} "${id}" is not in it`);
    if (entry.kind !== kind) throw stale(api, `"${id}" is a ${kindName(kind)} here, a ${kindName(entry.kind)} in it`);
    const length = typeof handler === 'function' ? handler.length : -1;
    if (entry.length !== length)
        throw stale(api, `${what} "${id}" takes ${length} param${length === 1 ? '' : 's'} (the context included), ${entry.length} in it`);
    return entry;
}

function kindName(kind: CompiledKind): string {
    return kind === 'headerHook' ? 'header hook' : kind === 'rawHook' ? 'raw hook' : kind;
}

/**
 * Throws when the module holds a procedure not registered on the router: a compiled module
 * describes everything registered on one router, so register its routes in one call.
 */
export function checkNoneMissing(api: CompiledApi, registered: (id: string) => boolean): void {
    for (const id of Object.keys(api.procedures)) if (!registered(id)) throw stale(api, `"${id}" is in it but not in the routes`);
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
    return JSON.parse(entry.signature) as HandlerSignature;
}
