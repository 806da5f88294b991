// Type tests: checked by `npm run typecheck` (the root tsconfig), never run. A wrong argument is a
// compile error: each `@ts-expect-error` below fails the type check if the error goes away.
import {expectTypeOf} from 'vitest';
import {ExampleApi} from '../../../examples/node-server/src/api.js';
import {ActivitySummary, Pet, PetEvent, User} from '../../../examples/node-server/src/store.js';
import {
    CallError,
    CallOptions,
    CallResult,
    CallStream,
    createClient,
    DeclaredCallError,
    HeaderHookType,
    HookType,
    RouteType,
    RouterCallError,
    TypedCallError,
} from './index.js';
import {Event, Folder, Shape, TestApi} from './test-support/test-api.js';

declare const signal: AbortSignal;

// The example API's declared errors: the auth hook's (on every route under `api`) and getUser's.
type InvalidTokenError = DeclaredCallError<'invalid-token', undefined, 401>;
type UserNotFoundError = DeclaredCallError<'user-not-found', {id: number}, 404>;

export function exampleApiTypes(): void {
    const client = createClient<ExampleApi>({baseURL: 'http://127.0.0.1:3000'});

    // Params and results come from the handlers.
    expectTypeOf(client.health).parameters.toEqualTypeOf<[]>();
    expectTypeOf(client.health()).resolves.toEqualTypeOf<CallResult<{ok: boolean; time: Date; pid: number}>>();
    expectTypeOf(client.api.users.getUser).parameters.toEqualTypeOf<[id: number]>();
    expectTypeOf(client.api.users.getUser(1)).resolves.toEqualTypeOf<
        CallResult<User, TypedCallError<InvalidTokenError | UserNotFoundError>>
    >();
    expectTypeOf(client.api.pets.list()).resolves.toEqualTypeOf<CallResult<Pet[], TypedCallError<InvalidTokenError>>>();
    expectTypeOf(client.api.pets.ageInDays).parameters.toEqualTypeOf<[petId: number, at: Date]>();
    expectTypeOf(client.api.broken()).resolves.toEqualTypeOf<CallResult<string, TypedCallError<InvalidTokenError>>>();

    // A streaming route: a CallStream of its items, its final value and declared errors in `result`.
    type PetNotFoundError = DeclaredCallError<'pet-not-found', {petId: number}, 404>;
    expectTypeOf(client.api.pets.activity).parameters.toEqualTypeOf<[petId: number, count: number]>();
    expectTypeOf(client.api.pets.activity(1, 3)).toEqualTypeOf<
        CallStream<PetEvent, ActivitySummary, TypedCallError<InvalidTokenError | PetNotFoundError>>
    >();
    expectTypeOf(client.api.pets.activity(1, 3)).toMatchTypeOf<AsyncIterable<PetEvent>>();
    expectTypeOf(client.api.pets.activity(1, 3).result).resolves.toEqualTypeOf<
        CallResult<ActivitySummary, TypedCallError<InvalidTokenError | PetNotFoundError>>
    >();
    expectTypeOf(client.api.pets.activity.$with({signal})).returns.toEqualTypeOf<
        CallStream<PetEvent, ActivitySummary, TypedCallError<InvalidTokenError | PetNotFoundError>>
    >();
    // Not a promise: it can't be batched (`$batch` takes promises).
    // @ts-expect-error a stream is not a promise
    void client.$batch(() => [client.api.pets.activity(1, 3)]);

    // The header hook takes its header's value; hooks without params (the logger) are not in the tree.
    expectTypeOf(client.api.auth.$set).parameters.toEqualTypeOf<[token: string]>();
    expectTypeOf(client.api.auth.$get()).toEqualTypeOf<[token: string] | undefined>();
    expectTypeOf(client.api.users.getUser.$id).toEqualTypeOf<string>();
    expectTypeOf(client).not.toHaveProperty('logger');

    // Per-call hook values: only the hooks on the route's path, by id.
    expectTypeOf<Parameters<typeof client.api.users.me.$with>[0]>().toEqualTypeOf<CallOptions<{'api/auth': [token: string]}>>();
    expectTypeOf<Parameters<typeof client.health.$with>[0]>().toEqualTypeOf<CallOptions<Record<never, never>>>();
    void client.api.users.me.$with({hooks: {'api/auth': ['Bearer x']}, signal, timeoutMs: 100, headers: {'x-a': 'b'}})();

    // @ts-expect-error a string is not a number
    void client.api.users.getUser('1');
    // @ts-expect-error a param is missing
    void client.api.users.getUser();
    // @ts-expect-error one param too many
    void client.api.users.getUser(1, 2);
    // @ts-expect-error a Date param takes a Date, not its ISO string
    void client.api.pets.ageInDays(1, '2025-01-01');
    // @ts-expect-error species is a union of literals
    void client.api.pets.add({name: 'Rex', species: 'fish'});
    // @ts-expect-error no such route
    void client.api.users.deleteUser(1);
    // @ts-expect-error the header hook's value is a string
    client.api.auth.$set(42);
    // @ts-expect-error a hook that is not on the route's path
    void client.health.$with({hooks: {'api/auth': ['Bearer x']}})();
    // @ts-expect-error a hook value of the wrong type
    void client.api.users.me.$with({hooks: {'api/auth': [1]}})();
    // @ts-expect-error raw hooks and hooks without params have nothing to set
    client.logger.$set();
    // @ts-expect-error Function's own methods are not available on routes: a child of the tree has that name
    void client.api.users.getUser.bind(null, 1);
}

