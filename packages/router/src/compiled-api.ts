// An API's compiled module: what `hookline build` writes and `createRouter({compiled})` reads.
// Per route and hook: its signature (our own TypeNodes), a fingerprint of it, the length of the
// handler the build saw, and the generated code of its params and return types. With it the router
// reflects nothing, loads no @deepkit/type, and evaluates no code from strings.
import {HandlerSignature, TypeCodeFunctions, typeCode} from './runtime-types/index.js';
import {decodeSignature, Dense, encodeSignatures} from './signature-codec.js';
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
     * Every route, a line each, in the order the router registers them: id, handler length,
     * fingerprint and dense signature, separated by tabs. One string: parsed at startup far faster
     * than thousands of objects, and read in order, so checking a route is a comparison in place.
     */
    readonly routes: string;
    /** Every hook, a line each, in the order the router registers them: id, kind, handler length, fingerprint and dense signature. */
    readonly hooks: string;
    /** The type nodes signatures share, as one dense JSON array (a signature refers to one by its index). */
    readonly types: string;
    /**
     * The generated code of the procedures that have some (none in a compact module): `[params,
     * returns]` factories, `0` for none, and a streaming route's item factory third.
     */
    readonly code?: Readonly<Record<string, readonly [CodeFactory | 0, CodeFactory | 0, (CodeFactory | 0)?]>>;
}

/** Makes the checks and serializer of one type (the module's generated code, run on first use). */
export type CodeFactory = () => TypeCodeFunctions;

/** The format this router reads and writes. */
export const COMPILED_FORMAT = 'hookline-compiled/2';

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
 * `sources` come in the order the router registers them (routes and hooks each keep theirs), so
 * that a router checks the module line after line.
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
    const routeLines: string[] = [];
    const hookLines: string[] = [];
    const code: string[] = [];
    const signatures = sources.map((s) => s.signature ?? noSignature);
    const dense = encodeSignatures(signatures);
    for (const [i, s] of sources.entries()) {
        const signature = signatures[i] as HandlerSignature;
        const fields = [s.id, s.length, signatureFingerprint(signature), dense.signatures[i]];
        if (s.kind === 'route') routeLines.push(fields.join('\t'));
        else hookLines.push([s.id, s.kind, ...fields.slice(1)].join('\t'));
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
        `    routes: ${jsString(routeLines.join('\n'))},`,
        `    hooks: ${jsString(hookLines.join('\n'))},`,
        `    types: ${jsString(dense.types)},`,
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
    if (typeof api.routes !== 'string' || typeof api.hooks !== 'string' || typeof api.types !== 'string')
        throw new StartupError(
            StartupErrorCodes.STALE_COMPILED_MODULE,
            `the compiled module is damaged (its tables of routes, hooks and types are not all strings): write it again${rebuild}`,
        );
}

function kindName(kind: CompiledKind): string {
    return kind === 'headerHook' ? 'header hook' : kind === 'rawHook' ? 'raw hook' : kind;
}

/** Where each line of a table starts, by id (built only when procedures come out of the build's order). */
function lineIndex(text: string): Map<string, number> {
    const index = new Map<string, number>();
    let start = 0;
    while (start < text.length) {
        const tab = text.indexOf('\t', start);
        if (tab < 0) break;
        index.set(text.slice(start, tab), start);
        const end = text.indexOf('\n', tab);
        start = end < 0 ? text.length : end + 1;
    }
    return index;
}

/** Whether the line starting at `at` of `text` is `id`'s. */
function lineIs(text: string, at: number, id: string): boolean {
    return text.startsWith(id, at) && text.charCodeAt(at + id.length) === 9;
}

/**
 * A router's reading of its compiled module. Registration checks every route and hook against
 * its line; a router registers them in the order the build wrote them, so each check compares
 * the next line in place (no index, no allocation), and an index by id is built only for
 * procedures met out of that order. The line found is kept by the route's plan and read again
 * when the route is compiled.
 */
export class CompiledTable {
    readonly api: CompiledApi;
    /** Where the next route's line starts, when registration follows the build's order. */
    private nextRoute = 0;
    private nextHook = 0;
    /** Whether every procedure so far was found at the next line of its table (so none is missing when both tables are read to their ends). */
    private inOrder = true;
    private routeIndex: Map<string, number> | undefined = undefined;
    private hookIndex: Map<string, number> | undefined = undefined;
    private shared: readonly Dense[] | undefined = undefined;

    constructor(api: CompiledApi) {
        this.api = api;
    }

