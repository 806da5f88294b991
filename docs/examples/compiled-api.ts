// The routes in a module of their own, with no side effects: `hookline build` loads it to compile
// their types, and the server imports it.
import {CallContext, Routes} from '@hookline/router';

export interface Greeting {
    text: string;
    at: Date;
}

export const routes = {
    greet: (ctx: CallContext, name: string, at: Date): Greeting => ({text: `hello ${name}`, at}),
} satisfies Routes;
