import {RouteInfo, routeInfo, RouteMeta} from './call-context.js';
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

function checkKey(key: string, parentId: string): void {
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
    /** What hooks see as `ctx.route`. */
    readonly info: RouteInfo;
    readonly id: string;
    readonly path: string;
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
    return buildExecutionPath(plan.info, plan.route.compile(), plan.before.map(compile), plan.after.map(compile));
}

function plan(id: string, build: () => Procedure): ProcedurePlan {
    let compiled: Procedure | undefined;
    return {id, compile: () => (compiled ??= build())};
}

function requireTypes(fn: unknown, where: string): void {
    // Cheap check kept at registration even when types are compiled lazily.
    if (!hasTypeMetadata(fn)) reflectHandler(fn as (...args: never[]) => unknown, where);
}

type Entry =
    | {kind: 'route'; key: string; plan: ProcedurePlan; description?: string | undefined; meta?: RouteMeta | undefined}
    | {kind: 'hook'; key: string; plan: ProcedurePlan}
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
            const where = `route "${id}"`;
            requireTypes(value, where);
            const handler = value as (...args: unknown[]) => unknown;
            const switches = switchesOf({}, options);
            return {
                kind: 'route',
                key,
                plan: plan(id, () =>
                    compileProcedure(
                        {id, kind: 'route', description: undefined, runOnError: false, signature: reflectHandler(handler, where), switches},
                        handler,
                    ),
                ),
            };
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new StartupError(
                StartupErrorCodes.INVALID_DEFINITION,
                `"${id}": expected a function, a route/hook definition or a routes object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
            );
        }
        if (isRouteDef(value)) {
            checkKeys(id, value, routeOptionKeys, 'route');
            const where = `route "${id}"`;
            requireTypes(value.route, where);
            const switches = switchesOf(value, options);
            return {
                description: value.description,
                meta: value.meta,
                kind: 'route',
                key,
                plan: plan(id, () =>
                    compileProcedure(
                        {
                            id,
                            kind: 'route',
                            description: value.description,
                            runOnError: false,
                            signature: reflectHandler(value.route, where),
                            switches,
                        },
                        value.route,
                    ),
                ),
            };
        }
        if (isHeaderHookDef(value)) {
            checkKeys(id, value, headerHookOptionKeys, 'header hook');
            const where = `header hook "${id}"`;
            requireTypes(value.hook, where);
            const switches = switchesOf(value, options);
            const build = (): Procedure =>
                compileHeaderHook(
                    {
                        id,
                        kind: 'headerHook',
                        description: value.description,
                        runOnError: value.runOnError === true,
                        signature: reflectHandler(value.hook, where),
                        switches,
                    },
                    value.headerName,
                    value.hook,
                );
            return {kind: 'hook', key, plan: plan(id, build)};
        }
        if (isHookDef(value)) {
            checkKeys(id, value, hookOptionKeys, 'hook');
            const where = `hook "${id}"`;
            requireTypes(value.hook, where);
            const switches = switchesOf(value, options);
            const build = (): Procedure =>
                compileProcedure(
                    {
                        id,
                        kind: 'hook',
                        description: value.description,
                        runOnError: value.runOnError === true,
                        signature: reflectHandler(value.hook, where),
                        switches,
                    },
                    value.hook,
                );
            return {kind: 'hook', key, plan: plan(id, build)};
        }
        if (isRawHookDef(value)) {
            checkKeys(id, value, rawHookOptionKeys, 'raw hook');
            return {
                kind: 'hook',
                key,
                plan: plan(id, () => compileRawHook(id, value.rawHook, value.runOnError === true, value.description)),
            };
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
                const path = urlPathOf(id);
                paths.push({
                    info: routeInfo(id, path, entry.description, entry.meta),
                    id,
                    path,
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
