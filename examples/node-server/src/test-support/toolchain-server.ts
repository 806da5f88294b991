// The server toolchains.test.ts builds with each toolchain: the example API and the shared protocol
// case routes (test/shared/protocol-cases.ts), each on its own port of 127.0.0.1, with or without
// their compiled modules. It reports on stdout, in lines starting with REPORT_PREFIX, its URLs and
// what the test asserts about the process itself: whether @deepkit/type was loaded (it is required
// lazily, through createRequire, only when a handler is reflected, so it shows in require.cache)
// and whether code can be generated from strings here (false under
// --disallow-code-generation-from-strings). On SIGTERM it closes both servers and reports again.
import {createRequire} from 'node:module';
import {startNodeServer} from '@hookline/node';
import {CompiledApi, createRouter} from '@hookline/router';
import {caseRoutes} from '../../../../test/shared/protocol-cases.js';
import {createExampleApi} from '../api.js';
import {Store} from '../store.js';

/** Lines of stdout the test reads start with this (the router's own log lines are JSON too). */
export const REPORT_PREFIX = '@toolchain-server ';

/** What the server reports, one JSON object per line after {@link REPORT_PREFIX}. */
export type ServerReport =
    | {event: 'ready'; exampleURL: string; casesURL: string; deepkitModules: string[]; codeFromStrings: boolean}
    | {event: 'log'; line: {path: string; status: number; user: string | null; errors: string[]}}
    | {event: 'closed'; deepkitModules: string[]};

function report(r: ServerReport): void {
    process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(r)}\n`);
}

/** Files of @deepkit/* in the CommonJS module cache, which every require() shares. */
function deepkitModules(): string[] {
    return Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\/]@deepkit[\\/]/.test(file));
}

function canGenerateCodeFromStrings(): boolean {
    try {
        // The exact thing the runtime must never need: the flag makes it throw an EvalError.
        return new Function('return 1')() === 1;
    } catch {
        return false;
    }
}

/**
 * Serves both APIs until SIGTERM. Without compiled modules their types come from the type
 * compiler (the build must have run it); with them, from the modules.
 */
export async function serveToolchainTest(compiled?: {api: CompiledApi; cases: CompiledApi}): Promise<void> {
    const example = createExampleApi(new Store(), (line) => report({event: 'log', line}), compiled ? {compiled: compiled.api} : {});
    // maxBodySize 4096: the case table's "body too large" case, as in createCaseRouter().
    const cases = createRouter({maxBodySize: 4096, ...(compiled ? {compiled: compiled.cases} : {})});
    cases.registerRoutes(caseRoutes);
    const exampleServer = await startNodeServer(example.router, {host: '127.0.0.1', port: 0});
    const casesServer = await startNodeServer(cases, {host: '127.0.0.1', port: 0});
    process.once('SIGTERM', () => {
        void Promise.all([exampleServer.close(), casesServer.close()]).then(() => {
            report({event: 'closed', deepkitModules: deepkitModules()});
            process.exit(0);
        });
    });
    report({
        event: 'ready',
        exampleURL: exampleServer.url,
        casesURL: casesServer.url,
        deepkitModules: deepkitModules(),
        codeFromStrings: canGenerateCodeFromStrings(),
    });
}
