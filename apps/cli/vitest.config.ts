import { defineConfig } from 'vitest/config';
import { sourceConditions, withPostgres } from '@trellis/tooling/vitest';

// The built CLI (test/build-setup.ts) and the PostgreSQL test server (migrate-data).
const postgres = withPostgres(sourceConditions);
export default defineConfig({
  ...postgres,
  test: {
    ...postgres.test,
    globalSetup: ['test/build-setup.ts', ...(postgres.test?.globalSetup ?? [])],
  },
});
