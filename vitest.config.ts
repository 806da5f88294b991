import {defineConfig} from 'vitest/config';
import {hooklineCompiled, hooklineTypes} from '@hookline/compiler/vite';

export default defineConfig({
    // hooklineCompiled: docs/examples/compiled-server.ts imports 'hookline:compiled', built by
    // `hookline build` from the docs' example routes when a test first imports it.
    plugins: [hooklineTypes(), hooklineCompiled({entry: 'docs/examples/compiled-api.ts'})],
    test: {
        include: [
            'packages/*/src/**/*.test.ts',
            'test/**/*.test.ts',
            'docs/**/*.test.ts',
            'examples/**/*.test.ts',
            'benchmarks/src/**/*.test.ts',
        ],
        typecheck: {enabled: false},
        testTimeout: 20_000,
        hookTimeout: 60_000,
    },
});
