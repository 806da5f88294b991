import {describe, expect, it} from 'vitest';
import {CallContext, createRouter, headersHook, hook, Routes, RpcError} from '@hookline/router';
import {apiSnapshot, compareApis, formatChanges} from './index.js';
import {exampleRouter} from './test-support/example-api.js';

class NotFound extends RpcError<'not-found', {id: number}, 404> {}
class Gone extends RpcError<'gone', undefined, 410> {}
interface Filter {
    name: string;
}
interface FilterV2 {
    name: string;
    limit?: number;
}
interface Item {
    id: number;
}
interface ItemV2 {
    id: number;
    label: string;
}

const api = (routes: Routes) => {
    const router = createRouter();
    router.registerRoutes(routes);
    return router;
};
const kinds = (before: Routes, after: Routes) => compareApis(api(before), api(after)).map((c) => `${c.breaking ? '!' : '+'} ${c.kind}`);

const get = (ctx: CallContext, id: number): string => `${id}`;

describe('compareApis: what breaks clients', () => {
    it('a route removed', () => {
        expect(kinds({get, other: get}, {get})).toEqual(['! route-removed']);
    });
    it('a param added', () => {
        expect(kinds({get}, {get: (ctx: CallContext, id: number, lang: string): string => lang})).toEqual(['! param-added']);
    });
    it('a param made required', () => {
        expect(kinds({get: (ctx: CallContext, id?: number): string => ''}, {get})).toEqual(['! param-made-required']);
    });
    it("a param's type narrowed", () => {
        expect(kinds({get: (ctx: CallContext, id: number | string): string => ''}, {get})).toEqual(['! param-narrowed']);
        expect(kinds({get: (ctx: CallContext, f: FilterV2): string => ''}, {get: (ctx: CallContext, f: Filter): string => ''})).toEqual([
            '! param-narrowed',
        ]);
        expect(kinds({get: (ctx: CallContext, id: number): string => ''}, {get: (ctx: CallContext, id: string): string => ''})).toEqual([
            '! param-changed',
        ]);
    });
    it('a param removed', () => {
        expect(kinds({get}, {get: (ctx: CallContext): string => ''})).toEqual(['! param-removed', '+ get-added']);
    });
    it('a return type widened', () => {
        expect(kinds({get}, {get: (ctx: CallContext, id: number): string | null => null})).toEqual(['! return-widened']);
        expect(kinds({get: (ctx: CallContext, id: number): 'a' | 'b' => 'a'}, {get})).toEqual(['! return-widened']);
    });
    it('a declared error added, on the route or on a hook of its path', () => {
        expect(kinds({get}, {get: (ctx: CallContext, id: number): string | NotFound => ''})).toEqual(['! error-added']);
        const auth = headersHook('authorization', (ctx: CallContext, token: string): void | Gone => undefined);
        const before = {auth: headersHook('authorization', (ctx: CallContext, token: string): void => undefined), get};
        const changes = compareApis(api(before), api({auth, get}));
        expect(changes).toEqual([
            {kind: 'error-added', breaking: true, routeId: 'get', message: 'route get: error "gone" declared (by auth)'},
        ]);
    });
    it("a route that starts or stops streaming, its items' type widened", () => {
        const stream = async function* (ctx: CallContext, id: number): AsyncGenerator<Item, string> {
            yield {id};
            return '';
        };
        const wider = async function* (ctx: CallContext, id: number): AsyncGenerator<Item | null, string> {
            yield null;
            return '';
        };
        expect(kinds({get}, {get: stream})).toEqual(['! return-changed']);
        expect(kinds({get: stream}, {get})).toEqual(['! return-changed']);
        expect(kinds({get: stream}, {get: wider})).toEqual(['! return-widened']);
        expect(kinds({get: wider}, {get: stream})).toEqual(['+ return-narrowed']);
    });
    it('a hook that needs params added to the path, or the route moved', () => {
        const tenant = hook((ctx: CallContext, tenant: string): void => undefined);
        expect(kinds({get}, {tenant, get})).toEqual(['! hook-added']);
        const moved = createRouter({prefix: 'v2'});
        moved.registerRoutes({get});
        expect(compareApis(api({get}), moved).map((c) => c.message)).toEqual(['route get moved from /get to /v2/get']);
    });
});

describe('compareApis: what does not break clients', () => {
    it('an optional param added', () => {
        expect(kinds({get}, {get: (ctx: CallContext, id: number, lang?: string): string => ''})).toEqual(['+ param-added']);
    });
    it('a new route', () => {
        expect(kinds({get}, {get, other: get})).toEqual(['+ route-added']);
    });
    it('a param widened', () => {
        expect(kinds({get}, {get: (ctx: CallContext, id: number | string): string => ''})).toEqual(['+ param-widened']);
        expect(kinds({get: (ctx: CallContext, f: Filter): string => ''}, {get: (ctx: CallContext, f: FilterV2): string => ''})).toEqual([
            '+ param-widened',
        ]);
    });
    it('a return type narrowed, or a property added to it', () => {
        expect(kinds({get: (ctx: CallContext, id: number): string | null => null}, {get})).toEqual(['+ return-narrowed']);
        expect(kinds({get: (ctx: CallContext): Item => ({id: 1})}, {get: (ctx: CallContext): ItemV2 => ({id: 1, label: ''})})).toEqual([
            '+ return-narrowed',
        ]);
    });
    it('a declared error removed, a param made optional', () => {
        expect(kinds({get: (ctx: CallContext, id: number): string | NotFound => ''}, {get})).toEqual(['+ error-removed']);
        expect(kinds({get}, {get: (ctx: CallContext, id?: number): string => ''})).toEqual(['+ param-made-optional']);
    });
    it('nothing: the same API', () => {
        expect(compareApis(exampleRouter(), exampleRouter())).toEqual([]);
        // A snapshot written as JSON and read back compares the same as the router.
        expect(compareApis(JSON.parse(JSON.stringify(apiSnapshot(exampleRouter()))), exampleRouter())).toEqual([]);
    });
});

describe('formatChanges', () => {
    it('lists breaking changes first, then the others, then the count', () => {
        const changes = compareApis(
            api({get, old: get}),
            api({get: (ctx: CallContext, id: number, lang?: string): string => '', added: get}),
        );
        expect(formatChanges(changes)).toBe(
            [
                'BREAKING  route old removed',
                'ok        route get: param 2 "lang" added (optional): string',
                'ok        route added added',
                '1 breaking change, 2 others.',
            ].join('\n'),
        );
        expect(formatChanges([])).toBe('No changes for clients.');
    });
});
