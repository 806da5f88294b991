// Cold start: time to build the router and listen, with 10, 100, 1,000 and 5,000 distinct routes
// (each with its own param and return type, so every validator is compiled), against fastify
// with one distinct JSON schema per route. Each measurement is a fresh process; medians of 5.
// The compiled path: the same routes built without type metadata plus the module `hookline build`
// writes, timed from before importing that module to listening, with every route ready (compile:
// 'eager'). HOOKLINE_BUILD_VARIANTS lists the `hookline build` flag sets to measure, separated by
// `;` (default `;--compact`: the default module and the compact one). Samples are interleaved
// across frameworks (A B C A B C ...).
//   npm run bench:cold-start   (COLD_SIZES=10,1000 COLD_REPEATS=5 COLD_FRAMEWORKS=hookline-compiled,fastify
//                               HOOKLINE_BUILD_VARIANTS='--compact')
import {execFile} from 'node:child_process';
import {createRequire} from 'node:module';
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {gzipSync} from 'node:zlib';

const run = promisify(execFile);
const sizes = (process.env.COLD_SIZES ?? '10,100,1000,5000').split(',').map(Number);
const repeats = Number(process.env.COLD_REPEATS ?? 5);
const allFrameworks = ['raw', 'hookline-lazy', 'hookline-eager', 'hookline-compiled', 'hookline-compiled-lazy', 'fastify'];
const frameworks = (process.env.COLD_FRAMEWORKS ?? allFrameworks.join(',')).split(',');
const variants = (process.env.HOOKLINE_BUILD_VARIANTS ?? ';--compact').split(';').map((v) => v.split(/\s+/).filter((f) => f !== ''));
const variantName = (flags: string[]): string => (flags.length === 0 ? 'default' : flags.join(' '));
// benchmarks/.generated, whether this runs from src/ or from dist/plain/.
const dir = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../.generated/' : '../.generated/', import.meta.url));
rmSync(`${dir}compiled`, {recursive: true, force: true});
mkdirSync(`${dir}src`, {recursive: true});
mkdirSync(`${dir}compiled`, {recursive: true});

function hooklineModule(n: number): string {
    const lines = ["import {CallContext} from '@hookline/router';", ''];
    for (let i = 0; i < n; i++) {
        lines.push(`export interface In${i} { id: number; name${i}: string; at: Date; tags: string[]; score?: number }`);
        lines.push(`export interface Out${i} { id: number; label${i}: string; at: Date }`);
        lines.push(
            `const r${i} = (ctx: CallContext, input: In${i}): Out${i} => ({id: input.id, label${i}: input.name${i}, at: input.at});`,
        );
    }
    lines.push(`export const routes = {${Array.from({length: n}, (_, i) => `r${i}`).join(', ')}};`);
    return lines.join('\n');
}

function fastifyModule(n: number): string {
    const lines = ['export function register(app) {'];
    for (let i = 0; i < n; i++) {
        const input = `{type: 'object', properties: {id: {type: 'number'}, name${i}: {type: 'string'}, at: {type: 'string', format: 'date-time'}, tags: {type: 'array', items: {type: 'string'}}, score: {type: 'number'}}, required: ['id', 'name${i}', 'at', 'tags']}`;
        const output = `{type: 'object', properties: {id: {type: 'number'}, label${i}: {type: 'string'}, at: {type: 'string', format: 'date-time'}}, required: ['id', 'label${i}', 'at']}`;
        lines.push(
            `  app.post('/r${i}', {schema: {body: {type: 'object', properties: {r${i}: {type: 'array', items: [${input}], minItems: 1, maxItems: 1}}, required: ['r${i}']}, response: {200: {type: 'object', properties: {r${i}: ${output}}}}}}, async (req) => { const [x] = req.body.r${i}; return {r${i}: {id: x.id, label${i}: x.name${i}, at: new Date(x.at)}}; });`,
        );
    }
    lines.push('}');
    return lines.join('\n');
}

