#!/usr/bin/env node
// Keeps every core busy for a bounded time, to run the test suite on a busy machine:
//
//   node test/tools/cpu-hog.mjs [--seconds 600] [--threads <cores>] & HOG=$!; npm test; kill $HOG
//
// One process (one PID to stop) with one spinning worker thread per core. It always exits by
// itself after --seconds (default 600, at most 3600), and at once on SIGINT/SIGTERM.
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';

const MAX_SECONDS = 3600;

function option(name, fallback) {
    const i = process.argv.indexOf(`--${name}`);
    if (i === -1) return fallback;
    const value = Number(process.argv[i + 1]);
    if (!Number.isFinite(value) || value <= 0) {
        console.error(`cpu-hog: --${name} needs a positive number`);
        process.exit(2);
    }
    return value;
}

const seconds = Math.min(option('seconds', 600), MAX_SECONDS);
const threads = Math.max(1, Math.floor(option('threads', availableParallelism())));

// Each worker spins in slices of ~50 ms of pure computation until its deadline.
const spin = `
const {workerData} = require('node:worker_threads');
let x = 0;
while (Date.now() < workerData.until) {
    const slice = Date.now() + 50;
    while (Date.now() < slice) x = (x * 1103515245 + 12345) % 2147483648;
}
`;

const until = Date.now() + seconds * 1000;
const workers = Array.from({length: threads}, () => new Worker(spin, {eval: true, workerData: {until}}));
console.log(`cpu-hog: pid ${process.pid}, ${threads} busy threads for at most ${seconds} s`);

const stop = () => {
    for (const w of workers) void w.terminate();
    process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The workers end at the deadline; this timer is the bound even if one did not.
setTimeout(stop, seconds * 1000 + 1000).unref();
let running = workers.length;
for (const w of workers) w.on('exit', () => --running === 0 && process.exit(0));
