// The servers of the HTTP benchmark, by name.
import {start as express} from './express.js';
import {start as fastify} from './fastify.js';
import {start as hono} from './hono.js';
import {start as hookline} from './hookline.js';
import {start as hooklineCompiled} from './hookline-compiled.js';
import {start as hooklineAls} from './hookline-als.js';
import {start as raw} from './raw.js';
import {StartServer} from './server-handle.js';

/** Every server, in run order (the baseline first). */
export const servers: Record<string, StartServer> = {
    raw,
    fastify,
    hono,
    express,
    hookline,
    'hookline-compiled': hooklineCompiled,
    'hookline-als': hooklineAls,
};

/**
 * Servers whose deployed form is built with type metadata (the deepkit type compiler in tsc 5.9:
 * Hookline's reflecting path); every other server runs from the plain build.
 */
export const reflectingServers: ReadonlySet<string> = new Set(['hookline', 'hookline-als']);

/** Names of the servers. */
export const serverNames = Object.keys(servers);
