import {defineConfig} from 'vitest/config';
import {hooklineTypes} from '@hookline/compiler/vite';

// hooklineTypes(): vite strips TypeScript types; this plugin compiles them into the handlers first,
// so the routes are validated in tests exactly as in production.
export default defineConfig({plugins: [hooklineTypes()]});
