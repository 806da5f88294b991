import {acceptsUndefined, collectRefTargets, ObjectTypeNode, TypeNode} from '@hookline/core';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = {[key: string]: unknown};

const primitiveKinds = new Set(['string', 'number', 'boolean', 'null']);
const componentName = /^[A-Za-z0-9._-]+$/;

/** A component name OpenAPI accepts (`^[a-zA-Z0-9.\-_]+$`) for a type or error name. */
export function safeComponentName(name: string): string {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
    return componentName.test(safe) ? safe : 'Type';
}

/**
 * Writes {@link TypeNode}s as JSON Schema 2020-12 into one document's `components/schemas`: a
 * named object type (interface, class, alias) is written once, as a component, and referenced
 * with `$ref` wherever it is used (recursive types too); two different types with one name get
 * `Name` and `Name2`. Unlike the router's serializer schemas (draft 7, one self-contained schema
 * per return type), these are for readers and generators: exact, shared and named.
 */
export class SchemaWriter {
    /** The components written so far, by name. */
    readonly components: Record<string, JsonSchema> = {};
    private readonly byKey = new Map<string, string>();
    private readonly taken = new Set<string>();

    /** Reserves a component name (for schemas written by hand, e.g. the router's errors). */
    reserve(name: string, schema: JsonSchema): string {
        const unique = this.uniqueName(name);
        this.components[unique] = schema;
        return unique;
    }

    /** The schema of a type; named object types inside it become components. */
    schema(root: TypeNode): JsonSchema {
        return this.convert(root, collectRefTargets(root));
    }

    private convert(node: TypeNode, refs: Map<string, ObjectTypeNode>): JsonSchema {
        switch (node.kind) {
            case 'any':
            case 'unknown':
            case 'undefined':
                return {};
            case 'never':
                return {not: {}};
            case 'string':
            case 'number':
            case 'boolean':
            case 'null':
                return {type: node.kind};
            case 'literal':
                return {type: typeof node.value, const: node.value};
            case 'date':
                return {type: 'string', format: 'date-time'};
            case 'array':
                return {type: 'array', items: this.convert(node.items, refs)};
            case 'tuple':
                return this.tuple(node.items, refs);
            case 'union':
                return this.union(node.members, refs);
            case 'object':
                return node.refId !== undefined || isNamed(node) ? this.component(node, refs) : this.object(node, refs);
            case 'ref': {
                const target = refs.get(node.ref);
                return target === undefined ? {} : this.component(target, refs);
            }
        }
    }

    /**
     * A tuple in the shape the protocol's params take: `prefixItems`, `minItems` the count that must
     * be sent, and `items: false` (no more) unless the tuple has a rest member.
     */
    tuple(items: {type: TypeNode; optional: boolean; rest: boolean}[], refs?: Map<string, ObjectTypeNode>, titles?: string[]): JsonSchema {
        const targets = refs ?? new Map<string, ObjectTypeNode>();
        if (refs === undefined) for (const m of items) collectRefTargets(m.type, targets);
        const fixed = items.filter((m) => !m.rest);
        const rest = items.find((m) => m.rest);
        let min = 0;
        fixed.forEach((m, i) => {
            if (!m.optional && !acceptsUndefined(m.type)) min = i + 1;
        });
        const prefixItems = fixed.map((m, i) => {
            const s = this.convert(m.type, targets);
            const title = titles?.[i];
            return title === undefined ? s : s.$ref !== undefined ? {$ref: s.$ref, title} : {title, ...s};
        });
        const schema: JsonSchema = {type: 'array'};
        if (prefixItems.length > 0) schema.prefixItems = prefixItems;
        schema.minItems = min;
        if (rest === undefined) {
            schema.maxItems = fixed.length;
            schema.items = false;
        } else schema.items = this.convert(rest.type, targets);
        return schema;
    }

    private union(all: TypeNode[], refs: Map<string, ObjectTypeNode>): JsonSchema {
        // `undefined` is absence in JSON: an optional property or param says it, not the schema.
        const members = all.filter((m) => m.kind !== 'undefined');
        if (members.length === 0) return {};
        if (members.length === 1) return this.convert(members[0] as TypeNode, refs);
        if (members.every((m) => primitiveKinds.has(m.kind))) return {type: oneOrMany(members.map((m) => m.kind))};
        if (members.every((m) => m.kind === 'literal' || m.kind === 'null')) {
            const values = members.map((m) => (m.kind === 'literal' ? m.value : null));
            return {type: oneOrMany(values.map((v) => (v === null ? 'null' : typeof v))), enum: values};
        }
        return {anyOf: members.map((m) => this.convert(m, refs))};
    }

    private object(node: ObjectTypeNode, refs: Map<string, ObjectTypeNode>): JsonSchema {
        const properties: Record<string, JsonSchema> = {};
        const required: string[] = [];
        for (const p of node.props) {
            properties[p.name] = this.convert(p.type, refs);
            // The router's rule: `x?`, `T | undefined`, `unknown` and `any` may be absent.
            if (!p.optional && !acceptsUndefined(p.type)) required.push(p.name);
        }
        const schema: JsonSchema = {type: 'object'};
        if (node.props.length > 0) schema.properties = properties;
        if (required.length > 0) schema.required = required;
        // Exact both ways: params with unknown properties are refused, and results are written
        // with their declared properties only.
        schema.additionalProperties = node.index === undefined ? false : this.convert(node.index, refs);
        return schema;
    }

    private component(node: ObjectTypeNode, refs: Map<string, ObjectTypeNode>): JsonSchema {
        if (node.name === 'object' && node.props.length === 0) return {type: 'object'};
        const key = canonicalKey(node);
        let name = this.byKey.get(key);
        if (name === undefined) {
            name = this.uniqueName(safeComponentName(node.name ?? node.refId?.replace(/#\d+$/, '') ?? 'Type'));
            this.byKey.set(key, name);
            // Registered before its body is written: a recursive reference finds it.
            this.components[name] = {};
            this.components[name] = this.object(node, refs);
        }
        return {$ref: `#/components/schemas/${name}`};
    }

    private uniqueName(base: string): string {
        let name = base;
        for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
        this.taken.add(name);
        return name;
    }
}

/** A JSON Schema `type`: one name, or the distinct names. */
function oneOrMany(types: string[]): string | string[] {
    const distinct = [...new Set(types)];
    return distinct.length === 1 ? (distinct[0] as string) : distinct;
}

function isNamed(node: ObjectTypeNode): boolean {
    return node.name !== undefined && node.name !== '__type' && node.name !== 'object';
}

/**
 * One key per structure: nested named types stand as their names (deepkit reflects a recursive
 * type's first level apart from the recursion), and the recursion ids each handler's reflection
 * numbers on its own are left out.
 */
function canonicalKey(root: ObjectTypeNode): string {
    return JSON.stringify(root, (k, v: unknown) => {
        if (k === 'refId') return undefined;
        const n = v as TypeNode | null;
        if (typeof n !== 'object' || n === null || n === root) return v;
        if (n.kind === 'ref') return {kind: 'ref', ref: n.ref.replace(/#\d+$/, '')};
        if (n.kind === 'object' && (n.refId !== undefined || isNamed(n)))
            return {kind: 'ref', ref: n.name ?? n.refId?.replace(/#\d+$/, '')};
        return v;
    });
}
