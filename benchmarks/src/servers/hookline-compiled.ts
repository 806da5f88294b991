// Hookline on its compiled module (`hookline build`, see benchmarks/package.json): the same routes
// as `hookline`, served from plain JavaScript with no type metadata, no @deepkit/type and no code
// generated at runtime. The module is `../scenarios.compiled.js` beside the built routes, or the
// file named by HOOKLINE_COMPILED_MODULE.
import {startNodeServer} from '@hookline/node';
import {CompiledApi, createRouter} from '@hookline/router';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {routes} from '../scenarios.js';
import {BenchServer, runIfMain} from './server-handle.js';

/** Where the compiled module of the scenarios' routes is. */
export function compiledModuleUrl(): string {
    const file = process.env.HOOKLINE_COMPILED_MODULE;
    return file !== undefined && file !== ''
        ? pathToFileURL(resolve(file)).href
        : new URL('../scenarios.compiled.js', import.meta.url).href;
}

/** Starts the Hookline server on the compiled module. */
export async function start(port: number): Promise<BenchServer> {
    const {default: compiled} = (await import(compiledModuleUrl())) as {default: CompiledApi};
    const router = createRouter({compiled});
    router.registerRoutes(routes);
    const server = await startNodeServer(router, {port, host: '127.0.0.1'});
    return {port: server.port, close: () => server.close()};
}

await runIfMain(import.meta.url, start);
