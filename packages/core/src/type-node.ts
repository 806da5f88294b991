/**
 * Hookline's own description of a TypeScript type, as far as a JSON API needs it. The router
 * builds it from the handlers' reflected types at startup, compiles validators and serializers
 * from it, and sends it to clients in the metadata (it is plain JSON).
 */
export type TypeNode =
    | {kind: 'any'}
    | {kind: 'unknown'}
    | {kind: 'never'}
    | {kind: 'string'}
    | {kind: 'number'}
    | {kind: 'boolean'}
    | {kind: 'null'}
    | {kind: 'undefined'}
    | {kind: 'literal'; value: string | number | boolean}
    | {kind: 'date'}
    | ObjectTypeNode
    | {kind: 'array'; items: TypeNode}
    | {kind: 'tuple'; items: TupleMemberNode[]}
    | {kind: 'union'; members: TypeNode[]}
    | {kind: 'ref'; ref: string};

/** An object type: its properties, and the value type of an index signature if it has one. */
export interface ObjectTypeNode {
    kind: 'object';
    /** Type name, when the type was named (interface, class, alias). */
    name?: string;
    /** Set when the type is recursive: `{kind: 'ref', ref}` nodes inside point back here. */
    refId?: string;
    props: PropertyNode[];
    /** Value type of `[key: string]: T`. */
    index?: TypeNode;
}

/** A property of an {@link ObjectTypeNode}. */
export interface PropertyNode {
    name: string;
    optional: boolean;
    type: TypeNode;
}

/** A member of a tuple type. */
export interface TupleMemberNode {
    type: TypeNode;
    optional: boolean;
    rest: boolean;
}

/** Short human-readable form of a type, for error messages (`'string'`, `'Date'`, `'User'`, `'number[]'`). */
export function typeNodeToString(node: TypeNode): string {
    switch (node.kind) {
        case 'literal':
            return JSON.stringify(node.value);
        case 'date':
            return 'Date';
        case 'object':
            return (
                node.name ??
                (node.index !== undefined && node.props.length === 0 ? `Record<string, ${typeNodeToString(node.index)}>` : 'object')
            );
        case 'array':
            return `${grouped(node.items)}[]`;
        case 'tuple':
            return `[${node.items.map((m) => (m.rest ? `...${grouped(m.type)}[]` : m.optional ? `${grouped(m.type)}?` : typeNodeToString(m.type))).join(', ')}]`;
        case 'union':
            return node.members.map(typeNodeToString).join(' | ');
        case 'ref':
            return node.ref.replace(/#\d+$/, '');
        default:
            return node.kind;
    }
}

/** A type as an operand of `[]` or `?`: a union goes in parentheses. */
function grouped(node: TypeNode): string {
    return node.kind === 'union' ? `(${typeNodeToString(node)})` : typeNodeToString(node);
}
