// Type tests of streaming routes: checked by `npm run typecheck`, never run.
import {expectTypeOf} from 'vitest';
import {CallError, CallResult, CallStream, createClient, DeclaredCallError, StreamRouteType, TypedCallError} from './index.js';
import {LogLine, StreamApi, TailSummary} from './test-support/stream-api.js';

type TailBrokenError = DeclaredCallError<'tail-broken', {afterLine: number; at: Date}, 409>;

export async function streamTypes(): Promise<void> {
    const client = createClient<StreamApi>({baseURL: 'http://127.0.0.1:3000'});

    // An async generator: items T, final value R, the errors declared beside R.
    expectTypeOf(client.logs.tail).parameters.toEqualTypeOf<[count: number, breakAfter?: number]>();
    expectTypeOf(client.logs.tail(3)).toEqualTypeOf<CallStream<LogLine, TailSummary, TypedCallError<TailBrokenError>>>();
    // An AsyncIterable (or AsyncGenerator<T>): no final value.
    expectTypeOf(client.logs.words(2)).toEqualTypeOf<CallStream<string, undefined, CallError>>();
    expectTypeOf(client.logs.endless().result).resolves.toEqualTypeOf<CallResult<undefined, CallError>>();
    // A plain route beside them is unchanged.
    expectTypeOf(client.plain.echo('x')).resolves.toEqualTypeOf<CallResult<string>>();

    // Narrowing the result's error on a declared name types its errorData.
    const r = await client.logs.tail(3).result;
    if (!r.ok && r.error.name === 'tail-broken') expectTypeOf(r.error.errorData.at).toEqualTypeOf<Date>();
    // @ts-expect-error a name the route does not declare
    if (!r.ok && r.error.name === 'tail-gone') void r;
    for await (const line of client.logs.tail(1)) {
        expectTypeOf(line.at).toEqualTypeOf<Date>();
        // @ts-expect-error the items are LogLines
        void line.missing;
    }

    // A generated client's declaration types the same.
    interface Generated {
        logs: {tail: StreamRouteType<[count: number], LogLine, TailSummary, never>};
    }
    const generated = createClient<Generated>({baseURL: 'http://127.0.0.1:3000'});
    expectTypeOf(generated.logs.tail(1)).toEqualTypeOf<CallStream<LogLine, TailSummary, CallError>>();
}
