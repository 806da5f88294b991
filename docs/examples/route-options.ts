import {CallContext, createRouter, route, Routes} from '@hookline/router';

interface Entry {
    at: Date;
    text: string;
}

const routes = {
    // description: shown in the metadata and in router.describe().
    addEntry: route((ctx: CallContext, entry: Entry): Entry => entry, {description: 'Adds a journal entry'}),
    // useValidation: false: params reach the handler unchecked (it must check them itself).
    addEntryUnchecked: route((ctx: CallContext, entry: Entry): string => `at: ${typeof entry.at}, text: ${typeof entry.text}`, {
        useValidation: false,
    }),
    // useSerialization: false: no Date conversion of params, JSON.stringify for the result.
    addEntryRaw: route((ctx: CallContext, entry: Entry): string => typeof entry.at, {useSerialization: false}),
    // validateReturn: false: the return value is not checked (the serializer still drops undeclared fields).
    lastEntry: route((ctx: CallContext): Entry => ({at: new Date(0), text: 'first'}), {validateReturn: false}),
} satisfies Routes;

export const router = createRouter();
router.registerRoutes(routes);
