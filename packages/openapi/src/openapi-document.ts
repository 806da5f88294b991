import {acceptsUndefined, ProcedureMetadata, RouteMetadata} from '@hookline/core';
import {ApiSnapshot, ApiSource, toSnapshot} from './api-snapshot.js';
import {ErrorResponses} from './error-responses.js';
import {JsonSchema, safeComponentName, SchemaWriter} from './schema-writer.js';

/** An OpenAPI 3.1 document (the parts Hookline writes; plain JSON). */
export interface OpenApiDocument {
    openapi: '3.1.0';
    info: OpenApiInfo;
    jsonSchemaDialect: string;
    servers?: {url: string; description?: string}[];
    tags?: {name: string; description?: string}[];
    paths: Record<string, Record<string, JsonSchema>>;
    components: {schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes?: Record<string, JsonSchema>};
}

/** The document's `info`. */
export interface OpenApiInfo {
    title: string;
    version: string;
    description?: string;
    [key: string]: unknown;
}

/** What an operation shows besides its types; {@link OpenApiOptions.operation} may set each. */
export interface OperationInfo {
    summary?: string;
    description?: string;
    tags?: string[];
    deprecated?: boolean;
}

/** Options of {@link openApiDocument}. */
export interface OpenApiOptions {
    /** `info.title`. Default `'Hookline API'`. */
    title?: string;
    /** `info.version`: your API's version. Default `'0.0.0'`. */
    version?: string;
    /** `info.description`. */
    description?: string;
    /** Where the API is served, e.g. `[{url: 'https://api.example.com'}]`. Default: none (the document's own origin). */
    servers?: {url: string; description?: string}[];
    /** Descriptions of tags, in the order a reference page lists them. */
    tags?: {name: string; description?: string}[];
    /** Also write a GET operation for routes that answer GET (no body params on their path). Default `true`. */
    get?: boolean;
    /**
     * Summary, description, tags of a route's operations, from the route and its `meta`. The
     * default reads `meta.summary`, `meta.tags`, `meta.deprecated`, takes the route's
     * `description`, and tags a route with its parent's id (`api/users` for `api/users/getUser`)
     * when its meta names no tags.
     */
    operation?: (route: RouteMetadata, meta: Record<string, unknown>) => OperationInfo;
}

/** The default of {@link OpenApiOptions.operation}. */
export function defaultOperationInfo(route: RouteMetadata, meta: Record<string, unknown>): OperationInfo {
    const info: OperationInfo = {};
    if (typeof meta.summary === 'string') info.summary = meta.summary;
    if (route.description !== undefined) info.description = route.description;
    if (Array.isArray(meta.tags) && meta.tags.every((t) => typeof t === 'string')) info.tags = meta.tags as string[];
    else if (route.id.includes('/')) info.tags = [route.id.slice(0, route.id.lastIndexOf('/'))];
    if (meta.deprecated === true) info.deprecated = true;
    return info;
}

/** Header names OpenAPI ignores as header parameters: a header hook reading one is a security scheme instead. */
const reservedHeaders = new Set(['authorization', 'accept', 'content-type']);

/**
 * The OpenAPI 3.1 document of a router's API, from the handlers' own types: one operation per
 * route (POST, and GET where the route answers it) at its URL path; the request body in the
 * protocol's shape (`{"<route id>": [params]}` as a tuple, plus the params of hooks on its path);
 * header hooks as header parameters (an `authorization` one as an API-key security scheme); the
 * response `{"<route id>": value}`; the router's error codes and the errors declared on the
 * route's path as error responses; named types as `components/schemas`.
 *
 * @example
 * const doc = openApiDocument(router, {title: 'Pets', version: '1.4.0', servers: [{url: 'https://api.example.com'}]});
 * writeFileSync('openapi.json', JSON.stringify(doc, null, 2));
 */
