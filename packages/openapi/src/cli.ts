#!/usr/bin/env node
// `hookline-openapi generate | snapshot | compare`: the OpenAPI document, the API snapshot, and the
// breaking-change check for CI. See docs/openapi.md.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {parseArgs} from 'node:util';
import {apiSnapshot, ApiSnapshot} from './api-snapshot.js';
import {compareApis, formatChanges} from './compare-apis.js';
import {CliError, loadRouter} from './load-entry.js';
import {openApiDocument} from './openapi-document.js';

const usage = `Usage:
  hookline-openapi generate --entry <module> [--export <name>] [--out <file>] [--title <t>] [--version <v>] [--server <url>]...
  hookline-openapi snapshot --entry <module> [--export <name>] [--out <file>]
  hookline-openapi compare <before.json> (<after.json> | --entry <module> [--export <name>])

  generate   writes the API's OpenAPI 3.1 document (stdout without --out)
  snapshot   writes the API's snapshot (metadata, optional params, route meta): commit it
  compare    lists what changed for clients between two snapshots (or a snapshot and the entry's
             router); exits 1 when a change breaks clients

  --entry    the module exporting the router (or routes, or a factory returning either): .ts or .js;
             TypeScript is loaded with @hookline/compiler's types, as \`hookline build\` does
  --export   that export's name. Default: router, routes, default, then the seed-style router
`;

const options = {
    entry: {type: 'string'},
    export: {type: 'string'},
    out: {type: 'string'},
    title: {type: 'string'},
    version: {type: 'string'},
    server: {type: 'string', multiple: true},
} as const;

function write(out: string | undefined, value: unknown): void {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    if (out === undefined) return void process.stdout.write(text);
    mkdirSync(dirname(out), {recursive: true});
    writeFileSync(out, text);
    process.stdout.write(`hookline-openapi: wrote ${out}\n`);
}

function readSnapshot(file: string): ApiSnapshot {
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as ApiSnapshot;
    } catch (error) {
        throw new CliError(`can't read ${file}: ${(error as Error).message}`);
    }
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== 'generate' && command !== 'snapshot' && command !== 'compare') {
        process.stderr.write(
            command === undefined || command === '--help' || command === '-h' ? usage : `Unknown command "${command}".\n\n${usage}`,
        );
        return command === '--help' || command === '-h' ? 0 : 2;
    }
    const {values, positionals} = parseArgs({args: rest, options, allowPositionals: true});
    const entry = async () => {
        if (values.entry === undefined) throw new CliError(`--entry is required.\n\n${usage}`);
        return loadRouter(values.entry, values.export);
    };
    if (command === 'generate') {
        const doc = openApiDocument(await entry(), {
            title: values.title,
            version: values.version,
            servers: values.server?.map((url) => ({url})),
        });
        write(values.out, doc);
        return 0;
    }
    if (command === 'snapshot') {
        write(values.out, apiSnapshot(await entry()));
        return 0;
    }
    const [beforeFile, afterFile] = positionals;
    if (beforeFile === undefined) throw new CliError(`compare needs the snapshot to compare with.\n\n${usage}`);
    const after = afterFile !== undefined ? readSnapshot(afterFile) : await entry();
    const changes = compareApis(readSnapshot(beforeFile), after);
    process.stdout.write(`${formatChanges(changes)}\n`);
    return changes.some((c) => c.breaking) ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        // CLI mistakes and the router's startup errors say what to fix; their stack adds nothing.
        const e = error as {code?: unknown; name?: unknown; message?: unknown};
        const said =
            typeof e.message === 'string' &&
            (typeof e.code === 'string' || e.name === 'CliError' || e.name === 'EntryError' || e.name === 'TypeError');
        process.stderr.write(`${said ? (e.message as string) : String((error as Error).stack ?? error)}\n`);
        process.exitCode = 2;
    },
);
