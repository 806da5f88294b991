import {defineConfig} from 'vitest/config';
import {hooklineTypes} from '@hookline/compiler/vite';

export default defineConfig({
    plugins: [hooklineTypes()],
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