export function openApiDocument(source: ApiSource, options: OpenApiOptions = {}): OpenApiDocument {
    const api = toSnapshot(source);
    const writer = new SchemaWriter();
    const errors = new ErrorResponses(writer);
    const securitySchemes: Record<string, JsonSchema> = {};
    const operationIds = new Set<string>();
    const uniqueId = (base: string): string => {
        let id = base;
        for (let i = 2; operationIds.has(id); i++) id = `${base}${i}`;
        operationIds.add(id);
        return id;
    };
    const paths: OpenApiDocument['paths'] = {};
    for (const route of Object.values(api.routes)) {
        const hooks = route.hooks.map((id) => api.hooks[id]).filter((h): h is ProcedureMetadata => h !== undefined);
        const info = (options.operation ?? defaultOperationInfo)(route, api.routeMeta[route.id] ?? {});
        const parameters: JsonSchema[] = [];
        const security: Record<string, string[]>[] = [];
        const responseHeaders: Record<string, JsonSchema> = {};
        for (const h of hooks) {
            if (h.headerName === undefined) continue;
            const schema = writer.schema(h.params[0] ?? {kind: 'string'});
            const required = !(api.optionalParams[h.id]?.[0] === true || acceptsUndefined(h.params[0] ?? {kind: 'any'}));
            if (reservedHeaders.has(h.headerName)) {
                const name = safeComponentName(h.id);
                securitySchemes[name] = {
                    type: 'apiKey',
                    in: 'header',
                    name: h.headerName,
                    description: h.description ?? `Read by the header hook "${h.id}".`,
                };
                security.push({[name]: []});
            } else {
                const p: JsonSchema = {name: h.headerName, in: 'header', required, schema};
                if (h.description !== undefined) p.description = h.description;
                parameters.push(p);
            }
            // A header hook's value goes back as a response header (it is never in the body: returnsData is false).
            if (h.returns.kind !== 'undefined' && h.returns.kind !== 'never')
                responseHeaders[h.headerName] = {schema: writer.schema(h.returns)};
        }
        const ok: JsonSchema = route.stream === undefined ? okResponse(writer, route, hooks) : streamResponse(writer, route);
        if (Object.keys(responseHeaders).length > 0) ok.headers = responseHeaders;
        const responses = {200: ok, ...errors.operationResponses(route, [route.id, ...route.hooks])};
        const base = route.id.replace(/[^A-Za-z0-9]+/g, '_');
        const operation = (method: string): JsonSchema => {
            const op: JsonSchema = {operationId: uniqueId(method === 'post' ? base : `${base}_get`), ...info};
            if (parameters.length > 0) op.parameters = parameters;
            if (method === 'post') op.requestBody = requestBody(writer, api, route, hooks);
            op.responses = responses;
            if (security.length > 0) op.security = security;
            return op;
        };
        const item: Record<string, JsonSchema> = {post: operation('post')};
        if (route.allowsGet && options.get !== false) item.get = operation('get');
        paths[route.path] = item;
    }
    const doc: OpenApiDocument = {
        openapi: '3.1.0',
        info: {title: options.title ?? 'Hookline API', version: options.version ?? '0.0.0'},
        jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
        paths,
        components: {schemas: writer.components, responses: errors.responses},
    };
    if (options.description !== undefined) doc.info.description = options.description;
    if (options.servers !== undefined) doc.servers = options.servers;
    if (options.tags !== undefined) doc.tags = options.tags;
    if (Object.keys(securitySchemes).length > 0) doc.components.securitySchemes = securitySchemes;
    return doc;
}

function paramsTuple(writer: SchemaWriter, api: ApiSnapshot, p: ProcedureMetadata): JsonSchema {
    const optional = api.optionalParams[p.id] ?? [];
    const items = p.params.map((type, i) => ({type, optional: optional[i] === true, rest: false}));
    const schema = writer.tuple(items, undefined, p.paramNames);
    // A route's description is its operation's; a hook's says what its params are for.
    if (p.kind !== 'route' && p.description !== undefined) schema.description = p.description;
    return schema;
}

/** `{"<route id>": [params], "<hook id>": [params]}`: the params of the route and of the hooks on its path that take any. */
function requestBody(writer: SchemaWriter, api: ApiSnapshot, route: RouteMetadata, hooks: ProcedureMetadata[]): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const p of [...hooks.filter((h) => h.kind === 'hook'), route]) {
        if (p.params.length === 0) continue;
        const tuple = paramsTuple(writer, api, p);
        properties[p.id] = tuple;
        if ((tuple.minItems as number) > 0) required.push(p.id);
    }
    const schema: JsonSchema = {type: 'object'};
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    schema.additionalProperties = false;
    return {required: required.length > 0, content: {'application/json': {schema}}};
}

function okResponse(writer: SchemaWriter, route: RouteMetadata, hooks: ProcedureMetadata[]): JsonSchema {
    return {
        description: "The route's value under its id (and the values of hooks on its path that return data)",
        content: {'application/json': {schema: resultBody(writer, route, hooks)}},
    };
}

/**
 * A streaming route's 200: server-sent events (docs/streaming.md). OpenAPI 3.1 has no schema for
 * the events of a stream, so the types of its items and of its final value are given in the
 * `x-hookline-stream` extension of the media type (each event's `data` is one JSON value).
 */
function streamResponse(writer: SchemaWriter, route: RouteMetadata): JsonSchema {
    const stream = route.stream as NonNullable<RouteMetadata['stream']>;
    return {
        description:
            'Server-sent events: `event: item` with one item as JSON per event, then `event: result` with the final value ' +
            '(or `event: error` with the error under the id that failed), and `: ping` comments. Errors before the first ' +
            'item are JSON responses, as for any route.',
        content: {
            'text/event-stream': {
                schema: {type: 'string'},
                'x-hookline-stream': {item: writer.schema(stream.item), result: writer.schema(stream.result)},
            },
        },
    };
}

/** `{"<route id>": value}`, with the values of body hooks that return data. */
function resultBody(writer: SchemaWriter, route: RouteMetadata, hooks: ProcedureMetadata[]): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const p of [...hooks.filter((h) => h.kind === 'hook'), route]) {
        if (!p.returnsData) continue;
        properties[p.id] = writer.schema(p.returns);
        if (!acceptsUndefined(p.returns)) required.push(p.id);
    }
    const schema: JsonSchema = {type: 'object'};
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    schema.additionalProperties = false;
    return schema;
}
