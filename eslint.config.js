// Lint: eslint's and typescript-eslint's recommended rules. `consistent-type-imports` stays off:
// `import type` erases the runtime types Hookline validates with (see docs/runtime-types.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            '**/dist/**',
            '**/node_modules/**',
            '**/.tmp/**',
            '**/*.compiled.js',
            '**/*.compiled.d.ts',
            'coverage/**',
            'benchmarks/.generated/**',
            'test/seeds/samples/**',
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: {
                process: 'readonly',
                console: 'readonly',
                Buffer: 'readonly',
                setTimeout: 'readonly',
                clearTimeout: 'readonly',
                setInterval: 'readonly',
                clearInterval: 'readonly',
                URL: 'readonly',
                TextDecoder: 'readonly',
                TextEncoder: 'readonly',
                fetch: 'readonly',
                AbortController: 'readonly',
                AbortSignal: 'readonly',
                performance: 'readonly',
                queueMicrotask: 'readonly',
                setImmediate: 'readonly',
            },
        },
        rules: {
            '@typescript-eslint/no-explicit-any': 'off',
            '@typescript-eslint/consistent-type-imports': 'off',
            '@typescript-eslint/no-unused-vars': ['error', {args: 'none', varsIgnorePattern: '^_'}],
            'no-restricted-syntax': [
                'error',
                {selector: 'ImportDeclaration[importKind="type"]', message: 'import type erases runtime types: use a plain import.'},
            ],
        },
    },
);
