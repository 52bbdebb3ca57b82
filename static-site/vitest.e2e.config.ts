import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium through playwright-core against one local cloud for the whole
// run (e2e/global-setup.ts), one file at a time - the machines have two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Playwright waits up to 15 s for an element (ShopWindow.open); expect.poll's own 1 s default
    // gave up first whenever a loaded machine was slow to render, failing tests that were right.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // The JUnit file feeds scripts/test-summary, the closing line of `make test`.
    reporters: ['default', ['junit', { outputFile: 'test-results/junit-e2e.xml' }]],
  },
});
