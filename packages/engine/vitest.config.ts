import { defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions, withPostgres } from '@trellis/tooling/vitest';
import { hasPostgres } from '@trellis/tooling/pg';

/**
 * The engine's suites that go through the store run again on PostgreSQL (each test's store a
 * fresh database on the throwaway server, test/fixtures/test-store.ts): the one write path and
 * its refusals, permissions, records (stages, identity, people, lists, groups, field types),
 * the timeline, ownership (handover, pool, rep leaving, ledger) and the automations (outbox,
 * effects, runs, schedules, SLA, deliveries, retention). Left out: files that open SQLite
 * themselves (two connections on one file, the live spec across stores, pure preparation). Each PostgreSQL test
 * costs ~1 s for its database. Without PostgreSQL installed they are left out, loudly (the global setup warns),
 * except in CI, where that is an error. TRELLIS_TEST_STORE=pg runs every file on it.
 */
const PG_ENGINE = [
  'src/records/create.test.ts',
  'src/records/create-many.test.ts',
  'src/records/update.test.ts',
  'src/records/never-throws.test.ts',
  'src/records/permissions-integration.test.ts',
  'src/records/change-stage.test.ts',
  'src/records/capture.test.ts',
  'src/records/people.test.ts',
  'src/records/list.test.ts',
  'src/records/create-mode.test.ts',
  'src/records/identity.test.ts',
  'src/records/groups.test.ts',
  'src/reports/related.test.ts',
  'src/reports/reports.test.ts',
  'src/records/field-types.test.ts',
  'src/timeline/timeline.test.ts',
  'test/timeline-assignment.test.ts',
  'test/ownership/*.test.ts',
  'test/reports/*.test.ts',
  'test/automations/batching.test.ts',
  'test/automations/idempotency.test.ts',
  'test/automations/worker-loop.test.ts',
  'test/automations/triggers.test.ts',
  'test/automations/actions.test.ts',
  'test/automations/deliveries.test.ts',
  'test/automations/schedules.test.ts',
  'test/automations/sla.test.ts',
  'test/automations/retention.test.ts',
];

const onPg = process.env.TRELLIS_TEST_STORE === 'pg';
const pg = withPostgres(sourceConditions);
const project = (
  base: typeof pg,
  name: string,
  extra: { include?: string[]; env?: Record<string, string>; testTimeout?: number },
) => ({ ...base, test: { ...base.test, ...oneModuleGraph, name, ...extra } });
export default defineConfig(
  onPg
    ? { ...pg, test: { ...pg.test, ...oneModuleGraph } }
    : {
        ...sourceConditions,
        test: {
          ...sourceConditions.test,
          projects: [
            project(sourceConditions, 'sqlite', {}),
            ...(hasPostgres() || process.env.CI
              ? [
                  project(pg, 'postgres', {
                    include: PG_ENGINE,
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
