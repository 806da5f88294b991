// The ways a client module can be built that docs/client.md's table `client-import-setups` lists,
// in its order, and whether the bundle holds server code with each form of import. The test
// no-server-code.test.ts builds each and asserts this; docs/client.test.ts checks the table says it.

/** What a bundle of the client module holds: no server code, or the server module. */
export type Outcome = 'no server code' | 'server';

/** One way of building the client's file. */
export interface ImportSetup {
    /** How the client's file is built (the test's describe names it). */
    name: string;
    /** With a type-only import (`type Api = import(...).Api` or `import type {Api}`). */
    typeOnlyImport: Outcome;
    /** With a plain import used only as a type. */
    plainImport: Outcome;
}

/** The setups, in the order of the docs' table. */
export const importSetups: ImportSetup[] = [
    {name: 'tsc with "reflection": true for every file', typeOnlyImport: 'no server code', plainImport: 'server'},
    {name: 'vite build with the hooklineTypes() plugin, "reflection": true', typeOnlyImport: 'no server code', plainImport: 'server'},
    {
        name: '"reflection" limited to the server files (tsc, and vite with hooklineTypes())',
        typeOnlyImport: 'no server code',
        plainImport: 'no server code',
    },
    {name: 'no deepkit in the build (tsc, esbuild)', typeOnlyImport: 'no server code', plainImport: 'no server code'},
    {
        name: 'the generated client (tsc with "reflection": true, and vite with hooklineTypes())',
        typeOnlyImport: 'no server code',
        plainImport: 'no server code',
    },
];
