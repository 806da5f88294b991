import {routeInfo, RouteMeta} from './call-context.js';
import {CompiledKind, CompiledTable} from './compiled-api.js';
import {isHeaderHookDef, isHookDef, isRawHookDef, isRouteDef, ProcedureOptions, Routes} from './definitions.js';
import {buildExecutionPath, ExecutionPath, PendingPath} from './execution-path.js';
import {Base, compileHeaderHook, compileProcedure, compileRawHook, Procedure, ProcedureSwitches} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {HandlerSignature, hasTypeMetadata, reflectHandler} from './runtime-types/index.js';
import {warn} from './platform.js';
import {StartupError, StartupErrorCodes} from './startup-error.js';

const routeOptionKeys = new Set(['route', 'description', 'meta', 'useValidation', 'useSerialization', 'validateReturn']);
const hookOptionKeys = new Set(['hook', 'description', 'useValidation', 'useSerialization', 'validateReturn', 'runOnError']);
const headerHookOptionKeys = new Set([...hookOptionKeys, 'headerName']);
const rawHookOptionKeys = new Set(['rawHook', 'description', 'runOnError']);

function checkKeys(id: string, def: object, allowed: Set<string>, what: string): void {
    for (const key of Object.keys(def)) {
        if (!allowed.has(key)) {
            throw new StartupError(
                StartupErrorCodes.INVALID_DEFINITION,
                `"${id}": unknown key "${key}" in a ${what} definition (allowed: ${[...allowed].join(', ')}). A routes object can't mix a "${[...allowed][0]}" function with other routes.`,
            );
        }
    }
}

// The common case in one test: a name that is not numeric, has no reserved character and no leading @.
const plainKey = /^[A-Za-z_$][\w$.-]*$/;
// Over a level's keys joined with U+0001: a character no plain key has, or a key (or part of one
// split at a U+0001 it contains) that does not start like a plain key. Not found: every key
// passes `checkKey` (a key holding U+0001 between plain parts is valid, just not plain).
// eslint-disable-next-line no-control-regex -- U+0001 is the separator the keys are joined with
const notPlain = /[^\w$.\u0001-]|(?:^|\u0001)(?![A-Za-z_$])/;

/** Whether every key passes `checkKey`: one scan of the joined keys instead of one test per key. */
function allKeysValid(keys: readonly string[]): boolean {
    return !notPlain.test(keys.join('\u0001'));
}

function checkKey(key: string, parentId: string): void {
    if (plainKey.test(key)) return;
    const where = parentId === '' ? 'the routes object' : `"${parentId}"`;
    if (key === '' || /^\d+$/.test(key)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_ROUTE_KEY,
            `${where}: key ${JSON.stringify(key)} is ${key === '' ? 'empty' : 'numeric'}; route keys must be names (numeric keys reorder themselves in JS objects).`,
        );
    }
    if (key.includes('/') || key.startsWith('@') || /[\s?#%\\]/.test(key)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_ROUTE_KEY,
            `${where}: key ${JSON.stringify(key)} can't contain "/", whitespace, "?", "#", "%" or "\\" nor start with "@" (reserved).`,
        );
    }
}

function switchesOf(def: ProcedureOptions, options: Readonly<RouterOptions>): ProcedureSwitches {
    return {
        useValidation: def.useValidation ?? options.useValidation,
        useSerialization: def.useSerialization ?? options.useSerialization,
        validateReturn: def.validateReturn ?? options.validateReturn,
    };
}

/** A procedure found in a routes object: checked, not compiled yet. `procedure()` reflects its types once. */
export interface ProcedurePlan {
    readonly id: string;
    readonly kind: HookKind;
    /** The hook function. */
    readonly handler: (...args: any[]) => unknown;
    procedure(): Procedure;
}

const kindNames: Record<CompiledKind, string> = {route: 'route', hook: 'hook', headerHook: 'header hook', rawHook: 'raw hook'};

/**
 * Checks, at registration, that a handler's types can be had: its type metadata, or its line in
 * the compiled module. Returns where that line starts (-1 without a compiled module).
 */
