// Debian's chromium for the tests that run a page in a real browser (the typed client, the OpenAPI
// reference page): where it is, whether it is there, and one way to launch it headless. On CI
// (CI=true) a missing chromium must fail those tests, never skip them: `chromiumCheck` says so.
import {existsSync} from 'node:fs';
import {Browser, chromium} from 'playwright-core';
import {expect} from 'vitest';

/** Where `apt-get install chromium` puts it. */
export const chromiumPath = '/usr/bin/chromium';

/** Whether the browser tests can run here; on CI they must (see {@link chromiumCheck}). */
export const hasChromium = existsSync(chromiumPath);

/** Whether the tests run on CI, where a missing chromium fails instead of skipping. */
export const onCI = process.env.CI === 'true';

/** The assertion of a test file's "has Chromium when CI=true" case. */
export function chromiumCheck(): void {
    if (onCI) expect(hasChromium, `${chromiumPath} is missing: CI must install Debian's chromium`).toBe(true);
}

/** Launches Debian's chromium headless, quiet (no sandbox, GPU, sync or background traffic). */
export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: chromiumPath,
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
        ],
    });
}
