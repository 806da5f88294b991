import {routeInfo, RouteMeta} from './call-context.js';
import {isHeaderHookDef, isHookDef, isRawHookDef, isRouteDef, ProcedureOptions, Routes} from './definitions.js';
import {buildExecutionPath, ExecutionPath} from './execution-path.js';
import {compileHeaderHook, compileProcedure, compileRawHook, Procedure, ProcedureSwitches} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {hasTypeMetadata, reflectHandler} from './runtime-types/index.js';
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

/** A procedure found in a routes object: checked, not compiled yet. `compile()` reflects its types once. */
export interface ProcedurePlan {
    readonly id: string;
    compile(): Procedure;
}

/** A route's execution path, planned: which procedures, in which order. */
export interface PathPlan {
    readonly id: string;
    readonly path: string;
    readonly description: string | undefined;
    readonly meta: RouteMeta | undefined;
    readonly route: ProcedurePlan;
    readonly before: readonly ProcedurePlan[];
    readonly after: readonly ProcedurePlan[];
}

/** What planning a routes object produces: one path plan per route, and every procedure by id. */
export interface RoutesPlan {
    paths: PathPlan[];
    procedures: Map<string, ProcedurePlan>;
}

/** Compiles a path plan into an execution path (its procedures compile on first use, once). */
export function compilePath(plan: PathPlan): ExecutionPath {
    const compile = (p: ProcedurePlan): Procedure => p.compile();
    const info = routeInfo(plan.id, plan.path, plan.description, plan.meta);
    return buildExecutionPath(info, plan.route.compile(), plan.before.map(compile), plan.after.map(compile));
}

type PlanKind = 'route' | 'routeDef' | 'hook' | 'headerHook' | 'rawHook';

// One object per procedure, no closures: planning thousands of routes must stay cheap.
class Plan implements ProcedurePlan {
    private compiled: Procedure | undefined = undefined;

    constructor(
        readonly id: string,
        private readonly kind: PlanKind,
        private readonly def: any,
        private readonly options: Readonly<RouterOptions>,
    ) {}

    compile(): Procedure {
        return (this.compiled ??= this.build());
    }

    private build(): Procedure {
        const {id, def, options} = this;
        switch (this.kind) {
            case 'route': {
                const signature = reflectHandler(def, `route "${id}"`);
                return compileProcedure(
                    {id, kind: 'route', description: undefined, runOnError: false, signature, switches: switchesOf({}, options)},
                    def,
                );
            }
            case 'routeDef': {
                const signature = reflectHandler(def.route, `route "${id}"`);
                return compileProcedure(
                    {id, kind: 'route', description: def.description, runOnError: false, signature, switches: switchesOf(def, options)},
                    def.route,
                );
            }
            case 'headerHook': {
                const signature = reflectHandler(def.hook, `header hook "${id}"`);
                const base = {
                    id,
                    kind: 'headerHook' as const,
                    description: def.description,
                    runOnError: def.runOnError === true,
                    signature,
                    switches: switchesOf(def, options),
                };
                return compileHeaderHook(base, def.headerName, def.hook);
            }
            case 'hook': {
                const signature = reflectHandler(def.hook, `hook "${id}"`);
                const base = {
                    id,
                    kind: 'hook' as const,
                    description: def.description,
                    runOnError: def.runOnError === true,
                    signature,
                    switches: switchesOf(def, options),
                };
                return compileProcedure(base, def.hook);
            }
            case 'rawHook':
                return compileRawHook(id, def.rawHook, def.runOnError === true, def.description);
        }
    }
}

function requireTypes(fn: unknown, id: string, what: string): void {
    // Cheap check kept at registration even when types are compiled lazily.
    if (!hasTypeMetadata(fn)) reflectHandler(fn as (...args: never[]) => unknown, `${what} "${id}"`);
}

type Entry =
    | {kind: 'route'; key: string; plan: Plan; def: unknown}
    | {kind: 'hook'; key: string; plan: Plan}
    | {kind: 'routes'; key: string; routes: Routes};

/**
 * Plans a routes object: checks its structure, keys and definitions, and gives every route one
 * execution path holding, in order, the hooks before it (at its level and every ancestor level),
 * the route, and the hooks after it. Types are reflected and compiled by `compile()`, not here.
 */