function checkTypes(
    fn: unknown,
    id: string,
    kind: CompiledKind,
    options: Readonly<RouterOptions>,
    table: CompiledTable | undefined,
): number {
    if (table !== undefined) return table.check(id, kind, fn, kindNames[kind]);
    if (kind !== 'rawHook' && !hasTypeMetadata(fn)) reflectHandler(fn as (...args: never[]) => unknown, `${kindNames[kind]} "${id}"`);
    return -1;
}

/** A handler's signature (reflected, or read from its line of the compiled module, at `at`, with the module's generated code). */
function handlerTypes(
    fn: (...args: never[]) => unknown,
    id: string,
    kind: CompiledKind,
    table: CompiledTable | undefined,
    at: number,
): {signature: HandlerSignature; code: Base['code']} {
    const where = `${kindNames[kind]} "${id}"`;
    if (table === undefined) return {signature: reflectHandler(fn, where), code: undefined};
    // Registration checked the line against the handler (checkTypes): here it is only read.
    const entry = table.entry(id, kind, at);
    // Where the handler still carries type metadata, the module must have been built from the same types.
    const reflected = hasTypeMetadata(fn) ? reflectHandler(fn, where) : undefined;
    return {
        signature: table.signature(id, entry, reflected),
        code: {params: entry.params, returns: entry.returns, item: entry.item},
    };
}

/** What compiles route plans on demand and keeps the result (the router). */
export interface PathCompiler {
    compiledPath(plan: RoutePlan): ExecutionPath;
}

type HookKind = 'hook' | 'headerHook' | 'rawHook';

// Fields are assigned in the constructors only (no initializers): one shape, and construction
// stays cheap in code that runs once, at startup, where V8 has not optimized anything yet.

class HookPlan implements ProcedurePlan {
    readonly id: string;
    readonly kind: HookKind;
    private readonly def: any;
    private readonly options: Readonly<RouterOptions>;
    private readonly table: CompiledTable | undefined;
    /** Where the hook's line of the compiled module starts (-1 without one). */
    private readonly at: number;
    private compiled: Procedure | undefined;

    constructor(id: string, kind: HookKind, def: any, options: Readonly<RouterOptions>, table: CompiledTable | undefined, at: number) {
        this.id = id;
        this.kind = kind;
        this.def = def;
        this.options = options;
        this.table = table;
        this.at = at;
        this.compiled = undefined;
    }

    get handler(): (...args: any[]) => unknown {
        return this.kind === 'rawHook' ? this.def.rawHook : this.def.hook;
    }

    procedure(): Procedure {
        return (this.compiled ??= this.build());
    }

    private build(): Procedure {
        const {id, def, options} = this;
        if (this.kind === 'rawHook') return compileRawHook(id, def.rawHook, def.runOnError === true, def.description);
        const {signature, code} = handlerTypes(def.hook, id, this.kind, this.table, this.at);
        const base = {
            id,
            kind: this.kind,
            description: def.description,
            runOnError: def.runOnError === true,
            signature,
            switches: switchesOf(def, options),
            code,
        };
        return this.kind === 'hook' ? compileProcedure(base, def.hook) : compileHeaderHook(base, def.headerName, def.hook);
    }
}

/** What every route plan of a router shares: its options, and what compiles plans. */
export interface RouteEnv {
    readonly options: Readonly<RouterOptions>;
    readonly compiler: PathCompiler;
    /** The router's reading of its compiled module, when it has one. */
    readonly table: CompiledTable | undefined;
}

/**
 * One route as registered: its id, URL path, definition and the hooks around it. Until compiled,
 * it is what dispatch finds at its URL path (`pending`; the first call compiles it). A plain
 * record made by one object literal, its `compile` shared by all: registration runs before V8
 * has optimized anything, and makes one of these per route.
 */
