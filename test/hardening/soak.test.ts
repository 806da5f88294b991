// A short soak in `npm test` (the long one: `npm run soak`): after GC, the heap returns near its
// starting level, and no call got a 5xx.
import {describe, expect, it} from 'vitest';
import {runSoak} from './soak.js';

describe('soak', () => {
    it('heap returns near its starting level after a bounded mixed load', async () => {
        const result = await runSoak(Number(process.env.SOAK_SECONDS ?? 15));
        console.log(
            `soak: ${result.calls} calls in ${result.seconds} s, heap ${result.heapStartMb.toFixed(1)} -> ${result.heapEndMb.toFixed(1)} MB, rss ${result.rssStartMb.toFixed(0)} -> ${result.rssEndMb.toFixed(0)} MB`,
        );
        expect(result.calls).toBeGreaterThan(1000);
        expect(result.serverErrors).toBe(0);
        expect(result.heapEndMb - result.heapStartMb).toBeLessThan(5);
    }, 120_000);
});
