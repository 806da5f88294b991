import {describe, expect, it} from 'vitest';
import {ObjectTypeNode, PublicRpcError, RpcError, TypeNode} from '@hookline/core';
import {StartupError, StartupErrorCodes} from '../startup-error.js';
import {buildDeserializer} from './deserializer.js';
import {hasTypeMetadata, HandlerSignature, reflectHandler} from './reflect-handler.js';
import {ValidatorBuilder} from './validator.js';

type AnyFn = (...args: never[]) => unknown;

function sig(fn: unknown): HandlerSignature {
    return reflectHandler(fn as AnyFn, 'test/route');
}

/** The reflected types of the params after the context. */
function paramTypes(fn: unknown): TypeNode[] {
    return sig(fn)
        .params.slice(1)
        .map((p) => p.type);
}

function paramType(fn: unknown): TypeNode {
    const [t] = paramTypes(fn);
    if (t === undefined) throw new Error('no param');
    return t;
}

function startupError(fn: unknown): StartupError {
    try {
        sig(fn);
    } catch (e) {
        expect(e).toBeInstanceOf(StartupError);
        return e as StartupError;
    }
    throw new Error('expected reflectHandler to throw');
}

function jsonGuard(node: TypeNode): (v: unknown) => boolean {
    return new ValidatorBuilder(node, 'json').guard(node);
}

// ---- types used by the handlers below ----

enum Color {
    Red = 'red',
    Green = 'green',
}

enum Level {
    Low,
    High,
}

enum Single {
    Only = 'only',
}

interface Address {
    city: string;
    zip?: string;
}

interface User {
    id: number;
    name: string;
    address: Address;
    lastUpdate: Date;
    onChange: () => void;
    greet(): string;
}

type Point = {x: number; y: number};

class Account {
    id = 0;
    owner: string = '';
    createdAt: Date = new Date(0);
    nickname?: string;

    constructor(id: number) {
        this.id = id;
    }

    describe(): string {
        return `${this.id}`;
    }
}

interface Tree {
    value: number;
    children: Tree[];
}

// ---- handlers in every form ----

function declared(ctx: unknown, id: number): string {
    return String(id);
}

const objectWithMethod = {
    hook(ctx: unknown, x: string): string {
        return x;
    },
};

describe('handler forms', () => {
    const expected = [
        {name: 'ctx', optional: false, type: {kind: 'any'}},
        {name: 'id', optional: false, type: {kind: 'number'}},
    ];

    it('arrow function', () => {
        expect(sig((ctx: unknown, id: number): string => String(id))).toEqual({
            params: expected,
            returns: {kind: 'string'},
            returnsPromise: false,
        });
    });

    it('function declaration and function expression', () => {
        expect(sig(declared)).toEqual({params: expected, returns: {kind: 'string'}, returnsPromise: false});
        const expr = function (ctx: unknown, id: number): string {
            return String(id);
        };
        expect(sig(expr)).toEqual({params: expected, returns: {kind: 'string'}, returnsPromise: false});
    });

    it('object-literal method', () => {
        expect(sig(objectWithMethod.hook)).toEqual({
            params: [
                {name: 'ctx', optional: false, type: {kind: 'any'}},
                {name: 'x', optional: false, type: {kind: 'string'}},
            ],
            returns: {kind: 'string'},
            returnsPromise: false,
        });
    });

    it('async arrow and async function: Promise unwrapped', async () => {
        const arrow = async (ctx: unknown, id: number): Promise<string> => String(id);
        async function named(ctx: unknown, id: number): Promise<Point> {
            return {x: id, y: id};
        }
        expect(sig(arrow)).toEqual({params: expected, returns: {kind: 'string'}, returnsPromise: true});
        expect(sig(named).returns).toEqual({
            kind: 'object',
            name: 'Point',
            props: [
                {name: 'x', optional: false, type: {kind: 'number'}},
                {name: 'y', optional: false, type: {kind: 'number'}},
            ],
        });
        expect(sig(named).returnsPromise).toBe(true);
        expect(await named(undefined, 1)).toEqual({x: 1, y: 1});
    });

    it('non-async function returning a Promise', () => {
        const f = (ctx: unknown, id: number): Promise<string[]> => Promise.resolve([String(id)]);
        expect(sig(f).returns).toEqual({kind: 'array', items: {kind: 'string'}});
        expect(sig(f).returnsPromise).toBe(true);
    });

    it('the first param is the context, whatever its type', () => {
        const f = (ctx: Map<string, number>, id: number): number => id + ctx.size;
        expect(sig(f).params[0]).toEqual({name: 'ctx', optional: false, type: {kind: 'any'}});
        expect(sig((ctx: unknown): number => 1).params).toEqual([{name: 'ctx', optional: false, type: {kind: 'any'}}]);
    });
});

