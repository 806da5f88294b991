import {acceptsUndefined, ErrorMetadata, GENERIC_ERROR_NAME, routerErrorCodes, RouterErrorStatus, RouteMetadata} from '@hookline/core';
import {ROUTER_ERROR_ID} from '@hookline/router';
import {JsonSchema, safeComponentName, SchemaWriter} from './schema-writer.js';

/** Statuses where the router answers under `@router` (before any step runs). */
const routerLevel = new Set([
    'route-not-found',
    'method-not-allowed',
    'body-too-large',
    'unsupported-media-type',
    'invalid-json',
    'invalid-body',
]);
/** Statuses every operation lists (the router's own codes); 503 `call-timeout` only with a `callTimeout`, under `default`. */
const listedStatuses = [400, 404, 405, 413, 415, 500];
/** Router statuses that only ever come under `@router`: one shared response each, unless a route declares an error there. */
const sharedStatuses: Record<number, string> = {
    404: 'RouteNotFound',
    405: 'MethodNotAllowed',
    413: 'BodyTooLarge',
    415: 'UnsupportedMediaType',
};

const codesAt = (status: number): string[] => routerErrorCodes.filter((c) => RouterErrorStatus[c] === status);

const idSchema = {type: ['string', 'number'], description: "The request's id, when the router echoes it."};

/**
 * The error part of a document: the router's error schemas (one per status, its names an `enum`),
 * the generic error, each declared error (a `const` name and status, its `errorData` typed) and
 * the error responses of each operation.
 */
export class ErrorResponses {
    /** Shared responses, for `components/responses`. */
    readonly responses: Record<string, JsonSchema> = {};
    private readonly routerErrors = new Map<number, string>();
    private readonly declared = new Map<string, string>();
    private readonly anyError: string;
    private readonly genericError: string;

    constructor(private readonly writer: SchemaWriter) {
        const base = (name: JsonSchema, description: string): JsonSchema => ({
            type: 'object',
            description,
            required: ['name', 'statusCode', 'message'],
            properties: {name, statusCode: {type: 'integer'}, message: {type: 'string'}, errorData: {}, id: idSchema},
            additionalProperties: false,
        });
        this.anyError = writer.reserve(
            'RpcError',
            base({type: 'string'}, 'An error thrown or returned by a route or hook that declares no errors.'),
        );
        this.genericError = writer.reserve(
            'UndeclaredError',
            base(
                {type: 'string', const: GENERIC_ERROR_NAME},
                'An error a typed route did not declare: sent as the generic RpcError (its status and public message kept, errorData dropped).',
            ),
        );
        for (const status of new Set(Object.values(RouterErrorStatus))) {
            const codes = codesAt(status);
            const schema = base({type: 'string', enum: codes}, `The router's own errors with status ${status}: ${codes.join(', ')}.`);
            (schema.properties as JsonSchema).statusCode = {type: 'integer', const: status};
            this.routerErrors.set(status, writer.reserve(`RouterError${status}`, schema));
        }
        for (const [status, name] of Object.entries(sharedStatuses)) {
            this.responses[name] = {
                description: `${codesAt(Number(status)).join(', ')} (router error, under "${ROUTER_ERROR_ID}")`,
                content: {'application/json': {schema: this.body([[ROUTER_ERROR_ID, [this.ref(this.routerErrors.get(Number(status)))]]])}},
            };
        }
        this.responses.Error = {
            description: 'Any other error (e.g. 503 call-timeout), under the id of the step that failed',
            content: {'application/json': {schema: {type: 'object', additionalProperties: this.ref(this.anyError), minProperties: 1}}},
        };
    }

