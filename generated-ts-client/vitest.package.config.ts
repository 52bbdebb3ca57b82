import { defineConfig } from 'vitest/config';

// The consumer test (package-test/): packs, installs, compiles and starts a local cloud, so it runs
// apart from the unit tests, by `npm run test:package`.
export default defineConfig({
  test: {
    include: ['package-test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // The JUnit file feeds scripts/test-summary, the closing line of `make test`.
    reporters: ['default', ['junit', { outputFile: 'test-results/junit-package.xml' }]],
  },
});
