// The hookline-openapi command (the built dist/cli.js), on real entries: the example API (a
// TypeScript 7 project: its types are read by @hookline/compiler, as `hookline build` does), and
// two versions of a small API for the breaking-change check.
import SwaggerParser from '@apidevtools/swagger-parser';
import {execFile} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../dist/cli.js');
const tmp = join(import.meta.dirname, '../.tmp/cli');
const example = join(import.meta.dirname, '../../../examples/node-server/src/api.ts');

async function openapi(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
    try {
        const {stdout, stderr} = await run(process.execPath, [cli, ...args], {cwd: tmp});
        return {code: 0, stdout, stderr};
    } catch (error) {
        const e = error as {code: number; stdout: string; stderr: string};
        return {code: e.code, stdout: e.stdout, stderr: e.stderr};
    }
}

const entry = (name: string, routes: string): string => {
    const file = join(tmp, `${name}.ts`);
    writeFileSync(
        file,
        `import {CallContext, createRouter} from '@hookline/router';\nexport const router = createRouter({prefix: 'api'});\nrouter.registerRoutes({${routes}});\n`,
    );
    return file;
};

describe('hookline-openapi', {timeout: 120_000}, () => {
    mkdirSync(tmp, {recursive: true});

    it('generate: writes the example API document from its TypeScript entry, valid OpenAPI 3.1', async () => {
        const out = join(tmp, 'openapi.json');
        const res = await openapi(
            'generate',
            '--entry',
            example,
            '--export',
            'createExampleApi',
            '--title',
            'Pets',
            '--version',
            '1.2.0',
            '--server',
            'https://api.example.test',
            '--out',
            out,
        );
        expect(res).toMatchObject({code: 0, stdout: `hookline-openapi: wrote ${out}\n`});
        const doc = JSON.parse(readFileSync(out, 'utf8')) as {info: unknown; servers: unknown; paths: Record<string, unknown>};
        expect(doc.info).toEqual({title: 'Pets', version: '1.2.0'});
        expect(doc.servers).toEqual([{url: 'https://api.example.test'}]);
        expect(Object.keys(doc.paths)).toContain('/api/pets/ageInDays');
        await expect(SwaggerParser.validate(doc as never)).resolves.toBeDefined();
    });

    it('snapshot + compare: exit 0 without breaking changes, 1 with, and the list', async () => {
        const v1 = entry('v1', `get: (ctx: CallContext, id: number): string => '', list: (ctx: CallContext): number[] => []`);
        const v2 = entry(
            'v2',
            `get: (ctx: CallContext, id: number, lang?: string): string => '', list: (ctx: CallContext): number[] => [], added: (ctx: CallContext): boolean => true`,
        );
        const v3 = entry('v3', `get: (ctx: CallContext, id: string): string | null => null`);
        expect((await openapi('snapshot', '--entry', v1, '--out', join(tmp, 'v1.json'))).code).toBe(0);
        const ok = await openapi('compare', join(tmp, 'v1.json'), '--entry', v2);
        expect(ok).toMatchObject({code: 0});
        expect(ok.stdout).toBe(
            [
                'ok        route get: param 2 "lang" added (optional): string',
                'ok        route added added',
                '0 breaking changes, 2 others.',
                '',
            ].join('\n'),
        );
        await openapi('snapshot', '--entry', v3, '--out', join(tmp, 'v3.json'));
        const broken = await openapi('compare', join(tmp, 'v1.json'), join(tmp, 'v3.json'));
        expect(broken.code).toBe(1);
        expect(broken.stdout).toBe(
            [
                'BREAKING  route get: param 1 "id" changed: number -> string',
                'BREAKING  route get: return type widened: string -> string | null',
                'BREAKING  route list removed',
                '3 breaking changes, 0 others.',
                '',
            ].join('\n'),
        );
    });

    it('says what is wrong: unknown command, missing entry, missing export (exit 2)', async () => {
        expect(await openapi('publish')).toMatchObject({code: 2, stderr: expect.stringContaining('Unknown command "publish"')});
        expect(await openapi('generate')).toMatchObject({code: 2, stderr: expect.stringContaining('--entry is required')});
        expect(await openapi('generate', '--entry', example, '--export', 'nope')).toMatchObject({
            code: 2,
            stderr: expect.stringContaining('has no export named "nope"'),
        });
    });
});