export async function resultNarrowing(): Promise<void> {
    const client = createClient<ExampleApi>({baseURL: 'http://127.0.0.1:3000'});
    const user = await client.api.users.getUser(1);
    if (user.ok) expectTypeOf(user.value.createdAt).toEqualTypeOf<Date>();
    else if (user.error.name === 'user-not-found') expectTypeOf(user.error.errorData).toEqualTypeOf<{id: number}>();
    // health has no error declared on its path: its errors are the untyped CallError.
    const res = await client.health();
    if (res.ok) {
        expectTypeOf(res.value).toEqualTypeOf<{ok: boolean; time: Date; pid: number}>();
        expectTypeOf(res.value.time).toEqualTypeOf<Date>();
        expectTypeOf(res.error).toEqualTypeOf<undefined>();
        return;
    }
    expectTypeOf(res.error).toEqualTypeOf<CallError>();
    expectTypeOf(res.value).toEqualTypeOf<undefined>();
    // @ts-expect-error a network error has no statusCode: narrow on kind first
    void res.error.statusCode;
    const e = res.error;
    switch (e.kind) {
        case 'router':
            expectTypeOf(e).toEqualTypeOf<RouterCallError>();
            if (e.name === 'validation-failed') {
                expectTypeOf(e.statusCode).toEqualTypeOf<400>();
                expectTypeOf(e.errorData.errors[0]?.path).toEqualTypeOf<string | undefined>();
            } else if (e.name === 'invalid-header') {
                expectTypeOf(e.errorData).toEqualTypeOf<{header: string}>();
            } else if (e.name === 'route-not-found') {
                expectTypeOf(e.statusCode).toEqualTypeOf<404>();
            } else if (e.name === 'unexpected-error') {
                expectTypeOf(e.statusCode).toEqualTypeOf<500>();
                // @ts-expect-error not a router code
                if (e.name === 'RpcError') return;
            }
            break;
        case 'rpc':
            expectTypeOf(e.name).toEqualTypeOf<string>();
            expectTypeOf(e.statusCode).toEqualTypeOf<number>();
            expectTypeOf(e.errorData).toEqualTypeOf<unknown>();
            expectTypeOf(e.procedureId).toEqualTypeOf<string>();
            break;
        case 'network':
            expectTypeOf(e.cause).toEqualTypeOf<unknown>();
            break;
        case 'timeout':
            expectTypeOf(e.timeoutMs).toEqualTypeOf<number>();
            break;
        case 'aborted':
            expectTypeOf(e.reason).toEqualTypeOf<unknown>();
            break;
        case 'invalid-response':
            expectTypeOf(e.status).toEqualTypeOf<number>();
            break;
        default:
            expectTypeOf(e).toEqualTypeOf<never>();
    }
}

