// Stub of the `MyAuth` module the seed samples import (`import {getAuthUser, isAuthorized} from 'MyAuth'`).
// Resolved by test/seeds/tsconfig.json `paths` for tsc, and by `vi.mock('MyAuth', ...)` in the tests.

export interface AuthUser {
    id: number;
    name: string;
    /** Only active users are authorized. */
    active: boolean;
}

/** Tokens the stub knows. */
export const TOKENS = {
    /** An active user: authorized. */
    good: 'token-ada',
    /** Another active user: authorized. */
    good2: 'token-grace',
    /** A known but inactive user: not authorized. */
    inactive: 'token-bob',
    /** Nobody. */
    unknown: 'token-nobody',
} as const;

export const USERS: Record<string, AuthUser> = {
    [TOKENS.good]: {id: 1, name: 'Ada', active: true},
    [TOKENS.good2]: {id: 3, name: 'Grace', active: true},
    [TOKENS.inactive]: {id: 2, name: 'Bob', active: false},
};

/** Every token `getAuthUser` was called with, in order. */
export const authCalls: string[] = [];

/** The user a token belongs to, or null. */
export async function getAuthUser(token: string): Promise<AuthUser | null> {
    authCalls.push(token);
    await Promise.resolve();
    return USERS[token] ?? null;
}

/** Whether the user may call the API. */
export function isAuthorized(user: AuthUser | null): boolean {
    return user !== null && user.active;
}
