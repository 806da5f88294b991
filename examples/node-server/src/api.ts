// The example API: users and pets, an authorization header hook, shared data from a
// sharedDataFactory, a runOnError logger hook, routes returning Dates, declared (typed) errors of
// a hook and of routes, a streaming route (an async generator), and an error route.
import {CallContext, createRouter, headersHook, hook, route, RouterOptions, Routes} from '@hookline/router';
import {BirthDateUnknown, InvalidPet, InvalidToken, PetNotFound, UserNotFound} from './errors.js';
import {ActivitySummary, NewPet, Pet, PetEvent, Store, User} from './store.js';

const activityKinds = ['walk', 'meal', 'nap'] as const;

/** Data shared by the hooks and the route of one call. */
export interface SharedData {
    me: User | null;
    startedAt: number;
}

/** The context every handler of this API gets. */
export type Context = CallContext<SharedData>;

/** One line of the example's access log. */
export interface LogLine {
    path: string;
    status: number;
    user: string | null;
    errors: string[];
}

/**
 * Builds the example's router and routes over a store; `log` receives one line per call.
 * `options` go to `createRouter`, e.g. `{compiled}` (the module `npm run build:api` writes) to
 * serve the API without the type compiler in the build (TypeScript 7, esbuild, tsx).
 */
export function createExampleApi(store: Store, log: (line: LogLine) => void, options: Partial<RouterOptions<SharedData>> = {}) {
    const router = createRouter<SharedData>({sharedDataFactory: (): SharedData => ({me: null, startedAt: Date.now()}), ...options});

    const routes = {
        // Public routes: no auth hook on their path.
        health: (ctx: Context): {ok: boolean; time: Date; pid: number} => ({ok: true, time: new Date(), pid: process.pid}),
        // Everything under `api` needs a valid token in the Authorization header.
        api: {
            // Declares InvalidToken: every route under `api` can answer it, typed.
            auth: headersHook('Authorization', (ctx: Context, token: string): void | InvalidToken => {
                const bare = token.replace(/^Bearer /, '');
                const userId = store.tokens.get(bare);
                const me = userId === undefined ? undefined : store.users.get(userId);
                if (me === undefined) throw new InvalidToken(`unknown token ${bare.slice(0, 4)}...`);
                ctx.shared.me = me;
            }),
            users: {
                me: (ctx: Context): User => ctx.shared.me as User,
                getUser: route((ctx: Context, id: number): User | UserNotFound => store.users.get(id) ?? new UserNotFound(id), {
                    description: 'One user by id',
                }),
            },
            pets: {
                list: (ctx: Context): Pet[] => store.petsOf((ctx.shared.me as User).id),
                add: (ctx: Context, pet: NewPet): Pet | InvalidPet => {
                    if (pet.name.trim() === '') return new InvalidPet('name', 'A pet needs a name');
                    return store.addPet((ctx.shared.me as User).id, pet);
                },
                ageInDays: (ctx: Context, petId: number, at: Date): number | PetNotFound | BirthDateUnknown => {
                    const pet = store.pets.get(petId);
                    if (pet === undefined || pet.ownerId !== (ctx.shared.me as User).id) return new PetNotFound(petId);
                    if (pet.birthDate === null) return new BirthDateUnknown(petId);
                    return Math.floor((at.getTime() - pet.birthDate.getTime()) / 86_400_000);
                },
                // A streaming route: each event is sent as it is produced (server-sent events), then the
                // summary; the typed client reads them with `for await`. An error before the first
                // event (an unknown pet) is answered like any call's.
                activity: async function* (
                    ctx: Context,
                    petId: number,
                    count: number,
                ): AsyncGenerator<PetEvent, ActivitySummary | PetNotFound> {
                    const pet = store.pets.get(petId);
                    if (pet === undefined || pet.ownerId !== (ctx.shared.me as User).id) return new PetNotFound(petId);
                    const hour = (i: number): Date => new Date(Date.UTC(2025, 4, 1, 8 + i));
                    for (let i = 0; i < count; i++) {
                        // Stands for waiting on a real source (a queue, a sensor): the client gets each event as it comes.
                        await new Promise((resolve) => setTimeout(resolve, 10));
                        yield {petId, kind: activityKinds[i % activityKinds.length] as PetEvent['kind'], at: hour(i)};
                    }
                    return {events: count, until: hour(count)};
                },
            },
            // A route that fails with an unexpected error: the client sees a generic 500.
            broken: (ctx: Context): string => {
                throw new Error('connection to the pets database refused (10.0.0.7:5432)');
            },
        },
        // Runs after every route, even after errors, and sees the call's internal errors.
        logger: hook(
            (ctx: Context): void => {
                log({
                    path: ctx.path,
                    status: ctx.response.statusCode,
                    user: ctx.shared.me?.name ?? null,
                    errors: ctx.request.internalErrors.map((e) => `${e.name}: ${e.message}`),
                });
            },
            {runOnError: true},
        ),
    } satisfies Routes;

    const apiSpec = router.registerRoutes(routes);
    return {router, apiSpec};
}

/** The type clients are built from. */
export type ExampleApi = ReturnType<typeof createExampleApi>['apiSpec'];
