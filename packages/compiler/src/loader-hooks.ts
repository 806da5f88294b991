import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {isTransformableTypeScript, transformTypeScript} from './transform.js';

interface LoadContext {
    format?: string | null;
}
interface LoadResult {
    format?: string | null;
    source?: string | ArrayBuffer | Uint8Array;
    shortCircuit?: boolean;
}
type NextLoad = (url: string, context: LoadContext) => Promise<LoadResult>;
interface ResolveContext {
    parentURL?: string;
}
interface ResolveResult {
    url: string;
    format?: string | null;
    shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;

/**
 * Node module `resolve` hook: lets TypeScript sources import siblings by their emitted `.js` name
 * (the NodeNext convention) when only the `.ts` file exists.
 */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
    try {
        return await next(specifier, context);
    } catch (error) {
        const parent = context.parentURL;
        if (parent !== undefined && /^\.{1,2}\//.test(specifier) && /\.[cm]?js$/.test(specifier) && /\.[cm]?ts$/.test(parent)) {
            return next(specifier.replace(/js$/, 'ts'), context);
        }
        throw error;
    }
}

let forceReflection = false;

/** Node module `initialize` hook: `register(..., {data: {forceReflection: true}})` emits types whatever tsconfig.json says (`hookline build`). */
export function initialize(data: {forceReflection?: boolean} | undefined): void {
    forceReflection = data?.forceReflection === true;
}

/** Node module `load` hook: transpiles `.ts` files (outside node_modules) with deepkit's type compiler. */
export async function load(url: string, context: LoadContext, next: NextLoad): Promise<LoadResult> {
    if (!url.startsWith('file:')) return next(url, context);
    const file = fileURLToPath(url);
    if (!isTransformableTypeScript(file)) return next(url, context);
    const source = await readFile(file, 'utf8');
    const {code, map} = transformTypeScript(source, file, {forceReflection});
    const body = code.replace(/\n\/\/# sourceMappingURL=.*$/, '');
    const inlineMap = map === undefined ? '' : `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`;
    return {format: 'module', source: body + inlineMap, shortCircuit: true};
}
