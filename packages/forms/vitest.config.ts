import { defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions } from '@trellis/tooling/vitest';

export default defineConfig({
  ...sourceConditions,
  test: {
    ...sourceConditions.test,
    ...oneModuleGraph,
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'jsdom',
    // The browser tests' one chromium and the pages they bundle once (e2e/global-setup.ts).
    globalSetup: ['e2e/global-setup.ts'],
  },
});
