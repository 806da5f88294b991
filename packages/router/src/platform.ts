// What the router needs from the runtime it runs on, in one place: Node, Bun, Deno and Workers
// (workerd) all have these, some only through web APIs. Nothing here imports a `node:` module, so
// the router loads on runtimes without them (a Worker without the nodejs_compat flag).

interface ProcessLike {
    emitWarning?: (warning: string | Error) => void;
    stdout?: {write(chunk: string): unknown};
    getBuiltinModule?: (id: string) => unknown;
}

const runtimeProcess = (globalThis as {process?: ProcessLike}).process;

/** A warning for the operator: Node's process warning where there is one, the console elsewhere. */
export function warn(warning: string | Error): void {
    if (typeof runtimeProcess?.emitWarning === 'function') runtimeProcess.emitWarning(warning);
    else console.warn(warning);
}

/** A random UUID (v4), from the Web Crypto API every supported runtime has. */
export function randomId(): string {
    return globalThis.crypto.randomUUID();
}

/** The UTF-8 length of a string, counted without Buffer (lone surrogates count 3, as they are written). */
export function utf8Length(text: string): number {
    let bytes = text.length;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) continue;
        if (c < 0x800) bytes += 1;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            bytes += 2; // a pair: 4 bytes for its 2 units
            i++;
        } else bytes += 2;
    }
    return bytes;
}

/** Runs `fn` on a later turn of the event loop (setImmediate where there is one). */
export const later: (fn: () => void) => void =
    typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

/** Where the default log sink writes: the process's stdout, or the console where there is none. */
export function standardOutput(): {write(chunk: string): unknown} {
    const stdout = runtimeProcess?.stdout;
    if (stdout !== undefined && typeof stdout.write === 'function') return stdout;
    return {write: (chunk: string) => console.log(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk)};
}

/** A Node built-in module where the runtime offers one synchronously (`process.getBuiltinModule`), else `undefined`. */
export function builtinModule<T>(id: string): T | undefined {
    return typeof runtimeProcess?.getBuiltinModule === 'function' ? (runtimeProcess.getBuiltinModule(id) as T | undefined) : undefined;
}
