// Packs the publishable workspace packages as `npm publish` would (their `prepack` scripts run:
// `tsc -b`, then stale outputs are pruned from dist/) into a directory, and lists what each holds.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..');

interface Manifest {
    name: string;
    private?: boolean;
    workspaces?: string[];
}

const manifestOf = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8')) as Manifest;

/** Every publishable package folder under packages/: the root's workspaces there that are not private. */
export const publishablePackages: readonly string[] = (manifestOf(join(repoRoot, 'package.json')).workspaces ?? [])
    .filter((w) => w.startsWith('packages/'))
    .map((w) => w.slice('packages/'.length))
    .filter((folder) => manifestOf(join(repoRoot, 'packages', folder, 'package.json')).private !== true);

/** The library packages (everything but the `create-hookline` command). */
export const libraryPackages: readonly string[] = publishablePackages.filter((f) => f !== 'create-hookline');

/** One packed package. */
export interface PackedPackage {
    /** Its folder under packages/. */
    folder: string;
    /** Its npm name (`@hookline/core`). */
    name: string;
    /** The tarball's absolute path. */
    tarball: string;
    /** Compressed size in bytes. */
    size: number;
    /** Unpacked size in bytes. */
    unpackedSize: number;
    /** The paths of the files it holds, relative to the package root. */
    files: string[];
}

interface NpmPackEntry {
    name: string;
    filename: string;
    size: number;
    unpackedSize: number;
    files: {path: string}[];
}

/** A fresh temporary directory under the OS's temp dir (outside the repository). */
export function tempDir(prefix: string): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

/** The npm name of the package in packages/<folder>. */
export function packageName(folder: string): string {
    return manifestOf(join(repoRoot, 'packages', folder, 'package.json')).name;
}

/** Packs `folders` (under packages/) into `destination` with one `npm pack`, lifecycle scripts included. */
export async function packPackages(destination: string, folders: readonly string[] = publishablePackages): Promise<PackedPackage[]> {
    mkdirSync(destination, {recursive: true});
    const args = ['pack', '--json', '--pack-destination', destination, ...folders.flatMap((f) => ['-w', `packages/${f}`])];
    const {stdout} = await run('npm', args, {cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, timeout: 180_000});
    // Lifecycle output goes to stderr, but skip anything before the JSON array to be safe.
    const entries = JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as NpmPackEntry[];
    const folderOf = new Map(folders.map((f) => [packageName(f), f]));
    return entries.map((e) => ({
        folder: folderOf.get(e.name)!,
        name: e.name,
        tarball: join(destination, e.filename),
        size: e.size,
        unpackedSize: e.unpackedSize,
        files: e.files.map((f) => f.path),
    }));
}