export interface RoutePlan extends PendingPath {
    readonly id: string;
    readonly path: string;
    /** The route function, or its `{route, ...}` definition. */
    readonly def: any;
    readonly before: readonly ProcedurePlan[];
    readonly after: readonly ProcedurePlan[];
    readonly env: RouteEnv;
    /** Where the route's line of the compiled module starts (-1 without one). */
    readonly at: number;
    /** The compiled execution path once there is one (kept by the {@link PathCompiler}); `null` when compiling it failed. */
    executionPath: ExecutionPath | null | undefined;
}

/** `RoutePlan.compile`, for dispatch: compiles the path on first call; `undefined` when its types can't be compiled (warned once, as a process warning). */
function compilePending(this: RoutePlan): ExecutionPath | undefined {
    if (this.executionPath === null) return undefined;
    try {
        return this.env.compiler.compiledPath(this);
    } catch (error) {
        this.executionPath = null;
        warn(error as Error);
        return undefined;
    }
}

/** Whether a path entry is a route plan (not compiled yet) rather than an execution path. */
export function isRoutePlan(entry: ExecutionPath | RoutePlan): entry is RoutePlan {
    return entry.pending;
}

/** Reflects a route's types and compiles its procedure (once per compiled path). */
function routeProcedure(plan: RoutePlan): Procedure {
    const {id, def} = plan;
    const isFunction = typeof def === 'function';
    const fn = isFunction ? def : def.route;
    const {signature, code} = handlerTypes(fn, id, 'route', plan.env.table, plan.at);
    return compileProcedure(
        {
            id,
            kind: 'route',
            description: isFunction ? undefined : def.description,
            runOnError: false,
            signature,
            switches: switchesOf(isFunction ? {} : def, plan.env.options),
            code,
        },
        fn,
    );
}

/** What planning a routes object produces: one plan per route, and the hooks by id. */
export interface RoutesPlan {
    paths: RoutePlan[];
    hooks: Map<string, ProcedurePlan>;
}

/** Compiles a route plan into an execution path (its procedures compile on first use, once). */
export function compilePath(plan: RoutePlan): ExecutionPath {
    const procedure = (p: ProcedurePlan): Procedure => p.procedure();
    const def = typeof plan.def === 'function' ? undefined : (plan.def as {description?: string; meta?: RouteMeta});
    const info = routeInfo(plan.id, plan.path, def?.description, def?.meta);
    return buildExecutionPath(info, routeProcedure(plan), plan.before.map(procedure), plan.after.map(procedure));
}

/** A hook of a level, by its position among the level's keys. */
interface LevelHook {
    index: number;
    plan: ProcedurePlan;
}

