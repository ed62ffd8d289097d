import { configDefaults, defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions, withPostgres } from '@trellis/tooling/vitest';
import { hasPostgres } from '@trellis/tooling/pg';

/**
 * The HTTP API's own suites again on PostgreSQL (each test's store a fresh database on the
 * throwaway server, test/test-store.ts): records, permissions, intake, auth, hidden fields,
 * views and the spec draft. Without PostgreSQL installed they are left out, loudly (the global
 * setup warns), except in CI, where that is an error. `pnpm test:pg` runs every file on it.
 */
const PG_API = [
  'test/records-api.test.ts',
  'test/permission-matrix.test.ts',
  'test/intake.test.ts',
  'test/auth.test.ts',
  'test/field-leak.test.ts',
  'test/redaction-surfaces.test.ts',
  'test/notification-language.test.ts',
  'test/events-resume.test.ts',
  'test/views-api.test.ts',
  'test/spec-draft.test.ts',
  'test/last-user-manager.test.ts',
  'test/last-user-manager-publish.test.ts',
  // Two processes on one database: PostgreSQL only.
  'test/import-lease.pg.test.ts',
  // A lock timeout answered 503: PostgreSQL only.
  'test/busy-database.pg.test.ts',
];

const onPg = process.env.TRELLIS_TEST_STORE === 'pg';
// Closes the stores a file's fullStack() calls left open, after the file.
const setupFiles = ['test/close-stacks.ts'];
// The server's threads bundled once for the run, instead of booting tsx in every thread.
const threadBundles = 'test/thread-bundles.ts';
const pg = withPostgres(sourceConditions);
/** One project of the suite: the shared config with its own name, files and environment. */
const project = (
  base: typeof pg,
  name: string,
  extra: {
    include?: string[];
    exclude?: string[];
    env?: Record<string, string>;
    testTimeout?: number;
    globalSetup?: string[];
  },
) => ({
  ...base,
  test: {
    ...base.test,
    ...oneModuleGraph,
    // withPostgres's own setup file (the watcher of long tests) first.
    setupFiles: [...((base.test?.setupFiles as string[] | undefined) ?? []), ...setupFiles],
    name,
    ...extra,
  },
});
export default defineConfig(
  onPg
    ? {
        ...pg,
        test: {
          ...pg.test,
          ...oneModuleGraph,
          setupFiles: [...((pg.test?.setupFiles as string[] | undefined) ?? []), ...setupFiles],
          globalSetup: [threadBundles, ...(pg.test?.globalSetup ?? [])],
        },
      }
    : {
        ...sourceConditions,
        test: {
          ...sourceConditions.test,
          projects: [
            project(sourceConditions, 'sqlite', {
              exclude: [...configDefaults.exclude, 'test/*.pg.test.ts'],
              globalSetup: [threadBundles],
            }),
            ...(hasPostgres() || process.env.CI
              ? [
                  project(pg, 'postgres', {
                    include: PG_API,
                    env: { TRELLIS_TEST_STORE: 'pg' },
                    // Each test creates and drops a database: slower than SQLite's memory file.
                    testTimeout: 120_000,
                  }),
                ]
              : []),
          ],
        },
      },
);
