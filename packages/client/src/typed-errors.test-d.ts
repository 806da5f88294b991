// Type tests of typed errors: checked by `npm run typecheck` (the root tsconfig), never run. Each
// `@ts-expect-error` fails the type check if the error it marks goes away.
import {expectTypeOf} from 'vitest';
import {
    CallError,
    CallResult,
    ClientCallError,
    createClient,
    DeclaredCallError,
    ErrorType,
    GenericRpcCallError,
    RouteType,
    RouterCallError,
    TypedCallError,
} from './index.js';
import {Account, TypedErrorsApi} from './test-support/typed-errors-api.js';

type SessionExpiredError = DeclaredCallError<'session-expired', {expiredAt: Date}, 401>;
type AccountNotFoundError = DeclaredCallError<'account-not-found', {id: number; closedAt: Date}, 404>;
type OverdrawnError = DeclaredCallError<'overdrawn', {missing: number}, number>;

export async function typedErrors(): Promise<void> {
    const client = createClient<TypedErrorsApi>({baseURL: 'http://127.0.0.1:3000'});

    // Exactly the errors declared on the path: the route's, and the hooks' beside and above it.
    expectTypeOf(client.accounts.get(1)).resolves.toEqualTypeOf<
        CallResult<Account, TypedCallError<AccountNotFoundError | SessionExpiredError>>
    >();
    expectTypeOf(client.accounts.list(false)).resolves.toEqualTypeOf<CallResult<Account[], TypedCallError<SessionExpiredError>>>();
    expectTypeOf(client.accounts.transfers.send(1)).resolves.toEqualTypeOf<
        CallResult<{sent: number}, TypedCallError<OverdrawnError | SessionExpiredError>>
    >();
    // Nothing declared on its path: the untyped errors, as before.
    expectTypeOf(client.open.ping(false)).resolves.toEqualTypeOf<CallResult<string, CallError>>();
    expectTypeOf(client.accounts.get.$with({})(1)).resolves.toEqualTypeOf<
        CallResult<Account, TypedCallError<AccountNotFoundError | SessionExpiredError>>
    >();

    // Narrowing on name types errorData; a misspelled name is a compile error.
    const r = await client.accounts.get(2);
    if (!r.ok && r.error.name === 'account-not-found') {
        expectTypeOf(r.error.errorData.id).toEqualTypeOf<number>();
        expectTypeOf(r.error.errorData.closedAt).toEqualTypeOf<Date>();
        expectTypeOf(r.error.statusCode).toEqualTypeOf<404>();
    }
    if (!r.ok && r.error.name === 'session-expired') expectTypeOf(r.error.errorData.expiredAt).toEqualTypeOf<Date>();
    if (!r.ok && r.error.name === 'validation-failed') expectTypeOf(r.error.kind).toEqualTypeOf<'router'>();
    if (!r.ok && r.error.name === 'RpcError') expectTypeOf(r.error).toEqualTypeOf<GenericRpcCallError>();
    if (!r.ok && r.error.name === 'timeout') expectTypeOf(r.error.timeoutMs).toEqualTypeOf<number>();
    // @ts-expect-error no such error on this route
    if (!r.ok && r.error.name === 'acount-not-found') void r;
    // @ts-expect-error an error declared on another route's path
    if (!r.ok && r.error.name === 'overdrawn') void r;
    if (!r.ok && r.error.name === 'account-not-found') {
        // @ts-expect-error errorData has no such property
        void r.error.errorData.owner;
    }
    // A switch over name is exhaustive over the union.
    if (!r.ok) {
        const e = r.error;
        switch (e.name) {
            case 'account-not-found':
            case 'session-expired':
            case 'RpcError':
                break;
            default:
                expectTypeOf(e).toEqualTypeOf<RouterCallError | ClientCallError>();
        }
    }

    // A generated client declares the same with ErrorType.
    type Generated = {
        accounts: {
            get: RouteType<
                [id: number],
                Account,
                ErrorType<'account-not-found', {id: number; closedAt: Date}, 404> | ErrorType<'session-expired', {expiredAt: Date}, 401>
            >;
        };
    };
    const generated = createClient<Generated>({baseURL: 'http://127.0.0.1:3000'});
    expectTypeOf(generated.accounts.get(1)).resolves.toEqualTypeOf<
        CallResult<Account, TypedCallError<AccountNotFoundError | SessionExpiredError>>
    >();
}
