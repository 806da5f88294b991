// fastify 5 with JSON schemas for body and response (Ajv validation, fast-json-stringify output).
import Fastify from 'fastify';
import {AddressInfo} from 'node:net';
import {addMonth, greet, helloValue, Order, Person, summarize, User} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

const userSchema = {
    type: 'object',
    properties: {
        id: {type: 'number'},
        name: {type: 'string'},
        surname: {type: 'string'},
        lastUpdate: {type: 'string', format: 'date-time'},
    },
    required: ['id', 'name', 'surname', 'lastUpdate'],
    additionalProperties: false,
} as const;
const personSchema = {
    type: 'object',
    properties: {name: {type: 'string'}, surname: {type: 'string'}},
    required: ['name', 'surname'],
    additionalProperties: false,
} as const;
const addressSchema = {
    type: 'object',
    properties: {street: {type: 'string'}, city: {type: 'string'}, zip: {type: 'string'}, country: {type: 'string'}},
    required: ['street', 'city', 'zip', 'country'],
} as const;
const itemSchema = {
    type: 'object',
    properties: {
        sku: {type: 'string'},
        name: {type: 'string'},
        quantity: {type: 'number'},
        unitPrice: {type: 'number'},
        tags: {type: 'array', items: {type: 'string'}},
    },
    required: ['sku', 'name', 'quantity', 'unitPrice', 'tags'],
} as const;
const orderSchema = {
    type: 'object',
    properties: {
        id: {type: 'number'},
        customer: {
            type: 'object',
            properties: {id: {type: 'number'}, name: {type: 'string'}, email: {type: 'string'}, address: addressSchema},
            required: ['id', 'name', 'email', 'address'],
        },
        items: {type: 'array', items: itemSchema},
        placedAt: {type: 'string', format: 'date-time'},
        notes: {type: 'string'},
    },
    required: ['id', 'customer', 'items', 'placedAt'],
} as const;
const summarySchema = {
    type: 'object',
    properties: {
        id: {type: 'number'},
        customerId: {type: 'number'},
        itemCount: {type: 'number'},
        total: {type: 'number'},
        placedAt: {type: 'string', format: 'date-time'},
        shipTo: addressSchema,
        items: {type: 'array', items: itemSchema},
    },
    required: ['id', 'customerId', 'itemCount', 'total', 'placedAt', 'shipTo', 'items'],
} as const;
const params = (schema: object) => ({type: 'array', items: [schema], minItems: 1, maxItems: 1});

/** Starts the fastify server. */
export async function start(port: number): Promise<BenchServer> {
    const app = Fastify({logger: false});
    const helloResponse = {response: {200: {type: 'object', properties: {hello: {type: 'object', properties: {hello: {type: 'string'}}}}}}};
    app.get('/hello', {schema: helloResponse}, async () => ({hello: helloValue}));
    app.post(
        '/greet',
        {
            schema: {
                body: {type: 'object', properties: {greet: params(personSchema)}, required: ['greet']},
                response: {200: {type: 'object', properties: {greet: {type: 'string'}}}},
            },
        },
        async (req) => {
            const [person] = (req.body as {greet: [Person]}).greet;
            return {greet: greet(person)};
        },
    );
    app.post(
        '/updateUser',
        {
            schema: {
                body: {type: 'object', properties: {updateUser: params(userSchema)}, required: ['updateUser']},
                response: {200: {type: 'object', properties: {updateUser: userSchema}}},
            },
        },
        async (req) => {
            const [user] = (req.body as {updateUser: [User & {lastUpdate: string}]}).updateUser;
            return {updateUser: addMonth({...user, lastUpdate: new Date(user.lastUpdate)})};
        },
    );
    app.post(
        '/placeOrder',
        {
            schema: {
                body: {type: 'object', properties: {placeOrder: params(orderSchema)}, required: ['placeOrder']},
                response: {200: {type: 'object', properties: {placeOrder: summarySchema}}},
            },
        },
        async (req) => {
            const [order] = (req.body as {placeOrder: [Order & {placedAt: string}]}).placeOrder;
            return {placeOrder: summarize({...order, placedAt: new Date(order.placedAt)})};
        },
    );
    await app.listen({port, host: '127.0.0.1'});
    return {port: (app.server.address() as AddressInfo).port, close: () => app.close()};
}

await runIfMain(import.meta.url, start);
