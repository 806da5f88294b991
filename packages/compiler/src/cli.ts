#!/usr/bin/env node
// `hookline build --entry src/api.ts --out src/api.compiled.js [--export routes] [--check | --stdout]`
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {registerForcedTypes} from './load-entry.js';

const usage = `Usage: hookline build --entry <file> --out <file> [--export <name>] [--compact] [--check | --stdout]

Compiles an API's routes and hooks from their TypeScript types, with Hookline's own TypeScript 5.9
and type compiler (the project may use any TypeScript, or none), and writes the compiled module
that createRouter({compiled}) takes: checks, serializers and signatures as plain code, no eval.

  --entry <file>    module that exports the routes object (or a router); .ts or .js
  --out <file>      the compiled module to write (its .d.ts is written beside it)
  --export <name>   the export holding the routes (default: routes, router, default, or the
                    seed-style default router)
  --compact         signatures only, no generated code: a fraction of the size, for APIs of
                    thousands of routes or size-limited bundles (checks are then slightly slower)
  --check           write nothing; exit 1 when the module on disk is out of date (for CI)
  --stdout          print the module instead of writing it (bundler plugins)
`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== 'build') {
        process.stderr.write(
            command === undefined || command === '--help' || command === '-h' ? usage : `Unknown command "${command}".\n\n${usage}`,
        );
        return command === '--help' || command === '-h' ? 0 : 2;
    }
    let values: {
        entry?: string | undefined;
        out?: string | undefined;
        export?: string | undefined;
        check?: boolean | undefined;
        stdout?: boolean | undefined;
        compact?: boolean | undefined;
    };
    try {
        ({values} = parseArgs({
            args: rest,
            options: {
                entry: {type: 'string'},
                out: {type: 'string'},
                export: {type: 'string'},
                check: {type: 'boolean'},
                stdout: {type: 'boolean'},
                compact: {type: 'boolean'},
            },
        }));
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n\n${usage}`);
        return 2;
    }
    if (values.entry === undefined || (values.out === undefined && values.stdout !== true)) {
        process.stderr.write(`--entry and --out are required.\n\n${usage}`);
        return 2;
    }
    // Every TypeScript file the entry loads is compiled with type metadata, whatever tsconfig says.
    registerForcedTypes();
    const {buildCompiledModule, declarationPath, isUpToDate} = await import('./build.js');
    const {
        js,
        dts,
        command: rebuild,
    } = await buildCompiledModule({
        entry: values.entry,
        out: values.out,
        exportName: values.export,
        compact: values.compact,
    });
    if (values.stdout === true) {
        process.stdout.write(js);
        return 0;
    }
    const out = resolve(values.out as string);
    if (values.check === true) {
        if (isUpToDate(out, js)) {
            process.stdout.write(`hookline build: ${values.out} is up to date.\n`);
            return 0;
        }
        process.stderr.write(`hookline build: ${values.out} is out of date with the routes' types. Write it again: ${rebuild}\n`);
        return 1;
    }
    mkdirSync(dirname(out), {recursive: true});
    writeFileSync(out, js);
    writeFileSync(declarationPath(out), dts);
    process.stdout.write(`hookline build: wrote ${values.out} (${Buffer.byteLength(js)} bytes).\n`);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        // Build mistakes and the router's startup errors say what to fix; their stack adds nothing.
        const e = error as {code?: unknown; name?: unknown; message?: unknown};
        const said = typeof e.message === 'string' && (typeof e.code === 'string' || e.name === 'BuildError' || e.name === 'EntryError');
        process.stderr.write(`${said ? (e.message as string) : String((error as Error).stack ?? error)}\n`);
        process.exitCode = 1;
    },
);
