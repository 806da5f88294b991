import {acceptsUndefined, ApiMetadata, ObjectTypeNode, ProcedureMetadata, RouteMetadata, TypeNode} from '@hookline/core';

/** Options of {@link generateClientSource}. */
export interface GenerateOptions {
    /** Where the metadata came from, for the header comment (e.g. `src/api.ts (export apiSpec)`). */
    source?: string;
    /**
     * Which params of each procedure are optional, by procedure id (`router.describe()` knows; the
     * metadata alone doesn't). Without it, trailing params whose type accepts `undefined` are optional.
     */
    optionalParams?: Record<string, boolean[]>;
    /** Module the generated file imports the client from. Default `'@hookline/client'`. */
    clientModule?: string;
}

const identifier = /^[A-Za-z_$][\w$]*$/;
// Names a declaration must not take: the file's own names, and lib types a reflected name may
// repeat (`Partial<User>` reflects as an object named `Partial`): those are written inline.
const reserved = new Set(
    (
        'Api metadata createApiClient createClient Client ClientOptions RouteType StreamRouteType HookType HeaderHookType ErrorType ApiMetadata ' +
        'Date Array ReadonlyArray Promise Map Set Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ' +
        'ReturnType Parameters Awaited Object String Number Boolean Symbol Function Error RegExp JSON'
    ).split(' '),
);

const key = (name: string): string => (identifier.test(name) ? name : JSON.stringify(name));
const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
// `{\n    a: A;\n    b: B;\n}` -> `{a: A; b: B}`
const inline = (body: string): string => body.replace(/\n\s*/g, ' ').replace(/^\{ /, '{').replace(/; \}$/, '}');

/** Writes TypeScript for TypeNodes, collecting named object types as interface declarations. */
class TypeWriter {
    readonly declarations = new Map<string, string>();
    private readonly refNames = new Map<string, string>();
    private anonymous = 0;

    write(node: TypeNode): string {
        switch (node.kind) {
            case 'literal':
                return JSON.stringify(node.value);
            case 'date':
                return 'Date';
            case 'array':
                return this.arrayOf(node.items);
            case 'tuple':
                return `[${node.items.map((m) => (m.rest ? `...${this.arrayOf(m.type)}` : `${this.write(m.type)}${m.optional ? '?' : ''}`)).join(', ')}]`;
            case 'union':
                return node.members.map((m) => this.write(m)).join(' | ');
            case 'ref':
                return this.refNames.get(node.ref) ?? 'unknown';
            case 'object':
                return this.object(node);
            default:
                return node.kind;
        }
    }

    private arrayOf(items: TypeNode): string {
        const item = this.write(items);
        return items.kind === 'union' && items.members.length > 1 ? `(${item})[]` : `${item}[]`;
    }

    private body(node: ObjectTypeNode): string {
        const lines = node.props.map((p) => `${key(p.name)}${p.optional ? '?' : ''}: ${this.write(p.type)};`);
        if (node.index !== undefined) lines.push(`[key: string]: ${this.write(node.index)};`);
        return lines.length === 0 ? '{}' : `{\n    ${lines.map((l) => indent(l, '    ')).join('\n    ')}\n}`;
    }

    private object(node: ObjectTypeNode): string {
        const named = node.name !== undefined && identifier.test(node.name) && !reserved.has(node.name);
        if (node.refId !== undefined) {
            // Recursive: the name must exist before the body that refers to it.
            const name = this.freeName(named ? (node.name as string) : `Recursive${++this.anonymous}`);
            this.refNames.set(node.refId, name);
            this.declarations.set(name, '');
            this.declarations.set(name, this.body(node));
            return name;
        }
        const body = this.body(node);
        if (!named) return body === '{}' ? '{[key: string]: never}' : inline(body);
        const base = node.name as string;
        for (let i = 1; i < 1000; i++) {
            const name = i === 1 ? base : `${base}${i}`;
            const existing = this.declarations.get(name);
            if (existing === undefined) {
                this.declarations.set(name, body);
                return name;
            }
            if (existing === body) return name;
        }
        return body;
    }

