// A router for the client's tests, beside the example API: hooks with body params (one at the
// root, one returning data), header hooks, Dates in every position, recursion, slow routes.
import {RpcError} from '@hookline/core';
import {CallContext, createRouter, headersHook, hook, route, Routes} from '@hookline/router';

/** An event with Dates at several depths. */
export interface Event {
    title: string;
    at: Date;
    until?: Date;
    reminders: Date[];
    moved: Date | null;
    tags: Record<string, Date>;
    slot: [Date, string];
}

/** A recursive type holding Dates. */
export interface Folder {
    name: string;
    created: Date;
    children: Folder[];
}

/** Two shapes of one union, told apart by their keys. */
export type Shape = {kind: 'point'; x: number} | {kind: 'stamp'; x: number; at: Date};

interface Shared {
    tenant: string;
    locale: string;
}

/** Builds the test router; `seen` records what the hooks received. */
export function createTestApi(seen: string[] = []) {
    const router = createRouter<Shared>({
        prefix: 'v1',
        maxBodySize: 64 * 1024,
        sharedDataFactory: (): Shared => ({tenant: '', locale: 'en'}),
    });
    const routes = {
        // A root hook with a body param: on every route's path.
        tenant: hook((ctx: CallContext<Shared>, tenant: string): void => {
            seen.push(`tenant ${tenant}`);
            ctx.shared.tenant = tenant;
        }),
        locale: headersHook('X-Locale', (ctx: CallContext<Shared>, locale?: string): void => {
            if (locale !== undefined) ctx.shared.locale = locale;
        }),
        whoami: (ctx: CallContext<Shared>): string => `${ctx.shared.tenant}/${ctx.shared.locale}`,
        reports: {
            // Optional second param; returns data under its id.
            audit: hook((ctx: CallContext<Shared>, reason: string, level?: number): string => {
                seen.push(`audit ${reason} ${level ?? '-'}`);
                return `audited ${reason}`;
            }),
            monthly: (ctx: CallContext<Shared>, month: number, from?: Date): {tenant: string; month: number; from: Date | null} => ({
                tenant: ctx.shared.tenant,
                month,
                from: from ?? null,
            }),
            version: headersHook('X-Version', (ctx: CallContext<Shared>, version: number): string => `v${version}`),
            latest: (ctx: CallContext<Shared>): number => 12,
        },
        dates: {
            echo: (ctx: CallContext<Shared>, at: Date): Date => at,
            event: (ctx: CallContext<Shared>, event: Event): Event => ({
                ...event,
                reminders: [...event.reminders, new Date(event.at.getTime() - 3_600_000)],
            }),
            folder: (ctx: CallContext<Shared>): Folder => ({
                name: 'root',
                created: new Date('2024-01-01T00:00:00.000Z'),
                children: [{name: 'docs', created: new Date('2024-02-01T00:00:00.000Z'), children: []}],
            }),
            shapes: (ctx: CallContext<Shared>): Shape[] => [
                {kind: 'point', x: 1},
                {kind: 'stamp', x: 2, at: new Date('2024-03-01T12:00:00.000Z')},
            ],
            maybe: (ctx: CallContext<Shared>, some: boolean): string | Date => (some ? new Date('2024-05-05T05:05:05.000Z') : 'none'),
        },
        slow: route(
            async (ctx: CallContext<Shared>, ms: number): Promise<string> => {
                await new Promise((resolve) => setTimeout(resolve, ms));
                return `slept ${ms}`;
            },
            {description: 'Answers after `ms` milliseconds'},
        ),
        denied: (ctx: CallContext<Shared>): string => {
            throw new RpcError({
                statusCode: 403,
                name: 'Forbidden',
                publicMessage: 'not yours',
                errorData: {owner: 'grace'},
                id: 'trace-1',
            });
        },
        returnsError: (ctx: CallContext<Shared>): RpcError | number => new RpcError({statusCode: 409, publicMessage: 'conflict'}),
        nothing: (ctx: CallContext<Shared>, note: string): void => {
            seen.push(`nothing ${note}`);
        },
    } satisfies Routes;
    const apiSpec = router.registerRoutes(routes);
    return {router, apiSpec};
}

/** The type clients of the test router are built from. */
export type TestApi = ReturnType<typeof createTestApi>['apiSpec'];
