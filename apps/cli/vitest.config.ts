import { defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions, withPostgres } from '@trellis/tooling/vitest';

// The built CLI (test/build-setup.ts) and the PostgreSQL test server (migrate-data).
const postgres = withPostgres(sourceConditions);
export default defineConfig({
  ...postgres,
  test: {
    ...postgres.test,
    ...oneModuleGraph,
    globalSetup: ['test/build-setup.ts', ...(postgres.test?.globalSetup ?? [])],
  },
});