/** Checks a definition that is not a plain function: a hook (its plan), a route definition (`'route'`) or a nested level (`'routes'`). */
function planObject(
    id: string,
    value: unknown,
    options: Readonly<RouterOptions>,
    table: CompiledTable | undefined,
): HookPlan | 'route' | 'routes' {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new StartupError(
            StartupErrorCodes.INVALID_DEFINITION,
            `"${id}": expected a function, a route/hook definition or a routes object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
        );
    }
    if (isRouteDef(value)) {
        // Its types are checked with the level's routes, in the order routes are registered.
        checkKeys(id, value, routeOptionKeys, 'route');
        return 'route';
    }
    if (isHeaderHookDef(value)) {
        checkKeys(id, value, headerHookOptionKeys, 'header hook');
        const at = checkTypes(value.hook, id, 'headerHook', options, table);
        return new HookPlan(id, 'headerHook', value, options, table, at);
    }
    if (isHookDef(value)) {
        checkKeys(id, value, hookOptionKeys, 'hook');
        const at = checkTypes(value.hook, id, 'hook', options, table);
        return new HookPlan(id, 'hook', value, options, table, at);
    }
    if (isRawHookDef(value)) {
        checkKeys(id, value, rawHookOptionKeys, 'raw hook');
        const at = checkTypes(value.rawHook, id, 'rawHook', options, table);
        return new HookPlan(id, 'rawHook', value, options, table, at);
    }
    return 'routes';
}

/**
 * Plans a routes object: checks its structure, keys and definitions, and gives every route one
 * execution path holding, in order, the hooks before it (at its level and every ancestor level),
 * the route, and the hooks after it. Types are reflected and compiled later, not here.
 *
 * This runs at startup for every route, before V8 has optimized anything: each route costs one
 * key check and one object (ids, and so URL paths, are unique by construction: keys are unique
 * in an object and can't contain `/`).
 */
export function planRoutes(
    routes: Routes,
    options: Readonly<RouterOptions>,
    urlBase: string,
    urlSuffix: string,
    compiler: PathCompiler,
    table: CompiledTable | undefined,
): RoutesPlan {
    const paths: RoutePlan[] = [];
    const hooks = new Map<string, ProcedurePlan>();
    const env: RouteEnv = {options, compiler, table};

    const walk = (
        level: Routes,
        parentId: string,
        depth: number,
        before: readonly ProcedurePlan[],
        after: readonly ProcedurePlan[],
    ): void => {
        if (depth > options.maxRouteDepth) {
            throw new StartupError(
                StartupErrorCodes.ROUTES_TOO_DEEP,
                `"${parentId}": routes are nested deeper than maxRouteDepth (${options.maxRouteDepth}).`,
            );
        }
        const keys = Object.keys(level);
        const where = parentId === '' ? 'the routes object' : `"${parentId}"`;
        if (keys.length === 0) {
            throw new StartupError(
                StartupErrorCodes.EMPTY_ROUTES,
                parentId === '' ? 'the routes object is empty.' : `"${parentId}" is an empty routes object.`,
            );
        }
        const idBase = parentId === '' ? '' : `${parentId}/`;
        // First pass: every key checked; hooks (few) planned and noted by position.
        let levelHooks: LevelHook[] | undefined;
        const valid = allKeysValid(keys);
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i] as string;
            if (!valid) checkKey(key, parentId);
            const value = level[key];
            if (typeof value === 'function') continue;
            const planned = planObject(idBase + key, value, options, table);
            if (typeof planned === 'string') continue;
            (levelHooks ??= []).push({index: i, plan: planned});
            hooks.set(planned.id, planned);
        }
        if (levelHooks !== undefined && levelHooks.length === keys.length) {
            throw new StartupError(StartupErrorCodes.EMPTY_ROUTES, `${where} holds only hooks; hooks need a route to run with.`);
        }
        // Second pass: routes and nested levels, each with the hooks around it.
        // `h` counts the level's hooks seen so far; the lists around a route change only when it does.
        let h = 0;
        let pathBefore = before;
        let pathAfter = levelHooks === undefined ? after : [...levelHooks.map((x) => x.plan), ...after];
        for (let i = 0; i < keys.length; i++) {
            if (levelHooks !== undefined && h < levelHooks.length && (levelHooks[h] as LevelHook).index === i) {
                h++;
                pathBefore = [...before, ...levelHooks.slice(0, h).map((x) => x.plan)];
                pathAfter = [...levelHooks.slice(h).map((x) => x.plan), ...after];
                continue;
            }
            const key = keys[i] as string;
            const id = idBase + key;
            const value = level[key];
            let at = -1;
            if (typeof value === 'function') {
                if (table !== undefined) at = table.checkRoute(id, value);
                else if (!hasTypeMetadata(value)) checkTypes(value, id, 'route', options, table);
            } else if (isRouteDef(value)) at = checkTypes(value.route, id, 'route', options, table);
            else {
                walk(value as Routes, id, depth + 1, pathBefore, pathAfter);
                continue;
            }
            paths.push({
                pending: true,
                id,
                path: urlBase + id + urlSuffix,
                def: value,
                before: pathBefore,
                after: pathAfter,
                env,
                at,
                executionPath: undefined,
                compile: compilePending,
            });
        }
    };

    if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) {
        throw new StartupError(StartupErrorCodes.INVALID_DEFINITION, 'registerRoutes expects a routes object.');
    }
    walk(routes, '', 1, [], []);
    return {paths, hooks};
}
