import { configDefaults, defineConfig } from 'vitest/config';
import { sourceConditions } from '@trellis/tooling/vitest';

// Unit tests beside the code (src/**/*.test.ts) and browser tests against the built app on a
// real server (e2e/**/*.test.ts). Browser tests share one demo server and one chromium (global
// setup), each test a fresh context of it (file-setup.ts); files run one at a time so two browser
// files never compete for the two cores.
export default defineConfig({
  ...sourceConditions,
  test: {
    ...sourceConditions.test,
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Test files that attempt-errors.test.ts runs in a vitest of their own.
    exclude: [...configDefaults.exclude, 'e2e/harness/fixtures/**'],
    globalSetup: ['e2e/harness/global-setup.ts'],
    setupFiles: ['e2e/harness/file-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    // In CI a browser test that fails is run once more: chromium on 2 shared cores sometimes
    // misses an animation's end. One that passes only on its retry is still named at the end of
    // the log (tooling/run-tests.mjs: "passed only on its retry"), so a flake is seen, not hidden.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
  },
});
