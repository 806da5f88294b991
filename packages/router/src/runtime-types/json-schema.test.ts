import {describe, expect, it} from 'vitest';
import {toJsonSchema} from './json-schema.js';
import {str, num, bool, nul, undef, date, lit, arr, union, prop, obj, item, tuple, ref} from '../test-support/type-nodes.js';

describe('toJsonSchema: leaves', () => {
    it('any, unknown, never and undefined are unconstrained', () => {
        for (const kind of ['any', 'unknown', 'never', 'undefined'] as const) expect(toJsonSchema({kind})).toEqual({});
    });

    it('primitives', () => {
        expect(toJsonSchema(str)).toEqual({type: 'string'});
        expect(toJsonSchema(num)).toEqual({type: 'number'});
        expect(toJsonSchema(bool)).toEqual({type: 'boolean'});
        expect(toJsonSchema(nul)).toEqual({type: 'null'});
    });

    it('literals are a one-value enum of their type', () => {
        expect(toJsonSchema(lit('a'))).toEqual({type: 'string', enum: ['a']});
        expect(toJsonSchema(lit(3))).toEqual({type: 'number', enum: [3]});
        expect(toJsonSchema(lit(false))).toEqual({type: 'boolean', enum: [false]});
    });

    it('Date is a date-time string', () => {
        expect(toJsonSchema(date)).toEqual({type: 'string', format: 'date-time'});
    });
});

describe('toJsonSchema: arrays and tuples', () => {
    it('arrays', () => {
        expect(toJsonSchema(arr(num))).toEqual({type: 'array', items: {type: 'number'}});
        expect(toJsonSchema(arr(arr(date)))).toEqual({type: 'array', items: {type: 'array', items: {type: 'string', format: 'date-time'}}});
    });

    it('fixed tuples: minItems, maxItems and no additional items', () => {
        expect(toJsonSchema(tuple(item(str), item(num)))).toEqual({
            type: 'array',
            items: [{type: 'string'}, {type: 'number'}],
            minItems: 2,
            maxItems: 2,
            additionalItems: false,
        });
    });

    it('optional members lower minItems only', () => {
        expect(toJsonSchema(tuple(item(str), item(num, {optional: true}), item(bool, {optional: true})))).toEqual({
            type: 'array',
            items: [{type: 'string'}, {type: 'number'}, {type: 'boolean'}],
            minItems: 1,
            maxItems: 3,
            additionalItems: false,
        });
    });

    it('a rest member becomes additionalItems, without maxItems', () => {
        expect(toJsonSchema(tuple(item(str), item(date, {rest: true})))).toEqual({
            type: 'array',
            items: [{type: 'string'}],
            minItems: 1,
            additionalItems: {type: 'string', format: 'date-time'},
        });
    });
});

describe('toJsonSchema: unions', () => {
    it('T | null of a primitive is a type array', () => {
        expect(toJsonSchema(union(str, nul))).toEqual({type: ['string', 'null']});
        expect(toJsonSchema(union(num, nul))).toEqual({type: ['number', 'null']});
    });

    it('unions of primitives are type arrays without duplicates', () => {
        expect(toJsonSchema(union(str, num, bool))).toEqual({type: ['string', 'number', 'boolean']});
    });

    it('undefined members are dropped', () => {
        expect(toJsonSchema(union(str, undef))).toEqual({type: 'string'});
        expect(toJsonSchema(union(str, undef, nul))).toEqual({type: ['string', 'null']});
        expect(toJsonSchema(union(date, undef))).toEqual({type: 'string', format: 'date-time'});
    });

    it('literal unions are enums', () => {
        expect(toJsonSchema(union(lit('a'), lit('b'), lit('c')))).toEqual({type: ['string'], enum: ['a', 'b', 'c']});
        expect(toJsonSchema(union(lit('a'), lit(1), lit(true)))).toEqual({type: ['string', 'number', 'boolean'], enum: ['a', 1, true]});
        expect(toJsonSchema(union(lit(0), lit(1), undef))).toEqual({type: ['number'], enum: [0, 1]});
    });

    it('other unions are anyOf', () => {
        expect(toJsonSchema(union(date, nul))).toEqual({anyOf: [{type: 'string', format: 'date-time'}, {type: 'null'}]});
        expect(toJsonSchema(union(lit('auto'), num))).toEqual({anyOf: [{type: 'string', enum: ['auto']}, {type: 'number'}]});
        expect(toJsonSchema(union(arr(str), str))).toEqual({anyOf: [{type: 'array', items: {type: 'string'}}, {type: 'string'}]});
        const a = obj([prop('a', num)]);
        const b = obj([prop('b', str)]);
        expect(toJsonSchema(union(a, b, nul))).toEqual({
            anyOf: [
                {type: 'object', properties: {a: {type: 'number'}}, required: ['a']},
                {type: 'object', properties: {b: {type: 'string'}}, required: ['b']},
                {type: 'null'},
            ],
        });
    });
});

