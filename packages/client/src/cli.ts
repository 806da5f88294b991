#!/usr/bin/env node
// `hookline-client generate`: writes a standalone typed client from a server module. See docs/client.md.
import {mkdirSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, relative, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {pathToFileURL} from 'node:url';
import {ApiMetadata} from '@hookline/core';
import {generateClientSource, metadataFromApiSpec} from './generate.js';

const usage = `Usage: hookline-client generate --entry <module> --out <file> [--export <name>] [--client-module <specifier>]

  --entry          The server module (.ts or built .js) that exports the api spec or the router.
  --export         Name of that export. Default: apiSpec. A Router gives exact optional params.
  --out            The TypeScript file to write (its folders are created).
  --client-module  What the generated file imports the client from. Default: @hookline/client.

TypeScript entries need @hookline/compiler (the runtime types), resolved from the entry's folder.`;

interface RouterLike {
    getMetadata(): ApiMetadata;
    describe(id: string): {steps: {id: string; params: {optional: boolean}[]}[]} | undefined;
}

const isRouter = (v: unknown): v is RouterLike =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as RouterLike).getMetadata === 'function' &&
    typeof (v as RouterLike).describe === 'function';

function fail(message: string): never {
    process.stderr.write(`hookline-client: ${message}\n`);
    process.exit(1);
}

async function generate(args: string[]): Promise<void> {
    const {values} = parseArgs({
        args,
        options: {entry: {type: 'string'}, out: {type: 'string'}, export: {type: 'string'}, 'client-module': {type: 'string'}},
    });
    if (values.entry === undefined || values.out === undefined) fail(`--entry and --out are required.\n\n${usage}`);
    const entry = resolve(values.entry);
    const exportName = values.export ?? 'apiSpec';
    if (/\.[cm]?ts$/.test(entry)) {
        let register: string;
        try {
            register = createRequire(entry).resolve('@hookline/compiler/register');
        } catch {
            fail(`${values.entry} is TypeScript: install @hookline/compiler beside it, or point --entry at the built .js.`);
        }
        await import(pathToFileURL(register).href);
    }
    const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    const value = mod[exportName];
    if (typeof value !== 'object' || value === null)
        fail(`${values.entry} has no export "${exportName}" (exports: ${Object.keys(mod).join(', ') || 'none'}).`);
    let metadata: ApiMetadata;
    const optionalParams: Record<string, boolean[]> = {};
    if (isRouter(value)) {
        metadata = value.getMetadata();
        for (const id of Object.keys(metadata.routes)) {
            for (const step of value.describe(id)?.steps ?? []) optionalParams[step.id] ??= step.params.map((p) => p.optional);
        }
    } else metadata = metadataFromApiSpec(value);
    const out = resolve(values.out);
    const source = generateClientSource(metadata, {
        source: `${relative(dirname(out), entry).replace(/\\/g, '/')} (export ${exportName})`,
        optionalParams,
        ...(values['client-module'] === undefined ? {} : {clientModule: values['client-module']}),
    });
    mkdirSync(dirname(out), {recursive: true});
    writeFileSync(out, source);
    const routes = Object.keys(metadata.routes).length;
    const hooks = Object.keys(metadata.hooks).length;
    process.stdout.write(`hookline-client: wrote ${values.out} (${routes} routes, ${hooks} hooks)\n`);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'generate') {
    // The entry may have started servers or timers: exit once the file is written.
    await generate(rest).then(
        () => process.exit(0),
        (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    );
} else if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
} else fail(`unknown command "${command}".\n\n${usage}`);
