import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers against one fake HTTPS server on port 443, so they run one file
// at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: [],
  },
});
