// The client's bundle size (min+gz), printed on every run; the budget is 10 kB without validation.
import {describe, expect, it} from 'vitest';
import {formatSizes, measureBundles} from './bundle-size.js';

describe('bundle size', () => {
    it('stays under 10 kB min+gz without client-side validation, with no Node-only code', async () => {
        const sizes = await measureBundles();
        console.log(`@hookline/client bundle sizes (esbuild --minify, gzip -9):\n${formatSizes(sizes)}`);
        const [all, createOnly, withValidation] = sizes;
        expect(all?.gzipped).toBeLessThan(10 * 1024);
        expect(createOnly?.gzipped).toBeLessThanOrEqual(all?.gzipped ?? 0);
        expect(withValidation?.gzipped).toBeGreaterThan(all?.gzipped ?? 0);
        for (const s of sizes) {
            for (const nodeOnly of ['node:', 'require(', 'process.', 'Buffer'])
                expect(s.code, `${s.name}: ${nodeOnly}`).not.toContain(nodeOnly);
        }
    });
});
