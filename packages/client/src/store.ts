/**
 * Where a client keeps the hook values set with `$set` (an auth token...), keyed by hook id.
 * Synchronous, so a value set is sent with the very next call.
 */
export interface HookStore {
    get(id: string): unknown[] | undefined;
    set(id: string, params: unknown[]): void;
    delete(id: string): void;
}

/**
 * The default store: a `Map` in memory, gone with the page or the process.
 *
 * @example
 * const client = createClient<Api>({baseURL, store: memoryStore()});
 */
export function memoryStore(): HookStore {
    const values = new Map<string, unknown[]>();
    return {
        get: (id) => values.get(id),
        set: (id, params) => void values.set(id, params),
        delete: (id) => void values.delete(id),
    };
}

/** The part of the Web Storage API ({@link localStorageStore}) a store uses. */
export interface StorageLike {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** Options of {@link localStorageStore}. */
export interface LocalStorageStoreOptions {
    /** Default: `globalThis.localStorage`. `sessionStorage`, or any {@link StorageLike}, works too. */
    storage?: StorageLike;
    /** Prefix of the storage keys. Default `'hookline:'`. */
    prefix?: string;
}

/**
 * A store in the browser's `localStorage` (or another Web Storage): hook values survive a reload
 * and are shared by the tabs of an origin. Values are kept as JSON, so a `Date` comes back as its
 * ISO string, which is also how it is sent.
 *
 * @example
 * const client = createClient<Api>({baseURL, store: localStorageStore()});
 * client.auth.$set('Bearer ' + token); // kept across reloads
 */
export function localStorageStore(options: LocalStorageStoreOptions = {}): HookStore {
    const storage = options.storage ?? (globalThis as {localStorage?: StorageLike}).localStorage;
    if (storage === undefined) throw new Error('localStorageStore: no localStorage here; pass options.storage');
    const prefix = options.prefix ?? 'hookline:';
    return {
        get: (id) => {
            const text = storage.getItem(prefix + id);
            if (text === null) return undefined;
            try {
                const value: unknown = JSON.parse(text);
                return Array.isArray(value) ? value : undefined;
            } catch {
                return undefined;
            }
        },
        set: (id, params) => storage.setItem(prefix + id, JSON.stringify(params)),
        delete: (id) => storage.removeItem(prefix + id),
    };
}
