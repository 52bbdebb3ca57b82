import { defineConfig } from 'vitest/config';

// Unit tests: pure modules, no browser, no stack (the browser tests have vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The JUnit file feeds scripts/test-summary, the closing line of `make test`.
    reporters: ['default', ['junit', { outputFile: 'test-results/junit-unit.xml' }]],
  },
});
