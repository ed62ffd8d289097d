import { defineConfig } from 'vitest/config';
import { sourceConditions } from '@trellis/tooling/vitest';

// Unit tests beside the code (src/**/*.test.ts) and browser tests against the built app on a
// real server (e2e/**/*.test.ts). Browser tests share one demo server (global setup); files run
// one at a time so two chromiums never compete for the two cores.
export default defineConfig({
  ...sourceConditions,
  test: {
    ...sourceConditions.test,
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