    private freeName(base: string): string {
        for (let i = 1; i < 1000; i++) {
            const name = i === 1 ? base : `${base}${i}`;
            if (!this.declarations.has(name)) return name;
        }
        throw new Error(`too many types named ${base}`);
    }
}

interface TreeNode {
    [key: string]: TreeNode | string;
}

/**
 * Builds {@link ApiMetadata} from the runtime value of an api spec (what `registerRoutes`
 * returned): the routes tree with metadata at its leaves.
 */
export function metadataFromApiSpec(spec: object): ApiMetadata {
    const routes: Record<string, RouteMetadata> = {};
    const hooks: Record<string, ProcedureMetadata> = {};
    const visit = (level: object, depth: number): void => {
        if (depth > 64) throw new Error('api spec nested deeper than 64 levels');
        for (const value of Object.values(level) as unknown[]) {
            if (typeof value !== 'object' || value === null) continue;
            const leaf = value as Partial<RouteMetadata>;
            if (typeof leaf.kind === 'string' && typeof leaf.id === 'string') {
                if (leaf.kind === 'route') routes[leaf.id] = value as RouteMetadata;
                else if (
                    leaf.kind === 'headerHook' ||
                    (leaf.kind === 'hook' && ((leaf.params?.length ?? 0) > 0 || leaf.returnsData === true))
                )
                    hooks[leaf.id] = value as ProcedureMetadata;
            } else visit(value, depth + 1);
        }
    };
    visit(spec, 0);
    let prefix = '';
    let suffix = '';
    const first = Object.values(routes)[0];
    if (first !== undefined) {
        const at = first.path.indexOf(`/${first.id}`);
        prefix = first.path.slice(1, Math.max(at, 1));
        suffix = first.path.slice(at + 1 + first.id.length);
    }
    return {version: 1, prefix, suffix, routes, hooks};
}

function paramsType(p: ProcedureMetadata, types: TypeWriter, optional: boolean[] | undefined): string {
    const n = p.params.length;
    const isOptional: boolean[] = new Array<boolean>(n).fill(false);
    // Optional params can only trail: walk back while they are.
    for (let i = n - 1; i >= 0; i--) {
        const type = p.params[i] as TypeNode;
        if (!(optional?.[i] === true || acceptsUndefined(type))) break;
        isOptional[i] = true;
    }
    const used = new Set<string>();
    const items = p.params.map((type, i) => {
        let name = p.paramNames[i] ?? '';
        if (!identifier.test(name) || used.has(name)) name = `p${i}`;
        used.add(name);
        return `${name}${isOptional[i] ? '?' : ''}: ${types.write(type)}`;
    });
    return `[${items.join(', ')}]`;
}

// A returned RpcError is sent as an error, not a value: drop it from the result type.
function withoutErrors(node: TypeNode): TypeNode {
    if (node.kind !== 'union') return node;
    const members = node.members.filter((m) => !(m.kind === 'object' && (m.name === 'RpcError' || m.name === 'Error')));
    return members.length === 1 ? (members[0] as TypeNode) : {kind: 'union', members};
}

// The metadata as a literal: one line per route and per hook.
function metadataSource(m: ApiMetadata): string {
    const record = (r: Record<string, unknown>): string =>
        Object.keys(r).length === 0
            ? '{}'
            : `{\n${Object.entries(r)
                  .map(([id, v]) => `        ${JSON.stringify(id)}: ${JSON.stringify(v)},`)
                  .join('\n')}\n    }`;
    return [
        '{',
        `    version: ${m.version},`,
        `    prefix: ${JSON.stringify(m.prefix)},`,
        `    suffix: ${JSON.stringify(m.suffix)},`,
        `    routes: ${record(m.routes)},`,
        `    hooks: ${record(m.hooks)},`,
        '}',
    ].join('\n');
}

/**
 * Writes the TypeScript source of a standalone typed client for an api: the types of every route
 * and hook (as declarations, not imports of server code), the metadata the client needs at run
 * time, and `createApiClient(options)`. The file imports only `@hookline/client`.
 *
 * @example
 * const source = generateClientSource(router.getMetadata(), {source: 'src/api.ts'});
 * writeFileSync('client/api.ts', source);
 */