// Each sample: import the framework and the routes module, then time building the router and
// listening (module evaluation is the same work for every framework and is not counted).
const child = `
const [framework, n, compiledModule] = process.argv.slice(2);
const dir = ${JSON.stringify(dir)};
if (framework === 'raw') {
    // The floor: raw node:http over the same routes module (no types, no checks), a Map of the
    // handlers by path, timed like the compiled path (the routes module imported before).
    const {createServer} = await import('node:http');
    const {routes} = await import(dir + 'dist-plain/routes-' + n + '.js');
    const t0 = performance.now();
    const handlers = new Map();
    for (const name of Object.keys(routes)) handlers.set('/' + name, [name, routes[name]]);
    const t1 = performance.now();
    const server = createServer((req, res) => {
        const route = handlers.get(req.url);
        if (route === undefined) return res.writeHead(404).end();
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
            const [name, handler] = route;
            const [input] = JSON.parse(body)[name];
            res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({[name]: handler({}, input)}));
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const t2 = performance.now();
    const {port} = server.address();
    const res = await fetch('http://127.0.0.1:' + port + '/r0', {method: 'POST', body: JSON.stringify({r0: [{id: 1, name0: 'x', at: '2024-01-31T10:00:00.000Z', tags: []}]})});
    if (res.status !== 200) throw new Error('raw r0 answered ' + res.status);
    console.log(JSON.stringify({build: t1 - t0, listen: t2 - t0}));
    server.close();
} else if (framework.startsWith('hookline-compiled')) {
    // The compiled path: the routes built without type metadata, and their compiled module.
    const {createRouter} = await import('@hookline/router');
    const {startNodeServer} = await import('@hookline/node');
    const tr = performance.now();
    const {routes} = await import(dir + 'dist-plain/routes-' + n + '.js');
    const routesImport = performance.now() - tr;
    const t0 = performance.now();
    const {default: compiled} = await import(compiledModule);
    const tImport = performance.now();
    const router = createRouter({compiled, compile: framework === 'hookline-compiled-lazy' ? 'lazy' : 'eager'});
    router.registerRoutes(routes);
    const t1 = performance.now();
    const server = await startNodeServer(router);
    const t2 = performance.now();
    const call = async (i) => {
        const body = JSON.stringify({['r' + i]: [{id: 1, ['name' + i]: 'x', at: '2024-01-31T10:00:00.000Z', tags: []}]});
        const t = performance.now();
        const res = await router.dispatch({method: 'POST', path: '/r' + i, headers: {'content-type': 'application/json'}, body});
        if (res.statusCode !== 200) throw new Error('r' + i + ' answered ' + res.statusCode + ': ' + res.body);
        return performance.now() - t;
    };
    const firstCall = await call(0);
    const nextFirstCall = await call(1);
    const warmCall = await call(1);
    const deepkit = Object.keys((await import('node:module')).createRequire(import.meta.url).cache).some((k) => k.includes('deepkit'));
    if (deepkit) throw new Error('the compiled path loaded @deepkit');
    console.log(JSON.stringify({import: tImport - t0, build: t1 - t0, listen: t2 - t0, routesImport, firstCall, nextFirstCall, warmCall}));
    await server.close();
} else if (framework.startsWith('hookline')) {
    const {createRouter} = await import('@hookline/router');
    const {startNodeServer} = await import('@hookline/node');
    const {routes} = await import(dir + 'dist/routes-' + n + '.js');
    const t0 = performance.now();
    const router = createRouter({compile: framework === 'hookline-lazy' ? 'lazy' : 'eager'});
    router.registerRoutes(routes);
    const t1 = performance.now();
    const server = await startNodeServer(router);
    const t2 = performance.now();
    // What laziness defers: the first call of a route compiles it (the first one in the process
    // also warms the type reflection up).
    const call = async (i) => {
        const body = JSON.stringify({['r' + i]: [{id: 1, ['name' + i]: 'x', at: '2024-01-31T10:00:00.000Z', tags: []}]});
        const t = performance.now();
        const res = await router.dispatch({method: 'POST', path: '/r' + i, headers: {'content-type': 'application/json'}, body});
        if (res.statusCode !== 200) throw new Error('r' + i + ' answered ' + res.statusCode + ': ' + res.body);
        return performance.now() - t;
    };
    const firstCall = await call(0);
    const nextFirstCall = await call(1);
    const warmCall = await call(1);
    console.log(JSON.stringify({build: t1 - t0, listen: t2 - t0, firstCall, nextFirstCall, warmCall}));
    await server.close();
} else {
    const {default: Fastify} = await import('fastify');
    const {register} = await import(dir + 'fastify-' + n + '.mjs');
    const t0 = performance.now();
    const app = Fastify({logger: false});
    register(app);
    await app.ready();
    const t1 = performance.now();
    await app.listen({port: 0, host: '127.0.0.1'});
    const t2 = performance.now();
    console.log(JSON.stringify({build: t1 - t0, listen: t2 - t0}));
    await app.close();
}
`;