export function planRoutes(routes: Routes, options: Readonly<RouterOptions>, urlPathOf: (id: string) => string): RoutesPlan {
    const paths: PathPlan[] = [];
    const procedures = new Map<string, ProcedurePlan>();

    const planEntry = (key: string, id: string, value: unknown): Entry => {
        if (typeof value === 'function') {
            requireTypes(value, id, 'route');
            return {kind: 'route', key, plan: new Plan(id, 'route', value, options), def: value};
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new StartupError(
                StartupErrorCodes.INVALID_DEFINITION,
                `"${id}": expected a function, a route/hook definition or a routes object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
            );
        }
        if (isRouteDef(value)) {
            checkKeys(id, value, routeOptionKeys, 'route');
            requireTypes(value.route, id, 'route');
            return {kind: 'route', key, plan: new Plan(id, 'routeDef', value, options), def: value};
        }
        if (isHeaderHookDef(value)) {
            checkKeys(id, value, headerHookOptionKeys, 'header hook');
            requireTypes(value.hook, id, 'header hook');
            return {kind: 'hook', key, plan: new Plan(id, 'headerHook', value, options)};
        }
        if (isHookDef(value)) {
            checkKeys(id, value, hookOptionKeys, 'hook');
            requireTypes(value.hook, id, 'hook');
            return {kind: 'hook', key, plan: new Plan(id, 'hook', value, options)};
        }
        if (isRawHookDef(value)) {
            checkKeys(id, value, rawHookOptionKeys, 'raw hook');
            return {kind: 'hook', key, plan: new Plan(id, 'rawHook', value, options)};
        }
        return {kind: 'routes', key, routes: value as Routes};
    };

    const walk = (level: Routes, parentId: string, depth: number, before: ProcedurePlan[], after: ProcedurePlan[]): void => {
        if (depth > options.maxRouteDepth) {
            throw new StartupError(
                StartupErrorCodes.ROUTES_TOO_DEEP,
                `"${parentId}": routes are nested deeper than maxRouteDepth (${options.maxRouteDepth}).`,
            );
        }
        const keys = Object.keys(level);
        if (keys.length === 0) {
            throw new StartupError(
                StartupErrorCodes.EMPTY_ROUTES,
                parentId === '' ? 'the routes object is empty.' : `"${parentId}" is an empty routes object.`,
            );
        }
        const entries = keys.map((key) => {
            checkKey(key, parentId);
            const id = parentId === '' ? key : `${parentId}/${key}`;
            const entry = planEntry(key, id, level[key]);
            if (entry.kind !== 'routes') {
                if (procedures.has(id)) throw new StartupError(StartupErrorCodes.DUPLICATE_ROUTE_ID, `"${id}" is defined twice.`);
                procedures.set(id, entry.plan);
            }
            return entry;
        });
        if (!entries.some((e) => e.kind !== 'hook')) {
            throw new StartupError(
                StartupErrorCodes.EMPTY_ROUTES,
                `${parentId === '' ? 'the routes object' : `"${parentId}"`} holds only hooks; hooks need a route to run with.`,
            );
        }
        // Hooks are few; routes can be thousands: look hooks up by position, not by slicing entries.
        const hooks = entries.flatMap((e, index) => (e.kind === 'hook' ? [{index, plan: e.plan}] : []));
        entries.forEach((entry, i) => {
            if (entry.kind === 'hook') return;
            const id = parentId === '' ? entry.key : `${parentId}/${entry.key}`;
            const hooksBefore = hooks.length === 0 ? hooks : hooks.filter((h) => h.index < i);
            const hooksAfter = hooks.length === 0 ? hooks : hooks.filter((h) => h.index > i);
            const pathBefore = hooksBefore.length === 0 ? before : [...before, ...hooksBefore.map((h) => h.plan)];
            const pathAfter = hooksAfter.length === 0 ? after : [...hooksAfter.map((h) => h.plan), ...after];
            if (entry.kind === 'routes') walk(entry.routes, id, depth + 1, pathBefore, pathAfter);
            else {
                const def = entry.def as {description?: string; meta?: RouteMeta};
                const isDef = typeof def === 'object';
                paths.push({
                    id,
                    path: urlPathOf(id),
                    description: isDef ? def.description : undefined,
                    meta: isDef ? def.meta : undefined,
                    route: entry.plan,
                    before: pathBefore,
                    after: pathAfter,
                });
            }
        });
    };

    if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) {
        throw new StartupError(StartupErrorCodes.INVALID_DEFINITION, 'registerRoutes expects a routes object.');
    }
    walk(routes, '', 1, [], []);
    return {paths, procedures};
}
