// Type tests of batching: checked by `npm run typecheck` (the root tsconfig), never run. `$batch`
// resolves to the tuple of its calls' results, each typed as the call alone (its value and its
// declared errors); each `@ts-expect-error` fails the type check if the error goes away.
import {expectTypeOf} from 'vitest';
import {ExampleApi} from '../../../examples/node-server/src/api.js';
import {Pet, User} from '../../../examples/node-server/src/store.js';
import {BatchOptions, BatchResults, CallResult, ClientOptions, createClient, DeclaredCallError, TypedCallError} from './index.js';

type InvalidTokenError = DeclaredCallError<'invalid-token', undefined, 401>;
type UserNotFoundError = DeclaredCallError<'user-not-found', {id: number}, 404>;

export async function batchTypes(): Promise<void> {
    const client = createClient<ExampleApi>({baseURL: 'http://127.0.0.1:3000', batch: {maxCalls: 10, maxWaitMs: 0}});

    // A tuple, in the callback's order, each member the call's own CallResult.
    const results = await client.$batch(() => [client.api.users.getUser(1), client.api.pets.list(), client.health()]);
    expectTypeOf(results).toEqualTypeOf<
        [
            CallResult<User, TypedCallError<InvalidTokenError | UserNotFoundError>>,
            CallResult<Pet[], TypedCallError<InvalidTokenError>>,
            CallResult<{ok: boolean; time: Date; pid: number}>,
        ]
    >();
    const [user, pets] = results;
    if (user.ok) expectTypeOf(user.value.createdAt).toEqualTypeOf<Date>();
    // Each result narrows on its own declared errors.
    if (!user.ok && user.error.name === 'user-not-found') expectTypeOf(user.error.errorData).toEqualTypeOf<{id: number}>();
    // @ts-expect-error pets.list declares no user-not-found
    if (!pets.ok && pets.error.name === 'user-not-found') void pets;

    // Per-call options keep their types inside a batch.
    const [me] = await client.$batch(() => [client.api.users.me.$with({timeoutMs: 100, headers: {'x-a': 'b'}})()]);
    expectTypeOf(me).toEqualTypeOf<CallResult<User, TypedCallError<InvalidTokenError>>>();

    // A mapped array of calls resolves to an array of their results.
    const many = await client.$batch(() => [1, 2, 3].map((id) => client.api.users.getUser(id)));
    expectTypeOf(many).toEqualTypeOf<CallResult<User, TypedCallError<InvalidTokenError | UserNotFoundError>>[]>();

    // @ts-expect-error the callback returns the calls' promises, not a single one
    void client.$batch(() => client.health());
    // @ts-expect-error $batch is on the client's root only
    void client.api.$batch;

    expectTypeOf<BatchResults<[Promise<number>, Promise<string>]>>().toEqualTypeOf<[number, string]>();
    expectTypeOf<ClientOptions['batch']>().toEqualTypeOf<BatchOptions | undefined>();
    // @ts-expect-error maxCalls is a number
    createClient<ExampleApi>({baseURL: '', batch: {maxCalls: '10'}});
}
