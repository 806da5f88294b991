// Where the runtime-tier tests find the real AWS runtime client (aws-lambda-ric). It is not in the
// default `npm install` (its native build needs autotools, cmake and g++, and takes ~80 s):
// `npm run setup:lambda-runtime` (scripts/install-lambda-runtime.mjs; `.ci/run` calls it) installs
// it into .runtime/aws-lambda-ric/. With CI=true a missing client fails the tests that need it;
// elsewhere they are skipped with the reason and the command.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The version the runtime tier is pinned to (4.x needs Node >= 22 and more log-stream env). */
export const RIC_VERSION = '3.3.0';

/** The folder `npm run setup:lambda-runtime` installs into (an npm prefix: the package is in its node_modules). */
export const RIC_DIR = fileURLToPath(new URL('../../../../.runtime/aws-lambda-ric/', import.meta.url));

/** The command that installs it. */
export const RIC_SETUP_COMMAND = 'npm run setup:lambda-runtime';

/** Where the runtime client's entry is, or why it can't run. */
export type RuntimeClient = {bin: string; problem?: undefined} | {bin?: undefined; problem: string};

/** Finds aws-lambda-ric in .runtime/aws-lambda-ric and checks its version and native build. */
export function findRuntimeClient(): RuntimeClient {
    const dir = join(RIC_DIR, 'node_modules', 'aws-lambda-ric');
    const pkgJson = join(dir, 'package.json');
    if (!existsSync(pkgJson))
        return {
            problem:
                `aws-lambda-ric ${RIC_VERSION} is not installed in ${RIC_DIR}: run \`${RIC_SETUP_COMMAND}\` ` +
                '(its native build needs `apt-get install -y autoconf automake libtool cmake g++ make`)',
        };
    const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as {version: string}).version;
    if (version !== RIC_VERSION)
        return {
            problem: `aws-lambda-ric ${version} is installed in ${RIC_DIR}; the runtime tier is pinned to ${RIC_VERSION}: run \`${RIC_SETUP_COMMAND} -- --force\``,
        };
    if (!existsSync(join(dir, 'dist', 'rapid-client.node')))
        return {
            problem: `aws-lambda-ric is in ${RIC_DIR} but its native build is missing (dist/rapid-client.node): run \`${RIC_SETUP_COMMAND} -- --force\``,
        };
    return {bin: join(dir, 'bin', 'index.mjs')};
}

/** The runtime client for a test file: with CI=true it never skips (a missing client fails the tests that need it); elsewhere it skips and says why once. */
export function runtimeClientForTests(label: string): RuntimeClient & {skip: boolean} {
    const ric = findRuntimeClient();
    const skip = ric.problem !== undefined && process.env.CI !== 'true';
    if (skip) console.warn(`[${label}] runtime-client tests SKIPPED: ${ric.problem}. With CI=true they fail instead.`);
    return {...ric, skip} as RuntimeClient & {skip: boolean};
}
