import ts from 'typescript';
import {loadTypeCompiler} from './type-compiler.js';

const {Cache, declarationTransformer, ReflectionTransformer, transformer} = loadTypeCompiler();

/** Output of {@link transformTypeScript}: JavaScript with runtime type metadata, and its source map. */
export interface TransformResult {
    code: string;
    map: string | undefined;
}

/** Options of {@link transformTypeScript}. */
export interface TransformOptions {
    /** Module format of the emitted code. Default: `ESNext` (ES modules). */
    module?: ts.ModuleKind;
    /**
     * Emit type metadata whatever the tsconfig says (`hookline build`: the project's own build may
     * not know deepkit at all). Default `false`: `"reflection": true` in tsconfig.json decides.
     */
    forceReflection?: boolean;
}

const forcedCache = new Cache();
/** deepkit's transformer with reflection on for every file, whatever tsconfig.json says. */
const forcedTransformer: typeof transformer = (context) => {
    forcedCache.tick();
    return new ReflectionTransformer(context, forcedCache).withReflection({reflection: 'default'});
};

/**
 * Transpiles one TypeScript file to JavaScript with deepkit's type compiler, so the types of
 * handlers (parameters and return types) are emitted as runtime metadata that Hookline reads.
 *
 * Reflection must be enabled by `"reflection": true` at the top level of the `tsconfig.json`
 * that covers the file, exactly as for `tsc` builds, unless `forceReflection` is set.
 *
 * @example
 * const {code} = transformTypeScript(source, '/app/src/api.ts');
 */
export function transformTypeScript(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
    const out = ts.transpileModule(code, {
        fileName,
        compilerOptions: {
            target: ts.ScriptTarget.ES2022,
            module: options.module ?? ts.ModuleKind.ESNext,
            // How deepkit finds the lib files of global types (AsyncGenerator, AsyncIterable...) when
            // no tsconfig.json is read (forceReflection): module ESNext alone means Classic
            // resolution, which can't find typescript/lib/*, and those types then reflect as never.
            moduleResolution: ts.ModuleResolutionKind.Bundler,
            sourceMap: true,
            inlineSources: true,
            esModuleInterop: true,
        },
        transformers: {
            before: [options.forceReflection === true ? forcedTransformer : transformer],
            afterDeclarations: [declarationTransformer],
        },
    });
    return {code: out.outputText, map: out.sourceMapText};
}

/** Whether a module id names a TypeScript source file this package should transform. */
export function isTransformableTypeScript(id: string): boolean {
    if (id.includes('/node_modules/') || id.includes('\\node_modules\\')) return false;
    if (/\.d\.[cm]?ts$/.test(id)) return false;
    return /\.[cm]?tsx?$/.test(id);
}
