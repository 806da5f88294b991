// TypeNode builders for tests of the runtime-types layer (hand-written types, no reflection).
import {ObjectTypeNode, PropertyNode, TupleMemberNode, TypeNode} from '@hookline/core';

export const str: TypeNode = {kind: 'string'};
export const num: TypeNode = {kind: 'number'};
export const bool: TypeNode = {kind: 'boolean'};
export const nul: TypeNode = {kind: 'null'};
export const undef: TypeNode = {kind: 'undefined'};
export const date: TypeNode = {kind: 'date'};
export const anyT: TypeNode = {kind: 'any'};
export const unknownT: TypeNode = {kind: 'unknown'};
export const neverT: TypeNode = {kind: 'never'};
export const lit = (value: string | number | boolean): TypeNode => ({kind: 'literal', value});
export const arr = (items: TypeNode): TypeNode => ({kind: 'array', items});
export const union = (...members: TypeNode[]): TypeNode => ({kind: 'union', members});
export const prop = (name: string, type: TypeNode, optional = false): PropertyNode => ({name, type, optional});
export const obj = (props: PropertyNode[], extra: Partial<ObjectTypeNode> = {}): ObjectTypeNode => ({kind: 'object', props, ...extra});
export const item = (type: TypeNode, opts: {optional?: boolean; rest?: boolean} = {}): TupleMemberNode => ({
    type,
    optional: opts.optional ?? false,
    rest: opts.rest ?? false,
});
export const tuple = (...items: TupleMemberNode[]): TypeNode => ({kind: 'tuple', items});
export const ref = (id: string): TypeNode => ({kind: 'ref', ref: id});
