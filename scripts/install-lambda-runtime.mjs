#!/usr/bin/env node
// Installs the real AWS Lambda runtime client (aws-lambda-ric, pinned) into .runtime/aws-lambda-ric/,
// outside the default `npm install`: its install script compiles curl and aws-lambda-cpp (~80 s) and
// needs `autoconf automake libtool cmake g++ make`. Only the runtime-tier tests use it
// (packages/aws-lambda/src/runtime.test.ts, examples/aws-lambda/src/handler.test.ts); they find it
// through packages/aws-lambda/src/test-support/runtime-client-location.ts.
//
//   npm run setup:lambda-runtime          install (skipped when the pinned version is already built)
//   npm run setup:lambda-runtime -- --force   reinstall
//
// The native part is a Node-API addon (node-addon-api), so one build serves every Node version.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

// Keep in step with RIC_VERSION and RIC_DIR in packages/aws-lambda/src/test-support/runtime-client-location.ts.
const RIC_VERSION = '3.3.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(root, '.runtime', 'aws-lambda-ric');
const pkgDir = join(prefix, 'node_modules', 'aws-lambda-ric');
const force = process.argv.includes('--force');

function installedVersion() {
    try {
        return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
    } catch {
        return undefined;
    }
}

if (!force && installedVersion() === RIC_VERSION && existsSync(join(pkgDir, 'dist', 'rapid-client.node'))) {
    console.log(`aws-lambda-ric ${RIC_VERSION} is already built in ${prefix}`);
    process.exit(0);
}

const missing = ['autoconf', 'automake', 'libtoolize', 'cmake', 'g++', 'make'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'}).status !== 0,
);
if (missing.length > 0) {
    console.error(
        `aws-lambda-ric's native build needs ${missing.join(', ')}, which are missing. On Debian/Ubuntu:\n` +
            '    apt-get install -y autoconf automake libtool cmake g++ make\n' +
            'then run `npm run setup:lambda-runtime` again.',
    );
    process.exit(1);
}

rmSync(prefix, {recursive: true, force: true});
mkdirSync(prefix, {recursive: true});
writeFileSync(
    join(prefix, 'package.json'),
    JSON.stringify(
        {
            name: 'hookline-lambda-runtime',
            private: true,
            description: 'Written by scripts/install-lambda-runtime.mjs: the real AWS Lambda runtime client for the runtime-tier tests.',
            dependencies: {'aws-lambda-ric': RIC_VERSION},
            allowScripts: {'aws-lambda-ric': true},
        },
        null,
        2,
    ) + '\n',
);

console.log(`== npm install aws-lambda-ric@${RIC_VERSION} into ${prefix} (native build, about 80 s)`);
const started = Date.now();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: prefix,
    stdio: ['ignore', 'inherit', 'inherit'],
});
if (result.status !== 0 || installedVersion() !== RIC_VERSION || !existsSync(join(pkgDir, 'dist', 'rapid-client.node'))) {
    console.error(`aws-lambda-ric ${RIC_VERSION}: the install or its native build failed (see the output above).`);
    process.exit(1);
}
console.log(`== aws-lambda-ric ${RIC_VERSION} built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
