import {acceptsUndefined, collectRefTargets, ObjectTypeNode, TypeNode} from '@hookline/core';

/**
 * Whether every JSON value of type `source` is also a value of type `target`: what a sender of
 * `source` can count on a receiver of `target` to take. `exact` objects take no property they don't
 * declare (params: the router refuses unknown properties); otherwise extra properties are fine
 * (results: a client reads the properties it knows). Structural: names don't matter; recursive
 * types are followed once (a pair already being compared is taken as compatible).
 */
export function isAssignable(source: TypeNode, target: TypeNode, exact: boolean): boolean {
    return new Compat(collectRefTargets(source), collectRefTargets(target), exact).check(source, target);
}

class Compat {
    private readonly assumed = new Set<string>();

    constructor(
        private readonly sourceRefs: Map<string, ObjectTypeNode>,
        private readonly targetRefs: Map<string, ObjectTypeNode>,
        private readonly exact: boolean,
    ) {}

    check(source: TypeNode, target: TypeNode): boolean {
        if (source.kind === 'ref') return this.deref(source.ref, this.sourceRefs, (s) => this.check(s, target));
        if (target.kind === 'ref') return this.deref(target.ref, this.targetRefs, (t) => this.check(source, t));
        if (target.kind === 'any' || target.kind === 'unknown' || source.kind === 'never') return true;
        if (source.kind === 'union') return source.members.every((m) => this.check(m, target));
        if (target.kind === 'union') return target.members.some((m) => this.check(source, m));
        switch (source.kind) {
            case 'any':
            case 'unknown':
                return false;
            case 'undefined':
                return acceptsUndefined(target);
            case 'literal':
                return (target.kind === 'literal' && target.value === source.value) || target.kind === typeof source.value;
            case 'date':
                // A Date travels as an ISO string: any string takes it.
                return target.kind === 'date' || target.kind === 'string';
            case 'array':
                return target.kind === 'array' && this.check(source.items, target.items);
            case 'tuple':
                if (target.kind === 'array') return source.items.every((m) => this.check(m.type, target.items));
                if (target.kind !== 'tuple') return false;
                return this.tuple(source.items, target.items);
            case 'object':
                return target.kind === 'object' && this.object(source, target);
            default:
                return source.kind === target.kind;
        }
    }

    private tuple(
        source: {type: TypeNode; optional: boolean; rest: boolean}[],
        target: {type: TypeNode; optional: boolean; rest: boolean}[],
    ): boolean {
        const targetRest = target.find((m) => m.rest);
        const targetFixed = target.filter((m) => !m.rest);
        for (let i = 0; i < source.length; i++) {
            const s = source[i] as {type: TypeNode; optional: boolean; rest: boolean};
            const t = s.rest ? targetRest : (targetFixed[i] ?? targetRest);
            if (t === undefined || !this.check(s.type, t.type)) return false;
            if (!s.rest && !t.rest && !t.optional && s.optional) return false;
        }
        return targetFixed.slice(source.filter((m) => !m.rest).length).every((t) => t.optional || acceptsUndefined(t.type));
    }

    private object(source: ObjectTypeNode, target: ObjectTypeNode): boolean {
        const key = `${JSON.stringify(source)}\u0000${JSON.stringify(target)}`;
        if (this.assumed.has(key)) return true;
        this.assumed.add(key);
        const sourceProps = new Map(source.props.map((p) => [p.name, p]));
        for (const t of target.props) {
            const s = sourceProps.get(t.name);
            const targetOptional = t.optional || acceptsUndefined(t.type);
            if (s === undefined) {
                // An index signature may still carry it; without one it is never sent.
                if (!targetOptional) return false;
                if (source.index !== undefined && !this.check(source.index, t.type)) return false;
                continue;
            }
            if (!targetOptional && (s.optional || acceptsUndefined(s.type))) return false;
            if (!this.check(s.type, t.type)) return false;
        }
        const declared = new Set(target.props.map((p) => p.name));
        for (const s of source.props) {
            if (declared.has(s.name)) continue;
            if (target.index !== undefined) {
                if (!this.check(s.type, target.index)) return false;
            } else if (this.exact) return false;
        }
        if (source.index !== undefined && (target.index === undefined ? this.exact : !this.check(source.index, target.index))) return false;
        return true;
    }

    private deref(ref: string, refs: Map<string, ObjectTypeNode>, then: (node: TypeNode) => boolean): boolean {
        const node = refs.get(ref);
        return node === undefined ? true : then(node);
    }
}
