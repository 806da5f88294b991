// The servers of the HTTP benchmark, by name.
import {start as express} from './express.js';
import {start as fastify} from './fastify.js';
import {start as hono} from './hono.js';
import {start as hookline} from './hookline.js';
import {start as hooklineAls} from './hookline-als.js';
import {start as raw} from './raw.js';
import {StartServer} from './server-handle.js';

/** Every server, in run order (the baseline first). */
export const servers: Record<string, StartServer> = {raw, fastify, hono, express, hookline, 'hookline-als': hooklineAls};

/** Names of the servers. */
export const serverNames = Object.keys(servers);
