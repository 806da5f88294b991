// Options objects merged over their defaults: `{...defaults, ...withoutUndefined(options)}`.

/**
 * A copy of `o` without the properties whose value is `undefined`, so that spreading it over the
 * defaults keeps a default wherever an option was left out or passed as `undefined`.
 *
 * @example
 * const o = {...defaults, ...withoutUndefined({port: undefined, host: '::1'})}; // port stays the default
 */
export function withoutUndefined<T extends object>(o: T): Partial<T> {
    const out: Partial<T> = {};
    for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
}
