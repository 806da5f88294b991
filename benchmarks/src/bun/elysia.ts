// Elysia on Bun, with its own schemas as its users write them (`t`, TypeBox: body and response
// schemas per route; `t.Date()` turns the ISO string into a Date), started with app.listen().
import {Elysia, t} from 'elysia';
import {addMonth, greet, helloValue, summarize} from '../scenarios.js';
import {portArgument} from './bun-api.js';

const Person = t.Object({name: t.String(), surname: t.String()});
const User = t.Object({id: t.Number(), name: t.String(), surname: t.String(), lastUpdate: t.Date()});
const Address = t.Object({street: t.String(), city: t.String(), zip: t.String(), country: t.String()});
const OrderItem = t.Object({sku: t.String(), name: t.String(), quantity: t.Number(), unitPrice: t.Number(), tags: t.Array(t.String())});
const Order = t.Object({
    id: t.Number(),
    customer: t.Object({id: t.Number(), name: t.String(), email: t.String(), address: Address}),
    items: t.Array(OrderItem),
    placedAt: t.Date(),
    notes: t.Optional(t.String()),
});
const OrderSummary = t.Object({
    id: t.Number(),
    customerId: t.Number(),
    itemCount: t.Number(),
    total: t.Number(),
    placedAt: t.Date(),
    shipTo: Address,
    items: t.Array(OrderItem),
});

new Elysia()
    .get('/hello', () => ({hello: helloValue}), {response: t.Object({hello: t.Object({hello: t.String()})})})
    .post('/greet', ({body}) => ({greet: greet(body.greet[0])}), {
        body: t.Object({greet: t.Tuple([Person])}),
        response: t.Object({greet: t.String()}),
    })
    .post('/updateUser', ({body}) => ({updateUser: addMonth(body.updateUser[0])}), {
        body: t.Object({updateUser: t.Tuple([User])}),
        response: t.Object({updateUser: User}),
    })
    .post('/placeOrder', ({body}) => ({placeOrder: summarize(body.placeOrder[0])}), {
        body: t.Object({placeOrder: t.Tuple([Order])}),
        response: t.Object({placeOrder: OrderSummary}),
    })
    .listen({hostname: '127.0.0.1', port: portArgument()}, (server) => console.log(`listening ${server.port}`));
