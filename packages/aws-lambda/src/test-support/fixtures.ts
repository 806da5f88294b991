// The real events under test/fixtures (see SOURCES.md there), read fresh on every call so a
// test can mutate its copy. Variations are built in the tests, never by editing the files.
import {readdirSync, readFileSync} from 'node:fs';
import {EventKind} from '../event-kind.js';

const dir = new URL('../../test/fixtures/', import.meta.url);

/** File names of every fixture, sorted. */
export const fixtureNames: string[] = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

/** A fresh copy of a fixture. */
export function fixture<T = any>(name: string): T {
    return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** The kind a fixture's file name says it is (`v1__`, `v2__`, `url__`, `alb__`). */
export function kindOfFixture(name: string): EventKind {
    const kind = name.split('__', 1)[0];
    if (kind !== 'v1' && kind !== 'v2' && kind !== 'url' && kind !== 'alb') throw new Error(`fixture ${name}: unknown kind prefix`);
    return kind;
}

/** The text of a file under test/fixtures (e.g. SOURCES.md). */
export function fixtureFile(name: string): string {
    return readFileSync(new URL(name, dir), 'utf8');
}
