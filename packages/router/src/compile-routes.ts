import {isHeaderHookDef, isHookDef, isRawHookDef, isRouteDef, ProcedureOptions, Routes} from './definitions.js';
import {buildExecutionPath, ExecutionPath} from './execution-path.js';
import {compileHeaderHook, compileProcedure, compileRawHook, Procedure, ProcedureSwitches} from './procedure.js';
import {RouterOptions} from './router-options.js';
import {reflectHandler} from './runtime-types/index.js';
import {StartupError, StartupErrorCodes} from './startup-error.js';

/** What compiling a routes object produces: one execution path per route, and every procedure by id. */
export interface CompiledRoutes {
    paths: ExecutionPath[];
    procedures: Map<string, Procedure>;
}

const routeOptionKeys = new Set(['route', 'description', 'useValidation', 'useSerialization', 'validateReturn']);
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

type Entry =
    | {kind: 'route'; key: string; procedure: Procedure}
    | {kind: 'hook'; key: string; procedure: Procedure}
    | {kind: 'routes'; key: string; routes: Routes};

/**
 * Compiles a routes object: every route gets one execution path holding, in order, the hooks
 * before it (at its level and every ancestor level), the route, and the hooks after it.
 */
export function compileRoutes(routes: Routes, options: Readonly<RouterOptions>, urlPathOf: (id: string) => string): CompiledRoutes {
    const paths: ExecutionPath[] = [];
    const procedures = new Map<string, Procedure>();

    const compileEntry = (key: string, id: string, value: unknown): Entry => {
        if (typeof value === 'function') {
            const signature = reflectHandler(value as (...args: never[]) => unknown, `route "${id}"`);
            const procedure = compileProcedure(
                {id, kind: 'route', description: undefined, runOnError: false, signature, switches: switchesOf({}, options)},
                value as (...args: unknown[]) => unknown,
            );
            return {kind: 'route', key, procedure};
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new StartupError(
                StartupErrorCodes.INVALID_DEFINITION,
                `"${id}": expected a function, a route/hook definition or a routes object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
            );
        }
        if (isRouteDef(value)) {
            checkKeys(id, value, routeOptionKeys, 'route');
            const signature = reflectHandler(value.route, `route "${id}"`);
            const procedure = compileProcedure(
                {id, kind: 'route', description: value.description, runOnError: false, signature, switches: switchesOf(value, options)},
                value.route,
            );
            return {kind: 'route', key, procedure};
        }
        if (isHeaderHookDef(value)) {
            checkKeys(id, value, headerHookOptionKeys, 'header hook');
            const signature = reflectHandler(value.hook, `header hook "${id}"`);
            const base = {
                id,
                kind: 'headerHook' as const,
                description: value.description,
                runOnError: value.runOnError === true,
                signature,
                switches: switchesOf(value, options),
            };
            return {kind: 'hook', key, procedure: compileHeaderHook(base, value.headerName, value.hook)};
        }
        if (isHookDef(value)) {
            checkKeys(id, value, hookOptionKeys, 'hook');
            const signature = reflectHandler(value.hook, `hook "${id}"`);
            const base = {
                id,
                kind: 'hook' as const,
                description: value.description,
                runOnError: value.runOnError === true,
                signature,
                switches: switchesOf(value, options),
            };
            return {kind: 'hook', key, procedure: compileProcedure(base, value.hook)};
        }
        if (isRawHookDef(value)) {
            checkKeys(id, value, rawHookOptionKeys, 'raw hook');
            return {kind: 'hook', key, procedure: compileRawHook(id, value.rawHook, value.runOnError === true, value.description)};
        }
        return {kind: 'routes', key, routes: value as Routes};
    };

    const walk = (level: Routes, parentId: string, depth: number, before: Procedure[], after: Procedure[]): void => {
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
            const entry = compileEntry(key, id, level[key]);
            if (entry.kind !== 'routes') {
                if (procedures.has(id)) throw new StartupError(StartupErrorCodes.DUPLICATE_ROUTE_ID, `"${id}" is defined twice.`);
                procedures.set(id, entry.procedure);
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
        const hooks = entries.flatMap((e, index) => (e.kind === 'hook' ? [{index, procedure: e.procedure}] : []));
        entries.forEach((entry, i) => {
            if (entry.kind === 'hook') return;
            const hooksBefore = hooks.filter((h) => h.index < i).map((h) => h.procedure);
            const hooksAfter = hooks.filter((h) => h.index > i).map((h) => h.procedure);
            const id = parentId === '' ? entry.key : `${parentId}/${entry.key}`;
            const pathBefore = hooksBefore.length === 0 ? before : [...before, ...hooksBefore];
            const pathAfter = hooksAfter.length === 0 ? after : [...hooksAfter, ...after];
            if (entry.kind === 'routes') walk(entry.routes, id, depth + 1, pathBefore, pathAfter);
            else paths.push(buildExecutionPath(id, urlPathOf(id), entry.procedure, pathBefore, pathAfter));
        });
    };

    if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) {
        throw new StartupError(StartupErrorCodes.INVALID_DEFINITION, 'registerRoutes expects a routes object.');
    }
    walk(routes, '', 1, [], []);
    return {paths, procedures};
}
