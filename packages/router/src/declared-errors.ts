// Typed errors: the errors routes and hooks declare in their return types, checked and
// serialized like return values on the paths that have some ("typed" routes).
import {ErrorMetadata, GENERIC_ERROR_NAME, isRouterErrorCode, RpcError, routerError} from '@hookline/core';
import {CallContext, Context} from './call-context.js';
import {compileType, CompiledType, ErrorSignature} from './runtime-types/index.js';
import {internalProcedure, Procedure, PublicError} from './procedure.js';

/** An error a procedure declares, with its `errorData` type compiled. */
export interface DeclaredError {
    readonly name: string;
    /** The status the declaration fixes, if any. */
    readonly statusCode: number | undefined;
    readonly data: CompiledType;
    /** Whether `errorData` is checked and written by its type (not `unknown` or `any`). */
    readonly typed: boolean;
}

/**
 * Compiles a procedure's declared errors; `undefined` when it declares none. `closures`: build
 * the checks from closures (a compiled module: nothing is evaluated from strings).
 */
export function compileDeclaredErrors(errors: readonly ErrorSignature[] | undefined, closures: boolean): DeclaredError[] | undefined {
    if (errors === undefined || errors.length === 0) return undefined;
    return errors.map((e) => ({
        name: e.name,
        statusCode: e.statusCode,
        data: compileType(e.data, true, closures ? 'closures' : undefined),
        typed: e.data.kind !== 'unknown' && e.data.kind !== 'any',
    }));
}

/** The declared errors of an execution path, as its route's metadata lists them; `undefined` for an untyped path. */
export function pathErrorMetadata(procedures: readonly Procedure[]): ErrorMetadata[] | undefined {
    let out: ErrorMetadata[] | undefined;
    for (const p of procedures) {
        if (p.errors === undefined) continue;
        for (const e of p.errors) {
            const meta: ErrorMetadata = {procedureId: p.errorId, name: e.name, errorData: e.data.node};
            if (e.statusCode !== undefined) meta.statusCode = e.statusCode;
            (out ??= []).push(meta);
        }
    }
    return out;
}

/** The 500 sent for a declared error whose `errorData` does not have its declared type. */
function invalidErrorData(id: string, name: string, detail: string): RpcError {
    return routerError(
        'invalid-return',
        'The server produced an invalid response',
        undefined,
        undefined,
        `"${id}" failed with the error "${name}" whose errorData does not match its declared type: ${detail}`,
    );
}

/**
 * The `@checkErrors` step of a typed path (placed before `@serializeBody`, run after failures
 * only): every error in the response body is the router's own, declared by the procedure it is
 * sent under (its `errorData` checked and written by its type, so nothing undeclared leaks), or
 * else replaced by the generic public error (`RpcError`, same status and public message, no
 * `errorData`) and logged as a warning.
 */
export function checkErrorsStep(procedures: readonly Procedure[]): Procedure {
    const declared = new Map<string, Map<string, DeclaredError>>();
    for (const p of procedures) {
        if (p.errors === undefined) continue;
        const byName = declared.get(p.errorId) ?? new Map<string, DeclaredError>();
        for (const e of p.errors) byName.set(e.name, e);
        declared.set(p.errorId, byName);
    }
    // `now` is recorded as an internal error (logged) unless it only hides the original's details.
    const replace = (ctx: CallContext, key: string, was: PublicError, now: RpcError, record = true): void => {
        const res = ctx.response;
        // The status is the first failure's: follow the replacement when this error gave it.
        if (res.statusCode === was.statusCode) res.statusCode = now.statusCode;
        if (record) ctx.request.internalErrors.push(now);
        res.body[key] = new PublicError(now, was.id);
    };
    return internalProcedure(
        '@checkErrors',
        true,
        (ctx) => {
            const res = ctx.response;
            if (!res.hasErrors) return;
            for (const key of Object.keys(res.body)) {
                const error = res.body[key];
                if (!(error instanceof PublicError) || isRouterErrorCode(error.name)) continue;
                const found = declared.get(key)?.get(error.name);
                if (found !== undefined && (found.statusCode === undefined || found.statusCode === error.statusCode)) {
                    if (!found.typed || error.errorData === undefined) {
                        if (found.typed && !found.data.isValue(undefined)) {
                            replace(ctx, key, error, invalidErrorData(key, error.name, 'errorData is missing'));
                        }
                        continue;
                    }
                    if (!found.data.isValue(error.errorData)) {
                        const issues = found.data.valueIssues(error.errorData, `${error.name}.errorData`);
                        replace(
                            ctx,
                            key,
                            error,
                            invalidErrorData(key, error.name, issues.map((i) => `${i.path}: ${i.message}`).join('; ')),
                        );
                        continue;
                    }
                    // Written by its type like a return value: properties the type lacks don't leak.
                    (error as {errorData: unknown}).errorData = JSON.parse(found.data.serialize(error.errorData));
                    continue;
                }
                if (error.name === GENERIC_ERROR_NAME && error.errorData === undefined) continue;
                const why =
                    found === undefined
                        ? `"${key}" failed with the error "${error.name}", which it does not declare`
                        : `"${key}" failed with the error "${error.name}" and the status ${error.statusCode}, declared with ${found.statusCode}`;
                (ctx as Context).logger.warn(
                    `${why}: sent as the generic error "${GENERIC_ERROR_NAME}" (declare it in the return type of "${key}")`,
                    {statusCode: error.statusCode},
                );
                replace(ctx, key, error, new RpcError({statusCode: error.statusCode, publicMessage: error.message}), false);
            }
        },
        'Checks the errors of a typed route against their declarations',
    );
}