    /**
     * Checks a procedure's handler against its line: present, of the same kind, with a handler of
     * the same length. Returns where the line starts. Throws a {@link StartupError} naming the
     * procedure and the command to rerun otherwise.
     */
    check(id: string, kind: CompiledKind, handler: unknown, what: string): number {
        const isRoute = kind === 'route';
        const text = isRoute ? this.api.routes : this.api.hooks;
        let at = isRoute ? this.nextRoute : this.nextHook;
        if (!lineIs(text, at, id)) {
            const found = this.indexOf(isRoute).get(id);
            if (found === undefined) {
                const other = this.indexOf(!isRoute).get(id);
                if (other === undefined) throw this.stale(`${what} "${id}" is not in it`);
                throw this.stale(`"${id}" is a ${kindName(kind)} here, a ${isRoute ? kindName(this.kindAt(other)) : 'route'} in it`);
            }
            at = found;
            this.inOrder = false;
        }
        let i = at + id.length + 1;
        if (!isRoute) {
            const kindEnd = text.indexOf('\t', i);
            if (kindEnd - i !== kind.length || !text.startsWith(kind, i))
                throw this.stale(`"${id}" is a ${kindName(kind)} here, a ${kindName(text.slice(i, kindEnd) as CompiledKind)} in it`);
            i = kindEnd + 1;
        }
        let compiledLength = 0;
        for (let c = text.charCodeAt(i); c !== 9; c = text.charCodeAt(++i)) compiledLength = compiledLength * 10 + c - 48;
        const length = typeof handler === 'function' ? handler.length : -1;
        if (compiledLength !== length)
            throw this.stale(
                `${what} "${id}" takes ${length} param${length === 1 ? '' : 's'} (the context included), ${compiledLength} in it`,
            );
        const end = text.indexOf('\n', i);
        if (isRoute) this.nextRoute = end < 0 ? text.length : end + 1;
        else this.nextHook = end < 0 ? text.length : end + 1;
        return at;
    }

    /**
     * {@link CompiledTable.check} for a route whose handler is a plain function, with the common
     * case first: the next route line is this route's (its id, then a one-digit handler length).
     * A small method of its own on purpose: registration calls it once per route, and with
     * thousands of routes V8 optimizes what runs that often; optimizing this takes a fraction of
     * what optimizing the whole registration loop took when the comparison was inline there
     * (~2 ms less at 5,000 routes, on one core where that compile competes with startup).
     */
    checkRoute(id: string, handler: (...args: never[]) => unknown): number {
        const at = this.nextRoute;
        const text = this.api.routes;
        const tab = at + id.length;
        const length = handler.length;
        if (
            length < 10 &&
            text.startsWith(id, at) &&
            text.charCodeAt(tab) === 9 &&
            text.charCodeAt(tab + 1) === 48 + length &&
            text.charCodeAt(tab + 2) === 9
        ) {
            const end = text.indexOf('\n', tab + 3);
            this.nextRoute = end < 0 ? text.length : end + 1;
            return at;
        }
        return this.check(id, 'route', handler, 'route');
    }

    /** A procedure's compiled entry, from the line its check found (read when the procedure is compiled). */
    entry(id: string, kind: CompiledKind, at: number): CompiledProcedure {
        const isRoute = kind === 'route';
        const text = isRoute ? this.api.routes : this.api.hooks;
        let end = text.indexOf('\n', at);
        if (end < 0) end = text.length;
        const fields = text.slice(at, end).split('\t');
        const [length, fingerprint, signature] = (isRoute ? fields.slice(1) : fields.slice(2)) as [string, string, string];
        const code = this.api.code;
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

    /**
     * The signature of a compiled procedure. `reflected` is the handler's own reflected signature
     * when it carries type metadata (then the fingerprints must match), else `undefined`.
     */
    signature(id: string, entry: CompiledProcedure, reflected: HandlerSignature | undefined): HandlerSignature {
        if (reflected !== undefined && signatureFingerprint(reflected) !== entry.fingerprint)
            throw this.stale(`the types of "${id}" changed since the build`);
        this.shared ??= JSON.parse(this.api.types) as Dense[];
        return decodeSignature(entry.signature, this.shared);
    }

    /**
     * Throws when the module holds a procedure not registered on the router: a compiled module
     * describes everything registered on one router, so register its routes in one call. Every
     * registered procedure was found in the module, so counting is enough to know; the names of
     * the missing ones are looked for only to say them.
     */
    checkNoneMissing(registeredCount: number, registered: (id: string) => boolean): void {
        if (this.inOrder && this.nextRoute >= this.api.routes.length && this.nextHook >= this.api.hooks.length) return;
        if (lineCount(this.api.routes) + lineCount(this.api.hooks) <= registeredCount) return;
        for (const index of [this.indexOf(true), this.indexOf(false)])
            for (const id of index.keys()) if (!registered(id)) throw this.stale(`"${id}" is in it but not in the routes`);
    }

    private indexOf(routes: boolean): Map<string, number> {
        if (routes) return (this.routeIndex ??= lineIndex(this.api.routes));
        return (this.hookIndex ??= lineIndex(this.api.hooks));
    }

    private kindAt(at: number): CompiledKind {
        const text = this.api.hooks;
        const start = text.indexOf('\t', at) + 1;
        return text.slice(start, text.indexOf('\t', start)) as CompiledKind;
    }

    private stale(what: string): StartupError {
        return new StartupError(
            StartupErrorCodes.STALE_COMPILED_MODULE,
            `${what}: the compiled module is out of date. Write it again: ${this.api.command}`,
        );
    }
}

/** The number of lines of a table (none when empty). */
function lineCount(text: string): number {
    if (text === '') return 0;
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    return count;
}