export function testApiTypes(): void {
    const client = createClient<TestApi>({baseURL: 'http://127.0.0.1:3000/v1'});
    // Hooks with body params, optional params, hooks nested under a key.
    expectTypeOf(client.tenant.$set).parameters.toEqualTypeOf<[tenant: string]>();
    expectTypeOf(client.locale.$set).parameters.toEqualTypeOf<[locale?: string | undefined]>();
    expectTypeOf(client.reports.audit.$set).parameters.toEqualTypeOf<[reason: string, level?: number | undefined]>();
    expectTypeOf(client.reports.monthly).parameters.toEqualTypeOf<[month: number, from?: Date | undefined]>();
    expectTypeOf<Parameters<typeof client.reports.monthly.$with>[0]>().toEqualTypeOf<
        CallOptions<{
            tenant: [tenant: string];
            locale: [locale?: string | undefined];
            'reports/audit': [reason: string, level?: number | undefined];
            'reports/version': [version: number];
        }>
    >();
    expectTypeOf<Parameters<typeof client.whoami.$with>[0]>().toEqualTypeOf<
        CallOptions<{tenant: [tenant: string]; locale: [locale?: string | undefined]}>
    >();
    // Results: Dates, recursion, unions; `void`; a returned RpcError is an error, not a value.
    expectTypeOf(client.dates.event).parameters.toEqualTypeOf<[event: Event]>();
    expectTypeOf(client.dates.folder()).resolves.toEqualTypeOf<CallResult<Folder>>();
    expectTypeOf(client.dates.shapes()).resolves.toEqualTypeOf<CallResult<Shape[]>>();
    expectTypeOf(client.dates.maybe(true)).resolves.toEqualTypeOf<CallResult<string | Date>>();
    expectTypeOf(client.nothing('x')).resolves.toEqualTypeOf<CallResult<void>>();
    expectTypeOf(client.returnsError()).resolves.toEqualTypeOf<CallResult<number>>();
    // @ts-expect-error the reports hooks are not on whoami's path
    void client.whoami.$with({hooks: {'reports/audit': ['x']}})();
    // @ts-expect-error level is a number
    client.reports.audit.$set('x', '1');
}

// The declarations a generated client file uses give the same tree as `typeof apiSpec`.
interface DeclaredApi {
    auth: HeaderHookType<[token: string]>;
    track: HookType<[visitor: string, campaign?: string]>;
    users: {
        get: RouteType<[id: number], {id: number; seen: Date}>;
        list: RouteType<[], {id: number}[]>;
        $reserved: RouteType<[], string>;
    };
}

export function declaredApiTypes(): void {
    const client = createClient<DeclaredApi>({baseURL: 'http://127.0.0.1:3000'});
    expectTypeOf(client.users.get(1)).resolves.toEqualTypeOf<CallResult<{id: number; seen: Date}>>();
    expectTypeOf(client.track.$set).parameters.toEqualTypeOf<[visitor: string, campaign?: string]>();
    expectTypeOf<Parameters<typeof client.users.list.$with>[0]>().toEqualTypeOf<
        CallOptions<{auth: [token: string]; track: [visitor: string, campaign?: string]}>
    >();
    // `get` is a route here, not a store method: the client's own members start with `$`.
    expectTypeOf(client.users.get).parameters.toEqualTypeOf<[id: number]>();
    // @ts-expect-error keys starting with `$` are reserved by the client
    void client.users.$reserved();
    expectTypeOf(client.$metadata).returns.resolves.toMatchTypeOf<CallResult<unknown>>();
}
