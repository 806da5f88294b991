// Hand-written checks for the servers without schema validation (raw node:http, hono, express):
// what a careful developer writes by hand, used as the baseline.
import {Order, OrderItem, Person, User} from './scenarios.js';

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function isDate(v: unknown): v is string {
    return typeof v === 'string' && isoDate.test(v) && !Number.isNaN(Date.parse(v));
}

/** The single param of `{"updateUser": [user]}`, with `lastUpdate` as a Date, or undefined when invalid. */
export function parseUpdateUser(body: unknown): User | undefined {
    const params = (body as {updateUser?: unknown} | null)?.updateUser;
    if (!Array.isArray(params) || params.length !== 1) return undefined;
    const u = params[0] as Record<string, unknown> | null;
    if (typeof u !== 'object' || u === null) return undefined;
    if (typeof u.id !== 'number' || typeof u.name !== 'string' || typeof u.surname !== 'string' || !isDate(u.lastUpdate)) return undefined;
    return {id: u.id, name: u.name, surname: u.surname, lastUpdate: new Date(u.lastUpdate)};
}

function isItem(v: unknown): v is OrderItem {
    const i = v as Record<string, unknown> | null;
    return (
        typeof i === 'object' &&
        i !== null &&
        typeof i.sku === 'string' &&
        typeof i.name === 'string' &&
        typeof i.quantity === 'number' &&
        typeof i.unitPrice === 'number' &&
        Array.isArray(i.tags) &&
        i.tags.every((t) => typeof t === 'string')
    );
}

/** The single param of `{"placeOrder": [order]}`, with `placedAt` as a Date, or undefined when invalid. */
export function parseOrder(body: unknown): Order | undefined {
    const params = (body as {placeOrder?: unknown} | null)?.placeOrder;
    if (!Array.isArray(params) || params.length !== 1) return undefined;
    const o = params[0] as Record<string, unknown> | null;
    if (
        typeof o !== 'object' ||
        o === null ||
        typeof o.id !== 'number' ||
        !isDate(o.placedAt) ||
        !Array.isArray(o.items) ||
        !o.items.every(isItem)
    )
        return undefined;
    if (o.notes !== undefined && typeof o.notes !== 'string') return undefined;
    const c = o.customer as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || typeof c.id !== 'number' || typeof c.name !== 'string' || typeof c.email !== 'string')
        return undefined;
    const a = c.address as Record<string, unknown> | null;
    if (
        typeof a !== 'object' ||
        a === null ||
        typeof a.street !== 'string' ||
        typeof a.city !== 'string' ||
        typeof a.zip !== 'string' ||
        typeof a.country !== 'string'
    )
        return undefined;
    return {...(o as unknown as Order), placedAt: new Date(o.placedAt)};
}

/** The single param of `{"greet": [person]}`, or undefined when invalid. */
export function parseGreet(body: unknown): Person | undefined {
    const params = (body as {greet?: unknown} | null)?.greet;
    if (!Array.isArray(params) || params.length !== 1) return undefined;
    const p = params[0] as Record<string, unknown> | null;
    if (typeof p !== 'object' || p === null || typeof p.name !== 'string' || typeof p.surname !== 'string') return undefined;
    return {name: p.name, surname: p.surname};
}