export function generateClientSource(metadata: ApiMetadata, options: GenerateOptions = {}): string {
    const types = new TypeWriter();
    const tree: TreeNode = {};
    const put = (id: string, declaration: string, description: string | undefined): void => {
        if (description !== undefined) declaration = `/** ${description.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n${declaration}`;
        const keys = id.split('/');
        let level = tree;
        keys.slice(0, -1).forEach((k) => {
            const next = level[k];
            level = typeof next === 'object' ? next : (level[k] = {});
        });
        level[keys[keys.length - 1] as string] = declaration;
    };
    for (const [id, route] of Object.entries(metadata.routes)) {
        const result = route.returnsData ? types.write(withoutErrors(route.returns)) : 'void';
        // A typed route: every error declared on its path (an error a hook declares is repeated on each route of its path).
        const errors =
            route.errors === undefined
                ? ''
                : `, ${[...new Set(route.errors.map((e) => `ErrorType<${JSON.stringify(e.name)}, ${types.write(e.errorData)}, ${e.statusCode ?? 'number'}>`))].join(' | ')}`;
        const params = paramsType(route, types, options.optionalParams?.[id]);
        // A streaming route: its items, then its final value (`undefined` when it has none).
        const declaration =
            route.stream === undefined
                ? `RouteType<${params}, ${result}${errors}>`
                : `StreamRouteType<${params}, ${types.write(route.stream.item)}, ${types.write(withoutErrors(route.stream.result))}${errors}>`;
        put(id, declaration, route.description);
    }
    for (const [id, hook] of Object.entries(metadata.hooks)) {
        if (hook.params.length === 0) continue;
        const params = paramsType(hook, types, options.optionalParams?.[id]);
        put(id, hook.kind === 'headerHook' ? `HeaderHookType<${params}>` : `HookType<${params}>`, hook.description);
    }
    const writeTree = (level: TreeNode): string => {
        const lines = Object.entries(level).map(([k, v]) => {
            if (typeof v !== 'string') return `${key(k)}: ${writeTree(v)};`;
            const doc = v.startsWith('/**') ? v.slice(0, v.indexOf('\n') + 1) : '';
            return `${doc}${key(k)}: ${v.slice(doc.length)};`;
        });
        return `{\n    ${lines.map((l) => indent(l, '    ')).join('\n    ')}\n}`;
    };
    const declarations = [...types.declarations].map(([name, body]) => `export interface ${name} ${body}\n`);
    const clientModule = options.clientModule ?? '@hookline/client';
    const typed = Object.values(metadata.routes).some((r) => r.errors !== undefined);
    const streams = Object.values(metadata.routes).some((r) => r.stream !== undefined);
    return [
        `// Generated by \`hookline-client generate\`${options.source === undefined ? '' : ` from ${options.source}`}. Do not edit: generate it again.`,
        `// Types of the api's routes and hooks, and the metadata the client needs; no server code is imported.`,
        `import {createClient, type ApiMetadata, type Client, type ClientOptions, ${typed ? 'type ErrorType, ' : ''}type HeaderHookType, type HookType, type RouteType${streams ? ', type StreamRouteType' : ''}} from '${clientModule.replace(/['\\]/g, '\\$&')}';`,
        '',
        ...declarations,
        `/** The api's routes and hooks, typed as on the server: \`createClient<Api>(...)\`. */`,
        `export interface Api ${writeTree(tree)}`,
        '',
        `/** The api metadata: route and hook ids, header names, types (for Dates and validation). */`,
        `export const metadata: ApiMetadata = ${metadataSource(metadata)};`,
        '',
        `/** A client of the api, with the metadata embedded (no metadata request). */`,
        `export function createApiClient(options: Omit<ClientOptions, 'metadata'>): Client<Api> {`,
        `    return createClient<Api>({...options, metadata});`,
        `}`,
        '',
    ].join('\n');
}
