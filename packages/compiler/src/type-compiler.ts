// deepkit's type compiler, on Hookline's own TypeScript 5.9 whatever the project installs.
// `@deepkit/type-compiler` asks for `typescript: '*'` as a peer, so npm puts it (and the packages
// it loads TypeScript through) beside the project's own TypeScript: with TypeScript 7 there, it
// fails to load ("does not provide an export named 'isBigIntLiteral'"). Its `require('typescript')`
// calls are sent to the TypeScript this package depends on (exactly 5.9.3), and nothing else is.
import {createRequire} from 'node:module';
import Module from 'node:module';
// Type-only on purpose: the value is loaded below, after the resolution is pinned.
// eslint-disable-next-line no-restricted-syntax
import type * as TypeCompiler from '@deepkit/type-compiler';

const require = createRequire(import.meta.url);

/** The TypeScript this package depends on. */
export const pinnedTypeScriptPath = require.resolve('typescript');

// The packages through which deepkit's type compiler loads TypeScript.
const typeCompilerTree =
    /[\\/]node_modules[\\/](?:@deepkit[\\/]type-compiler|@marcj[\\/]ts-clone-node|compatfactory|@typescript[\\/]vfs)[\\/]/;

interface ResolvingModule {
    _resolveFilename(request: string, parent: {filename?: string | null} | undefined, ...rest: unknown[]): string;
}

let typeCompiler: typeof TypeCompiler | undefined;

/** `@deepkit/type-compiler`, loaded once, with every TypeScript it loads being {@link pinnedTypeScriptPath}. */
export function loadTypeCompiler(): typeof TypeCompiler {
    if (typeCompiler !== undefined) return typeCompiler;
    const resolving = Module as unknown as ResolvingModule;
    const resolve = resolving._resolveFilename;
    resolving._resolveFilename = function (request, parent, ...rest) {
        if (request === 'typescript' && typeof parent?.filename === 'string' && typeCompilerTree.test(parent.filename))
            return pinnedTypeScriptPath;
        return resolve.call(this, request, parent, ...rest);
    };
    typeCompiler = require('@deepkit/type-compiler') as typeof TypeCompiler;
    return typeCompiler;
}