describe('return types', () => {
    it('void -> undefined, also inside a Promise', () => {
        expect(sig((ctx: unknown, a: string): void => void a)).toEqual({
            params: [
                {name: 'ctx', optional: false, type: {kind: 'any'}},
                {name: 'a', optional: false, type: {kind: 'string'}},
            ],
            returns: {kind: 'undefined'},
            returnsPromise: false,
        });
        const asyncVoid = async (ctx: unknown, a: string): Promise<void> => void a;
        expect(sig(asyncVoid).returns).toEqual({kind: 'undefined'});
        expect(sig(asyncVoid).returnsPromise).toBe(true);
    });

    it('T | undefined and Date | null', () => {
        expect(sig((ctx: unknown): string | undefined => undefined).returns).toEqual({
            kind: 'union',
            members: [{kind: 'string'}, {kind: 'undefined'}],
        });
        expect(sig((ctx: unknown): Date | null => null).returns).toEqual({kind: 'union', members: [{kind: 'date'}, {kind: 'null'}]});
    });

    it('a Promise inside a Promise or inside a type is refused', () => {
        const nested = async function (ctx: unknown): Promise<Promise<string>> {
            return 'x';
        };
        const e = startupError(nested);
        expect(e.code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        expect(e.message).toContain('"return"');
        const inner = (ctx: unknown): {p: Promise<number>} => ({p: Promise.resolve(1)});
        expect(startupError(inner).message).toContain('"return.p"');
    });
});

describe('params', () => {
    it('primitives and special types', () => {
        const f = (ctx: unknown, s: string, n: number, b: boolean, u: unknown, a: any, nul: null, und: undefined): never => {
            throw new Error('always');
        };
        expect(paramTypes(f)).toEqual([
            {kind: 'string'},
            {kind: 'number'},
            {kind: 'boolean'},
            {kind: 'unknown'},
            {kind: 'any'},
            {kind: 'null'},
            {kind: 'undefined'},
        ]);
        expect(sig(f).params.map((p) => p.name)).toEqual(['ctx', 's', 'n', 'b', 'u', 'a', 'nul', 'und']);
        expect(sig(f).returns).toEqual({kind: 'never'});
    });

    it('a param typed never is a startup error (what erased types reflect as)', () => {
        const f = (ctx: unknown, nev: never): string => 'x';
        expect(startupError(f).code).toBe('HL_NEVER_PARAM');
        expect(startupError(f).message).toContain('"nev"');
    });

    it("a type from a dependency's .d.ts (a plain import) is never, and the error says so, not only import type", () => {
        const f = (ctx: unknown, e: PublicRpcError): string => e.name;
        const error = startupError(f);
        expect(error.code).toBe('HL_NEVER_PARAM');
        expect(error.message).toContain('declared in a .d.ts file');
        expect(error.message).toContain('import type');
        expect(error.message).toContain('node_modules/@hookline/compiler/README.md');
    });

    it('template literal types are strings', () => {
        expect(paramType((ctx: unknown, id: `user-${number}`): string => id)).toEqual({kind: 'string'});
    });

    it('literals and unions of literals', () => {
        const f = (ctx: unknown, a: 'a', one: 1, t: true, mixed: 'x' | 2 | false): string => String(mixed);
        expect(paramTypes(f)).toEqual([
            {kind: 'literal', value: 'a'},
            {kind: 'literal', value: 1},
            {kind: 'literal', value: true},
            {
                kind: 'union',
                members: [
                    {kind: 'literal', value: 'x'},
                    {kind: 'literal', value: 2},
                    {kind: 'literal', value: false},
                ],
            },
        ]);
    });

    it('true | false is boolean', () => {
        expect(paramType((ctx: unknown, b: true | false): boolean => b)).toEqual({kind: 'boolean'});
        expect(paramType((ctx: unknown, b: boolean | null): boolean => b === true)).toEqual({
            kind: 'union',
            members: [{kind: 'boolean'}, {kind: 'null'}],
        });
    });

    it('string and number enums become unions of literals', () => {
        const f = (ctx: unknown, c: Color, l: Level, s: Single): string => `${c}${l}${s}`;
        expect(paramTypes(f)).toEqual([
            {
                kind: 'union',
                members: [
                    {kind: 'literal', value: 'red'},
                    {kind: 'literal', value: 'green'},
                ],
            },
            {
                kind: 'union',
                members: [
                    {kind: 'literal', value: 0},
                    {kind: 'literal', value: 1},
                ],
            },
            {kind: 'literal', value: 'only'},
        ]);
        expect(jsonGuard(paramTypes(f)[0] as TypeNode)('red')).toBe(true);
        expect(jsonGuard(paramTypes(f)[0] as TypeNode)('Red')).toBe(false);
    });

    it('optional params and params with defaults are optional', () => {
        const f = (ctx: unknown, req: string, opt?: boolean, def: number = 3, nullable?: string | null): string =>
            `${req}${opt}${def}${nullable}`;
        expect(sig(f).params.slice(1)).toEqual([
            {name: 'req', optional: false, type: {kind: 'string'}},
            {name: 'opt', optional: true, type: {kind: 'boolean'}},
            {name: 'def', optional: true, type: {kind: 'number'}},
            {name: 'nullable', optional: true, type: {kind: 'union', members: [{kind: 'string'}, {kind: 'null'}]}},
        ]);
    });

    it('T | null and T | undefined', () => {
        const f = (ctx: unknown, a: string | null, b: number | undefined): string => `${a}${b}`;
        expect(sig(f).params.slice(1)).toEqual([
            {name: 'a', optional: false, type: {kind: 'union', members: [{kind: 'string'}, {kind: 'null'}]}},
            {name: 'b', optional: false, type: {kind: 'union', members: [{kind: 'number'}, {kind: 'undefined'}]}},
        ]);
    });

    it('interfaces: nested objects, Date, optional props; function-typed props and methods skipped', () => {
        expect(paramType((ctx: unknown, u: User): number => u.id)).toEqual({
            kind: 'object',
            name: 'User',
            props: [
                {name: 'id', optional: false, type: {kind: 'number'}},
                {name: 'name', optional: false, type: {kind: 'string'}},
                {
                    name: 'address',
                    optional: false,
                    type: {
                        kind: 'object',
                        name: 'Address',
                        props: [
                            {name: 'city', optional: false, type: {kind: 'string'}},
                            {name: 'zip', optional: true, type: {kind: 'string'}},
                        ],
                    },
                },
                {name: 'lastUpdate', optional: false, type: {kind: 'date'}},
            ],
        });
    });

    it('type aliases and anonymous object types', () => {
        const f = (ctx: unknown, p: Point, anon: {a: string; nested: {b?: number[]}}): number => p.x + anon.a.length;
        expect(paramTypes(f)).toEqual([
            {
                kind: 'object',
                name: 'Point',
                props: [
                    {name: 'x', optional: false, type: {kind: 'number'}},
                    {name: 'y', optional: false, type: {kind: 'number'}},
                ],
            },
            {
                kind: 'object',
                props: [
                    {name: 'a', optional: false, type: {kind: 'string'}},
                    {
                        name: 'nested',
                        optional: false,
                        type: {kind: 'object', props: [{name: 'b', optional: true, type: {kind: 'array', items: {kind: 'number'}}}]},
                    },
                ],
            },
        ]);
    });

    it('classes: properties kept, constructor and methods skipped, Date is a date', () => {
        expect(paramType((ctx: unknown, a: Account): number => a.id)).toEqual({
            kind: 'object',
            name: 'Account',
            props: [
                {name: 'id', optional: false, type: {kind: 'number'}},
                {name: 'owner', optional: false, type: {kind: 'string'}},
                {name: 'createdAt', optional: false, type: {kind: 'date'}},
                {name: 'nickname', optional: true, type: {kind: 'string'}},
            ],
        });
        expect(paramType((ctx: unknown, d: Date): number => d.getTime())).toEqual({kind: 'date'});
    });

    it('intersections and mapped utility types resolve to one object', () => {
        const f = (ctx: unknown, both: {a: string} & {b: number}, partial: Partial<Point>): number => both.b + (partial.x ?? 0);
        const [both, partial] = paramTypes(f) as [ObjectTypeNode, ObjectTypeNode];
        expect(both.kind).toBe('object');
        expect(both.props).toEqual([
            {name: 'a', optional: false, type: {kind: 'string'}},
            {name: 'b', optional: false, type: {kind: 'number'}},
        ]);
        expect(partial.props).toEqual([
            {name: 'x', optional: true, type: {kind: 'number'}},
            {name: 'y', optional: true, type: {kind: 'number'}},
        ]);
    });

    it('arrays', () => {
        const f = (ctx: unknown, a: string[], b: Array<Date>, c: readonly number[], d: Point[][]): number =>
            a.length + b.length + c.length + d.length;
        const [a, b, c, d] = paramTypes(f);
        expect(a).toEqual({kind: 'array', items: {kind: 'string'}});
        expect(b).toEqual({kind: 'array', items: {kind: 'date'}});
        expect(c).toEqual({kind: 'array', items: {kind: 'number'}});
        expect(d).toMatchObject({kind: 'array', items: {kind: 'array', items: {kind: 'object', name: 'Point'}}});
    });

    it('ReadonlyArray<T> is an array (a JSON array must pass its guard)', () => {
        const node = paramType((ctx: unknown, r: ReadonlyArray<number>): number => r.length);
        expect(node).toEqual({kind: 'array', items: {kind: 'number'}});
        expect(jsonGuard(node)([1, 2])).toBe(true);
    });

    it('tuples: optional members, rest members, named members', () => {
        const f = (ctx: unknown, t: [string, number?], r: [Date, ...boolean[]], named: [id: number, label?: string]): number =>
            t.length + r.length + named.length;
        expect(paramTypes(f)).toEqual([
            {
                kind: 'tuple',
                items: [
                    {type: {kind: 'string'}, optional: false, rest: false},
                    {type: {kind: 'number'}, optional: true, rest: false},
                ],
            },
            {
                kind: 'tuple',
                items: [
                    {type: {kind: 'date'}, optional: false, rest: false},
                    {type: {kind: 'boolean'}, optional: false, rest: true},
                ],
            },
            {
                kind: 'tuple',
                items: [
                    {type: {kind: 'number'}, optional: false, rest: false},
                    {type: {kind: 'string'}, optional: true, rest: false},
                ],
            },
        ]);
    });

    it('a tuple with a rest member that is not last is refused at startup or validated correctly', () => {
        // TypeScript allows `[string, ...number[], boolean]`: the last item must be a boolean.
        const f = (ctx: unknown, t: [string, ...Date[], number]): number => t.length;
        let node: TypeNode;
        try {
            node = paramType(f);
        } catch (e) {
            expect((e as StartupError).code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
            return;
        }
        const guard = jsonGuard(node);
        expect(guard(['a', 1])).toBe(true);
        expect(guard(['a', '2024-01-01', '2024-01-02', 1])).toBe(true);
        expect(guard(['a', 1, '2024-01-01'])).toBe(false);
        const v = ['a', '2024-01-01', 5];
        buildDeserializer(node)?.(v);
        expect(v[2]).toBe(5);
    });

    it('index signatures', () => {
        const f = (ctx: unknown, r: Record<string, number>, mixed: {[key: string]: Date; fixed: Date}): number =>
            Object.keys(r).length + mixed.fixed.getTime();
        const [r, mixed] = paramTypes(f) as [ObjectTypeNode, ObjectTypeNode];
        expect(r.kind).toBe('object');
        expect(r.props).toEqual([]);
        expect(r.index).toEqual({kind: 'number'});
        expect(mixed.props).toEqual([{name: 'fixed', optional: false, type: {kind: 'date'}}]);
        expect(mixed.index).toEqual({kind: 'date'});
        expect(jsonGuard(r)({a: 1, b: 2})).toBe(true);
        expect(jsonGuard(r)({a: 'x'})).toBe(false);
    });

    it('the Object type accepts any object (it is not an empty object type)', () => {
        // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
        const node = paramType((ctx: unknown, o: Object): string => String(o));
        expect(jsonGuard(node)({a: 1})).toBe(true);
    });

    it('a recursive interface: an object with a refId and a ref back to it inside', () => {
        const node = paramType((ctx: unknown, t: Tree): number => t.value);
        expect(node).toMatchObject({kind: 'object', name: 'Tree'});
        // Find the object carrying the refId and check that a ref to it sits inside it.
        const targets: ObjectTypeNode[] = [];
        const refs: string[] = [];
        const walk = (n: TypeNode, depth: number): void => {
            expect(depth).toBeLessThan(20);
            if (n.kind === 'object') {
                if (n.refId !== undefined) targets.push(n);
                for (const p of n.props) walk(p.type, depth + 1);
            } else if (n.kind === 'array') walk(n.items, depth + 1);
            else if (n.kind === 'ref') refs.push(n.ref);
        };
        walk(node, 0);
        expect(targets).toHaveLength(1);
        const target = targets[0] as ObjectTypeNode;
        expect(target.name).toBe('Tree');
        expect(target.refId).toMatch(/^Tree#\d+$/);
        expect(target.props).toEqual([
            {name: 'value', optional: false, type: {kind: 'number'}},
            {name: 'children', optional: false, type: {kind: 'array', items: {kind: 'ref', ref: target.refId}}},
        ]);
        expect(refs).toEqual([target.refId]);
        // The result is plain JSON (it is sent to clients).
        expect(JSON.parse(JSON.stringify(node))).toEqual(node);
        // And it validates trees of any depth.
        const guard = jsonGuard(node);
        const deep = {value: 1, children: [{value: 2, children: [{value: 3, children: [{value: 4, children: []}]}]}]};
        expect(guard(deep)).toBe(true);
        deep.children[0]?.children[0]?.children.push({value: 'x', children: []} as never);
        expect(guard(deep)).toBe(false);
    });

    it('the same named type used twice is not mistaken for recursion', () => {
        const f = (ctx: unknown, pair: {a: Point; b: Point}): number => pair.a.x;
        const node = paramType(f) as ObjectTypeNode;
        expect(node.refId).toBeUndefined();
        expect(node.props.map((p) => p.type)).toEqual([
            expect.objectContaining({kind: 'object', name: 'Point'}),
            expect.objectContaining({kind: 'object', name: 'Point'}),
        ]);
        expect(JSON.stringify(node)).not.toContain('"ref"');
    });
});

describe('hasTypeMetadata', () => {
    it('is true for compiled functions only', () => {
        expect(hasTypeMetadata((ctx: unknown, a: string): string => a)).toBe(true);
        expect(hasTypeMetadata(declared)).toBe(true);
        expect(hasTypeMetadata(new Function('ctx', 'return 1'))).toBe(false);
        expect(hasTypeMetadata({__type: []})).toBe(false);
        expect(hasTypeMetadata(undefined)).toBe(false);
    });
});

describe('startup errors', () => {
    it('a function without type metadata: HL_MISSING_TYPE_METADATA, saying how to enable reflection', () => {
        const e = startupError(new Function('ctx', 'x', 'return x'));
        expect(e.code).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
        expect(e.code).toBe('HL_MISSING_TYPE_METADATA');
        expect(e.message).toContain('test/route');
        expect(e.message).toContain('reflection');
        expect(e.name).toBe('StartupError');
    });

    it('a compiled function whose metadata was stripped', () => {
        const f = (ctx: unknown, a: string): string => a;
        expect(hasTypeMetadata(f)).toBe(true);
        delete (f as {__type?: unknown}).__type;
        expect(hasTypeMetadata(f)).toBe(false);
        const e = startupError(f);
        expect(e.code).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
        expect(e.message).toContain('reflection');

        const g = (ctx: unknown, a: string): string => a;
        Object.defineProperty(g, '__type', {value: undefined});
        expect(startupError(g).code).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
    });

    it('metadata that is not a function type', () => {
        class NotAHandler {
            a = 1;
        }
        const e = startupError(NotAHandler);
        expect(e.code).toBe(StartupErrorCodes.MISSING_TYPE_METADATA);
        expect(e.message).toContain('not a function type');
    });

    it('rest params: HL_UNSUPPORTED_TYPE', () => {
        const e = startupError((ctx: unknown, ...ids: number[]): number => ids.length);
        expect(e.code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        expect(e.message).toContain('...ids');
        expect(e.message).toContain('test/route');
    });

    const unsupported: [string, unknown, string][] = [
        ['Map', (ctx: unknown, m: Map<string, number>): number => m.size, '"m"'],
        ['Set', (ctx: unknown, s: Set<string>): number => s.size, '"s"'],
        ['WeakMap', (ctx: unknown, w: WeakMap<object, number>): boolean => w.has({}), '"w"'],
        ['WeakSet', (ctx: unknown, w: WeakSet<object>): boolean => w.has({}), '"w"'],
        ['RegExp', (ctx: unknown, r: RegExp): boolean => r.test(''), '"r"'],
        ['Uint8Array', (ctx: unknown, u: Uint8Array): number => u.length, '"u"'],
        ['bigint', (ctx: unknown, big: bigint): string => String(big), '"big"'],
        ['bigint literal', (ctx: unknown, one: 1n): string => String(one), '"one"'],
        ['symbol', (ctx: unknown, sym: symbol): string => String(sym), '"sym"'],
        ['function', (ctx: unknown, cb: () => void): void => cb(), '"cb"'],
        ['Set in a nested prop', (ctx: unknown, o: {a: {tags: Set<string>}}): number => o.a.tags.size, '"o.a.tags"'],
        ['Map in an array', (ctx: unknown, list: Map<string, string>[]): number => list.length, '"list[]"'],
        ['bigint in a tuple', (ctx: unknown, t: [string, bigint]): number => t.length, '"t[1]"'],
        ['Map in an index signature', (ctx: unknown, r: Record<string, Map<string, string>>): number => Object.keys(r).length, '"r[key]"'],
        ['Map in a union', (ctx: unknown, u: string | Map<string, string>): string => String(u), '"u"'],
        ['Map as return', (ctx: unknown): Map<string, string> => new Map(), '"return"'],
        ['Set inside a returned Promise', async (ctx: unknown): Promise<{s: Set<number>}> => ({s: new Set()}), '"return.s"'],
    ];

    for (const [name, fn, path] of unsupported) {
        it(`${name}: HL_UNSUPPORTED_TYPE naming ${path}`, () => {
            const e = startupError(fn);
            expect(e.code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
            expect(e.message).toContain(path);
            expect(e.message).toContain('test/route');
            expect(e.message).toContain("can't travel as JSON");
        });
    }
});

describe('typed arrays and Buffer', () => {
    it.each(['Float64Array', 'Int32Array', 'Uint8Array'])('%s is refused', (name) => {
        const fns: Record<string, unknown> = {
            Float64Array: (ctx: unknown, v: Float64Array): number => v.length,
            Int32Array: (ctx: unknown, v: Int32Array): number => v.length,
            Uint8Array: (ctx: unknown, v: Uint8Array): number => v.length,
        };
        expect(startupError(fns[name]).code).toBe('HL_UNSUPPORTED_TYPE');
    });
});

describe('streaming handlers', () => {
    interface Line {
        text: string;
    }
    class Gone extends RpcError<'gone', {after: number}, 410> {}
    const line: TypeNode = {kind: 'object', name: 'Line', props: [{name: 'text', optional: false, type: {kind: 'string'}}]};

    it('an async generator: its item type and final value type (errors beside it declared)', () => {
        const s = sig(async function* (ctx: unknown, n: number): AsyncGenerator<Line, number | Gone> {
            yield {text: String(n)};
            return n;
        });
        expect(s.stream).toEqual({item: line, result: {kind: 'number'}});
        expect(s.returns).toEqual({kind: 'number'});
        expect(s.errors?.map((e) => e.name)).toEqual(['gone']);
    });

    it('AsyncIterable, AsyncIterableIterator, Promise<AsyncIterable>, and AsyncGenerator<T>: no final value', () => {
        const gen = async function* (): AsyncGenerator<Line> {
            yield {text: 'a'};
        };
        const none = {kind: 'undefined'};
        expect(sig((ctx: unknown): AsyncIterable<Line> => gen()).stream).toEqual({item: line, result: none});
        expect(sig((ctx: unknown): AsyncIterableIterator<Line> => gen()).stream).toEqual({item: line, result: none});
        expect(sig(async (ctx: unknown): Promise<AsyncIterable<Line>> => gen()).stream).toEqual({item: line, result: none});
        expect(sig(async (ctx: unknown): Promise<AsyncIterable<Line> | Gone> => gen()).errors?.map((e) => e.name)).toEqual(['gone']);
        expect(sig(async function* (ctx: unknown): AsyncGenerator<Line> {}).stream).toEqual({item: line, result: none});
    });

    it('refuses an async iterable beside values, nested in a value or as a param', () => {
        const gen = async function* (): AsyncGenerator<string> {};
        expect(startupError((ctx: unknown): AsyncIterable<string> | string => gen()).code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
        expect(startupError((ctx: unknown): {lines: AsyncGenerator<string>} => ({lines: gen()})).code).toBe(
            StartupErrorCodes.UNSUPPORTED_TYPE,
        );
        expect(startupError((ctx: unknown, lines: AsyncIterable<string>): void => undefined).code).toBe(StartupErrorCodes.UNSUPPORTED_TYPE);
    });
});
