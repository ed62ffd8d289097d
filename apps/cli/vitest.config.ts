import { defineConfig } from 'vitest/config';
import { sourceConditions } from '@trellis/tooling/vitest';

export default defineConfig({
  ...sourceConditions,
  test: { ...sourceConditions.test, globalSetup: ['test/build-setup.ts'] },
});