for (const n of sizes) {
    writeFileSync(`${dir}src/routes-${n}.ts`, hooklineModule(n));
    writeFileSync(`${dir}fastify-${n}.mjs`, fastifyModule(n));
}
writeFileSync(`${dir}child.mjs`, child);
writeFileSync(`${dir}package.json`, JSON.stringify({type: 'module', private: true}));
writeFileSync(
    `${dir}tsconfig.json`,
    JSON.stringify({
        extends: '../../tsconfig.base.json',
        reflection: true,
        compilerOptions: {rootDir: 'src', outDir: 'dist', composite: false, declaration: false, declarationMap: false, sourceMap: false},
        include: ['src'],
    }),
);
// The same routes without type metadata, as any toolchain builds them (the compiled path's input).
writeFileSync(
    `${dir}tsconfig.plain.json`,
    JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: {
            rootDir: 'src',
            outDir: 'dist-plain',
            composite: false,
            declaration: false,
            declarationMap: false,
            sourceMap: false,
        },
        include: ['src'],
    }),
);
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
process.stderr.write('compiling the generated routes with tsc (deepkit type compiler, and without it)...\n');
await run(process.execPath, [tsc, '-p', `${dir}tsconfig.json`], {maxBuffer: 1 << 26});
await run(process.execPath, [tsc, '-p', `${dir}tsconfig.plain.json`], {maxBuffer: 1 << 26});

// The compiled modules, written by `hookline build` from the TypeScript sources.
const cli = join(dirname(createRequire(import.meta.url).resolve('@hookline/compiler')), 'cli.js');
interface Built {
    bytes: number;
    gzipBytes: number;
    buildSeconds: number;
}
const built = new Map<string, Built>();
const compiledPath = (v: number, n: number): string => `${dir}compiled/${v}/routes-${n}.compiled.js`;
if (frameworks.some((f) => f.startsWith('hookline-compiled'))) {
    for (const [v, flags] of variants.entries()) {
        for (const n of sizes) {
            const out = compiledPath(v, n);
            const t = performance.now();
            await run(process.execPath, [cli, 'build', '--entry', `${dir}src/routes-${n}.ts`, '--out', out, ...flags], {
                cwd: dir,
                maxBuffer: 1 << 26,
                timeout: 600_000,
            });
            const buildSeconds = (performance.now() - t) / 1000;
            built.set(`${v}/${n}`, {bytes: statSync(out).size, gzipBytes: gzipSync(readFileSync(out)).length, buildSeconds});
            process.stderr.write(
                `hookline build (${variantName(flags)}) ${n} routes: ${statSync(out).size} bytes in ${buildSeconds.toFixed(1)} s\n`,
            );
        }
    }
}
// What is sampled: each framework, and the compiled frameworks once per build variant (`name#variant`).
const runs = frameworks.flatMap((f) => (f.startsWith('hookline-compiled') ? variants.map((_, v) => `${f}#${v}`) : [f]));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
interface Sample {
    import?: number;
    routesImport?: number;
    build: number;
    listen: number;
    firstCall?: number;
    nextFirstCall?: number;
    warmCall?: number;
}
const results: Record<string, Sample> = {};
for (const n of sizes) {
    const all = new Map<string, Sample[]>(runs.map((r) => [r, []]));
    for (let i = 0; i < repeats; i++) {
        for (const key of runs) {
            const [framework, v] = key.split('#') as [string, string | undefined];
            const args = [`${dir}child.mjs`, framework, String(n), ...(v === undefined ? [] : [compiledPath(Number(v), n)])];
            const {stdout} = await run('taskset', ['-c', '0', process.execPath, ...args], {cwd: dir, timeout: 300_000});
            all.get(key)?.push(JSON.parse(stdout.trim().split('\n').pop() as string));
        }
    }
    for (const framework of runs) {
        const samples = all.get(framework) as Sample[];
        const med = (key: keyof Sample): number | undefined =>
            samples[0]?.[key] === undefined ? undefined : median(samples.map((s) => s[key] as number));
        results[`${framework}/${n}`] = {
            import: med('import'),
            routesImport: med('routesImport'),
            build: med('build') as number,
            listen: med('listen') as number,
            firstCall: med('firstCall'),
            nextFirstCall: med('nextFirstCall'),
            warmCall: med('warmCall'),
        };
        process.stderr.write(`${framework} ${n}: listen ${results[`${framework}/${n}`]?.listen.toFixed(1)} ms\n`);
    }
}