    /** The error responses of one route's operations, by status, `default` last. */
    operationResponses(route: RouteMetadata, procedures: string[]): Record<string, JsonSchema> {
        const typed = route.errors !== undefined;
        const declared = route.errors ?? [];
        const statuses = [...new Set([...listedStatuses, ...declared.flatMap((e) => (e.statusCode === undefined ? [] : [e.statusCode]))])];
        const out: Record<string, JsonSchema> = {};
        for (const status of statuses.sort((a, b) => a - b)) {
            const here = declared.filter((e) => e.statusCode === status);
            const shared = sharedStatuses[status];
            if (shared !== undefined && here.length === 0) {
                out[status] = {$ref: `#/components/responses/${shared}`};
                continue;
            }
            const routerName = this.routerErrors.get(status);
            const codes = codesAt(status);
            const entries: [string, JsonSchema[]][] = [];
            if (routerName !== undefined && codes.some((c) => routerLevel.has(c))) entries.push([ROUTER_ERROR_ID, [this.ref(routerName)]]);
            for (const id of procedures) {
                const members = here.filter((e) => e.procedureId === id).map((e) => this.declaredError(e));
                if (routerName !== undefined && codes.some((c) => !routerLevel.has(c))) members.push(this.ref(routerName));
                members.push(this.ref(typed ? this.genericError : this.anyError));
                entries.push([id, members]);
            }
            const names = [...here.map((e) => e.name), ...codes];
            out[status] = {
                description: names.length > 0 ? names.join(', ') : 'Error',
                content: {'application/json': {schema: this.body(entries, typed)}},
            };
        }
        // Any other status: a thrown RpcError of an untyped route (any name), or on a typed route a
        // declared error whose status is not fixed, the generic error, or 503 call-timeout.
        if (!typed) out.default = {$ref: '#/components/responses/Error'};
        else {
            const timeout = this.ref(this.routerErrors.get(503));
            const generic = this.ref(this.genericError);
            const unfixed = declared.filter((e) => e.statusCode === undefined);
            const entries = procedures.map((id): [string, JsonSchema[]] => [
                id,
                [...unfixed.filter((e) => e.procedureId === id).map((e) => this.declaredError(e)), generic, timeout],
            ]);
            entries.unshift([ROUTER_ERROR_ID, [timeout]]);
            const schema = {...this.body(entries, true), additionalProperties: {oneOf: [generic, timeout]}};
            const names = [...unfixed.map((e) => e.name), 'call-timeout', GENERIC_ERROR_NAME];
            out.default = {description: names.join(', '), content: {'application/json': {schema}}};
        }
        return out;
    }

    /**
     * An error body: the error under the id of the step that failed. Other keys may come along:
     * values returned by steps that ran before the failure, and errors of hooks a client does not
     * see (they take no params and return nothing).
     */
    private body(entries: [string, JsonSchema[]][], disjoint = false): JsonSchema {
        const properties: Record<string, JsonSchema> = {};
        for (const [id, members] of entries) {
            properties[id] = members.length === 1 ? (members[0] as JsonSchema) : {[disjoint ? 'oneOf' : 'anyOf']: members};
        }
        return {type: 'object', properties, minProperties: 1};
    }

    private declaredError(e: ErrorMetadata): JsonSchema {
        const key = JSON.stringify([e.name, e.statusCode, e.errorData]);
        let name = this.declared.get(key);
        if (name === undefined) {
            const data = this.writer.schema(e.errorData);
            const properties: Record<string, JsonSchema> = {
                name: {type: 'string', const: e.name},
                statusCode: e.statusCode === undefined ? {type: 'integer'} : {type: 'integer', const: e.statusCode},
                message: {type: 'string'},
                errorData: data,
                id: idSchema,
            };
            const required = ['name', 'statusCode', 'message'];
            if (!acceptsUndefined(e.errorData)) required.push('errorData');
            else if (e.errorData.kind === 'undefined') delete properties.errorData;
            const schema = {
                type: 'object',
                description: `The declared error "${e.name}".`,
                required,
                properties,
                additionalProperties: false,
            };
            name = this.writer.reserve(pascal(e.name), schema);
            this.declared.set(key, name);
        }
        return this.ref(name);
    }

    private ref(name: string | undefined): JsonSchema {
        return {$ref: `#/components/schemas/${name ?? 'RpcError'}`};
    }
}

/** `user-not-found` -> `UserNotFoundError`. */
function pascal(name: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    return safeComponentName(`${words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('')}Error`);
}
