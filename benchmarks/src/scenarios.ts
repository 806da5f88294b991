// The benchmark scenarios, shared by every server and by the in-process benchmark.
import {CallContext, Routes} from '@hookline/router';

/** The update-user payload (the fastify/benchmarks lineage). */
export interface User {
    id: number;
    name: string;
    surname: string;
    lastUpdate: Date;
}

/** Adds one month to a user's lastUpdate: the work of the update-user scenario. */
export function addMonth(user: User): User {
    const lastUpdate = new Date(user.lastUpdate);
    lastUpdate.setUTCMonth(lastUpdate.getUTCMonth() + 1);
    return {id: user.id, name: user.name, surname: user.surname, lastUpdate};
}

/** A line of an order (the heavier, nested scenario). */
export interface OrderItem {
    sku: string;
    name: string;
    quantity: number;
    unitPrice: number;
    tags: string[];
}

/** A postal address. */
export interface Address {
    street: string;
    city: string;
    zip: string;
    country: string;
}

/** The place-order payload: ~1 kB of nested JSON. */
export interface Order {
    id: number;
    customer: {id: number; name: string; email: string; address: Address};
    items: OrderItem[];
    placedAt: Date;
    notes?: string;
}

/** What place-order answers. */
export interface OrderSummary {
    id: number;
    customerId: number;
    itemCount: number;
    total: number;
    placedAt: Date;
    shipTo: Address;
    items: OrderItem[];
}

/** The work of the place-order scenario. */
export function summarize(order: Order): OrderSummary {
    let total = 0;
    let itemCount = 0;
    for (const item of order.items) {
        total += item.quantity * item.unitPrice;
        itemCount += item.quantity;
    }
    return {
        id: order.id,
        customerId: order.customer.id,
        itemCount,
        total: Math.round(total * 100) / 100,
        placedAt: order.placedAt,
        shipTo: order.customer.address,
        items: order.items,
    };
}

/** The light-call payload: one small object, a string back (where a router's own overhead shows most). */
export interface Person {
    name: string;
    surname: string;
}

/** The work of the light scenario. */
export function greet(person: Person): string {
    return `hello ${person.name} ${person.surname}`;
}

/** The hello response value. */
export const helloValue = {hello: 'world'};

/** Hookline routes of the scenarios. */
export const routes = {
    hello: (ctx: CallContext): {hello: string} => helloValue,
    updateUser: (ctx: CallContext, user: User): User => addMonth(user),
    placeOrder: (ctx: CallContext, order: Order): OrderSummary => summarize(order),
    greet: (ctx: CallContext, person: Person): string => greet(person),
} satisfies Routes;

/** A request body of update-user; `id` varies so nothing can be cached. */
export function updateUserBody(id: number): string {
    return JSON.stringify({updateUser: [{id, name: 'Ada', surname: 'Lovelace', lastUpdate: '2024-01-31T10:00:00.000Z'}]});
}

/** A request body of the light scenario; `id` is part of the name, so nothing can be cached. */
export function greetBody(id: number): string {
    return JSON.stringify({greet: [{name: `Ada${id}`, surname: 'Lovelace'}]});
}

/** A request body of place-order (~1 kB); `id` varies. */
export function placeOrderBody(id: number): string {
    return JSON.stringify({placeOrder: [sampleOrder(id)]});
}

/** The order sent by place-order, as JSON (dates as ISO strings). */
export function sampleOrder(id: number): Record<string, unknown> {
    const item = (n: number): OrderItem => ({
        sku: `SKU-${1000 + n}`,
        name: `Item number ${n}`,
        quantity: n + 1,
        unitPrice: 9.99 + n,
        tags: ['blue', 'large', `batch-${n}`],
    });
    return {
        id,
        customer: {
            id: 42,
            name: 'Ada Lovelace',
            email: 'ada@example.test',
            address: {street: '12 Analytical Row', city: 'London', zip: 'NW1 6XE', country: 'GB'},
        },
        items: [item(0), item(1), item(2), item(3), item(4)],
        placedAt: '2024-01-31T10:00:00.000Z',
        notes: 'Leave the parcel with the neighbour if nobody is home, please.',
    };
}

/** The exact response body every server must send for each scenario (checked before any load). */
export function expectedResponse(scenario: ScenarioName, id: number): string {
    if (scenario === 'hello') return JSON.stringify({hello: helloValue});
    if (scenario === 'light') return JSON.stringify({greet: greet({name: `Ada${id}`, surname: 'Lovelace'})});
    if (scenario === 'update-user') {
        return JSON.stringify({
            updateUser: addMonth({id, name: 'Ada', surname: 'Lovelace', lastUpdate: new Date('2024-01-31T10:00:00.000Z')}),
        });
    }
    const order = sampleOrder(id) as unknown as Order;
    return JSON.stringify({placeOrder: summarize({...order, placedAt: new Date(order.placedAt)})});
}

/** The scenarios. */
export type ScenarioName = 'hello' | 'light' | 'update-user' | 'place-order';

/** Every scenario, in run order. */
export const scenarioNames: ScenarioName[] = ['hello', 'light', 'update-user', 'place-order'];

/** Method, path and body of one request of a scenario. */
export function scenarioRequest(scenario: ScenarioName, id: number): {method: 'GET' | 'POST'; path: string; body: string | undefined} {
    if (scenario === 'hello') return {method: 'GET', path: '/hello', body: undefined};
    if (scenario === 'light') return {method: 'POST', path: '/greet', body: greetBody(id)};
    if (scenario === 'update-user') return {method: 'POST', path: '/updateUser', body: updateUserBody(id)};
    return {method: 'POST', path: '/placeOrder', body: placeOrderBody(id)};
}
