import { defineConfig } from 'vitest/config';

// Browser tests against the real server: one file at a time (one server and one Chromium on two cores).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