describe('toJsonSchema: objects', () => {
    it('required props, optional props and `T | undefined` props; no additional properties', () => {
        const node = obj([prop('id', num), prop('nick', str, true), prop('note', union(str, undef)), prop('u', undef), prop('at', date)], {
            name: 'User',
        });
        expect(toJsonSchema(node)).toEqual({
            type: 'object',
            properties: {
                id: {type: 'number'},
                nick: {type: 'string'},
                note: {type: 'string'},
                u: {},
                at: {type: 'string', format: 'date-time'},
            },
            required: ['id', 'at'],
        });
    });

    it('no `required` when every prop is optional', () => {
        expect(toJsonSchema(obj([prop('a', num, true)]))).toEqual({
            type: 'object',
            properties: {a: {type: 'number'}},
        });
        expect(toJsonSchema(obj([]))).toEqual({type: 'object', properties: {}});
    });

    it('an index signature becomes the additionalProperties schema', () => {
        expect(toJsonSchema(obj([], {index: num, name: 'Record'}))).toEqual({
            type: 'object',
            properties: {},
            additionalProperties: {type: 'number'},
        });
        expect(toJsonSchema(obj([prop('fixed', date)], {index: union(date, nul)}))).toEqual({
            type: 'object',
            properties: {fixed: {type: 'string', format: 'date-time'}},
            required: ['fixed'],
            additionalProperties: {anyOf: [{type: 'string', format: 'date-time'}, {type: 'null'}]},
        });
    });

    it('nested objects', () => {
        expect(toJsonSchema(obj([prop('inner', obj([prop('x', num)]))]))).toEqual({
            type: 'object',
            properties: {inner: {type: 'object', properties: {x: {type: 'number'}}, required: ['x']}},
            required: ['inner'],
        });
    });

    it('props named like Object.prototype members are plain properties', () => {
        const schema = toJsonSchema(obj([prop('constructor', str), prop('toString', num, true)]));
        expect(schema).toEqual({
            type: 'object',
            properties: {constructor: {type: 'string'}, toString: {type: 'number'}},
            required: ['constructor'],
        });
    });
});

describe('toJsonSchema: recursive types', () => {
    const tree = obj([prop('value', num), prop('children', arr(ref('Tree#1')))], {name: 'Tree', refId: 'Tree#1'});
    const treeDefinition = {
        type: 'object',
        properties: {value: {type: 'number'}, children: {type: 'array', items: {$ref: '#/definitions/Tree_1'}}},
        required: ['value', 'children'],
    };

    it('a recursive root is a $ref into definitions', () => {
        expect(toJsonSchema(tree)).toEqual({$ref: '#/definitions/Tree_1', definitions: {Tree_1: treeDefinition}});
    });

    it('definitions live at the root when the recursive type is nested', () => {
        const wrapper = obj([prop('tree', tree), prop('forest', arr(ref('Tree#1'))), prop('maybe', union(tree, nul))]);
        expect(toJsonSchema(wrapper)).toEqual({
            type: 'object',
            properties: {
                tree: {$ref: '#/definitions/Tree_1'},
                forest: {type: 'array', items: {$ref: '#/definitions/Tree_1'}},
                maybe: {anyOf: [{$ref: '#/definitions/Tree_1'}, {type: 'null'}]},
            },
            required: ['tree', 'forest', 'maybe'],
            definitions: {Tree_1: treeDefinition},
        });
    });

    it('mutually recursive types get one definition each', () => {
        const b = obj([prop('a', ref('A#1'), true)], {name: 'B', refId: 'B#2'});
        const a = obj([prop('b', b, true)], {name: 'A', refId: 'A#1'});
        expect(toJsonSchema(a)).toEqual({
            $ref: '#/definitions/A_1',
            definitions: {
                A_1: {type: 'object', properties: {b: {$ref: '#/definitions/B_2'}}},
                B_2: {type: 'object', properties: {a: {$ref: '#/definitions/A_1'}}},
            },
        });
    });

    it('no definitions without recursion', () => {
        expect(toJsonSchema(obj([prop('a', num)]))).not.toHaveProperty('definitions');
    });

    it('the output is plain JSON', () => {
        const schema = toJsonSchema(obj([prop('t', tree), prop('at', union(date, nul))]));
        expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    });
});
