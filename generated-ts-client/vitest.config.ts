import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The JUnit file feeds scripts/test-summary, the closing line of `make test`.
    reporters: ['default', ['junit', { outputFile: 'test-results/junit-unit.xml' }]],
  },
});