const at = (framework: string, n: number): number => results[`${framework}/${n}`]?.listen ?? NaN;
console.log(
    `node ${process.version}; fresh process per sample, pinned to CPU 0; medians of ${repeats}; ms from createRouter (fastify: Fastify()) to listening\n`,
);
console.log('| routes | hookline lazy | hookline eager | fastify | lazy / fastify | eager / fastify |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of frameworks.includes('hookline-eager') ? sizes : []) {
    const lazy = at('hookline-lazy', n);
    const eager = at('hookline-eager', n);
    const fastify = at('fastify', n);
    console.log(
        `| ${n.toLocaleString('en-US')} | ${lazy.toFixed(1)} | ${eager.toFixed(1)} | ${fastify.toFixed(1)} | ${(lazy / fastify).toFixed(3)} | ${(eager / fastify).toFixed(3)} |`,
    );
}
const first = sizes[0] as number;
const last = sizes[sizes.length - 1] as number;
if (frameworks.includes('raw')) {
    console.log(
        `\nthe floor, raw node:http with a Map of the same handlers (ms from after the routes module's import to listening): ${sizes.map((n) => `${n.toLocaleString('en-US')} routes ${at('raw', n).toFixed(1)}`).join(', ')}; at ${last} / at ${first} routes ${(at('raw', last) / at('raw', first)).toFixed(2)}x`,
    );
}
console.log(
    `\nat ${last} routes / at ${first} routes: hookline lazy ${(at('hookline-lazy', last) / at('hookline-lazy', first)).toFixed(2)}x, eager ${(at('hookline-eager', last) / at('hookline-eager', first)).toFixed(2)}x, fastify ${(at('fastify', last) / at('fastify', first)).toFixed(2)}x, ${variants.map((f, v) => `compiled (${variantName(f)}) ${(at(`hookline-compiled#${v}`, last) / at(`hookline-compiled#${v}`, first)).toFixed(2)}x`).join(', ')}`,
);
console.log(
    `\nfirst calls with compile: 'lazy' (ms, dispatch in process, medians): the first route called, another route's first call, a warm call`,
);
console.log('| routes | first route | next route | warm |');
console.log('| ---: | ---: | ---: | ---: |');
for (const n of sizes) {
    const r = results[`hookline-lazy/${n}`];
    console.log(
        `| ${n.toLocaleString('en-US')} | ${r?.firstCall?.toFixed(2)} | ${r?.nextFirstCall?.toFixed(2)} | ${r?.warmCall?.toFixed(3)} |`,
    );
}

if (built.size > 0) {
    console.log(
        `\ncompiled path: ms from before import(compiled module) to listening, every route ready (compile: 'eager'); the plain routes module is imported before (its import shown apart)\n`,
    );
    console.log(
        '| build | routes | module KB | gzip KB | bytes / route | hookline build s | import ms | import + register ms | to listening ms | / 10 routes | lazy: to listening ms | routes module import ms | first call ms | warm call ms |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [v, flags] of variants.entries()) {
        const base = at(`hookline-compiled#${v}`, sizes[0] as number);
        for (const n of sizes) {
            const b = built.get(`${v}/${n}`) as Built;
            const r = results[`hookline-compiled#${v}/${n}`];
            const lazy = results[`hookline-compiled-lazy#${v}/${n}`];
            console.log(
                `| ${variantName(flags)} | ${n.toLocaleString('en-US')} | ${(b.bytes / 1024).toFixed(0)} | ${(b.gzipBytes / 1024).toFixed(0)} | ${Math.round(b.bytes / n)} | ${b.buildSeconds.toFixed(1)} | ${r?.import?.toFixed(1)} | ${r?.build.toFixed(1)} | ${r?.listen.toFixed(1)} | ${((r?.listen ?? NaN) / base).toFixed(2)}x | ${lazy?.listen.toFixed(1) ?? 'n/a'} | ${r?.routesImport?.toFixed(1)} | ${r?.firstCall?.toFixed(2)} | ${r?.warmCall?.toFixed(3)} |`,
            );
        }
    }
}
