#!/usr/bin/env node
// create-hookline: `npm create hookline@latest my-api [-- --template node|lambda|worker]` writes a new
// Hookline project into ./my-api from the templates beside this file (templates/base, then the
// chosen template's own files on top), with the @hookline packages at this package's version.
import {existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync} from 'node:fs';
import {basename, dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const templatesDir = join(here, '..', 'templates');

/** The templates, with a line each for `--help`. */
export const templates = {
    node: 'a Node API: @hookline/node server, typed client, vitest tests (default)',
    lambda: 'an AWS Lambda API: @hookline/aws-lambda handler bundled with esbuild, a local dev server, typed client, tests',
    worker: 'a Cloudflare Worker: @hookline/fetch bundled with esbuild, served locally by workerd, typed client, tests',
};

/** What `npm start` serves, per template, for the next steps printed after scaffolding. */
const startLine = {
    node: 'serves on http://127.0.0.1:3000 (PORT to change it)',
    lambda: 'serves on http://127.0.0.1:3000 (PORT to change it)',
    worker: 'the Worker on workerd, http://127.0.0.1:8787 (PORT to change it)',
};

/** Files stored under another name, because npm drops or reads them when it packs this package. */
const renamed = {gitignore: '.gitignore'};

const usage = `Usage: npm create hookline@latest <directory> [-- --template <name>]

Templates:
${Object.entries(templates)
    .map(([name, line]) => `  ${name.padEnd(8)}${line}`)
    .join('\n')}
`;

/**
 * Reads the command line: the target directory and the template.
 * @param {string[]} argv the arguments after the script name
 * @returns {{dir?: string, template: string, help: boolean}}
 */
export function parseArgs(argv) {
    let dir;
    let template = 'node';
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--help' || arg === '-h') help = true;
        else if (arg === '--template' || arg === '-t') template = argv[++i] ?? '';
        else if (arg.startsWith('--template=')) template = arg.slice('--template='.length);
        else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
        else if (dir === undefined) dir = arg;
        else throw new Error(`one directory only (got ${dir} and ${arg})`);
    }
    if (!(template in templates)) throw new Error(`unknown template "${template}": one of ${Object.keys(templates).join(', ')}`);
    return {dir, template, help};
}

/**
 * An npm package name made from a directory name: lower case, with characters npm refuses replaced.
 * @param {string} dir
 * @returns {string}
 */
export function packageNameOf(dir) {
    const name = basename(resolve(dir))
        .toLowerCase()
        .replace(/[^a-z0-9._~-]+/g, '-')
        .replace(/^[._-]+/, '');
    return name === '' ? 'hookline-api' : name;
}

/**
 * Every file under a directory, as paths relative to it.
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(dir) {
    return readdirSync(dir, {recursive: true})
        .map(String)
        .filter((f) => statSync(join(dir, f)).isFile());
}

/**
 * Writes a new project from a template into `dir`, which must not exist or be empty.
 * @param {{dir: string, template: string, version?: string}} options `version`: of the @hookline packages (default: this package's own)
 * @returns {string[]} the files written, relative to `dir`
 */
export function scaffold({dir, template, version}) {
    if (!(template in templates)) throw new Error(`unknown template "${template}"`);
    const target = resolve(dir);
    if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${dir} is not empty: choose a new directory`);
    const hooklineVersion = version ?? JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
    const values = {name: packageNameOf(dir), hooklineVersion};
    /** @type {Map<string, string>} target path -> source file: the template's own files override base's */
    const sources = new Map();
    for (const layer of ['base', template]) {
        const layerDir = join(templatesDir, layer);
        for (const file of filesUnder(layerDir)) sources.set(renamed[file] ?? file, join(layerDir, file));
    }
    for (const [file, source] of sources) {
        const text = readFileSync(source, 'utf8').replace(/\{\{(\w+)\}\}/g, (all, key) => values[key] ?? all);
        mkdirSync(dirname(join(target, file)), {recursive: true});
        writeFileSync(join(target, file), text);
    }
    return [...sources.keys()].sort();
}

/**
 * The command: parses `argv`, scaffolds, prints the next steps. Returns the exit code.
 * @param {string[]} argv
 * @returns {number}
 */
export function main(argv) {
    let args;
    try {
        args = parseArgs(argv);
    } catch (e) {
        console.error(`create-hookline: ${e.message}\n\n${usage}`);
        return 1;
    }
    if (args.help || args.dir === undefined) {
        console.log(usage);
        return args.help ? 0 : 1;
    }
    try {
        const files = scaffold({dir: args.dir, template: args.template});
        const cd = relative(process.cwd(), resolve(args.dir)) || '.';
        console.log(`Created a Hookline ${args.template} API in ${cd} (${files.length} files). Next:

  cd ${cd}
  npm install
  npm test          # vitest, runtime types from hooklineTypes()
  npm run build     # hookline build (the compiled module), tsc, esbuild
  npm start         # ${startLine[args.template]}
  npm run call      # calls it with the typed client

See README.md in ${cd}.`);
        return 0;
    } catch (e) {
        console.error(`create-hookline: ${e.message}`);
        return 1;
    }
}

// Run as a command (npm's bin link is a symlink: compare real paths), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
    process.exitCode = main(process.argv.slice(2));
}
