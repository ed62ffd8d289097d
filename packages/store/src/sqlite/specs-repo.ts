import type { SpecRepo } from '../api/specs';
import type { MigrationRepo } from '../api/migrations';
import type { StoreDb } from '../db/open-database';
import { applyMigration } from '../migration/apply-migration';
import { planMigration } from '../migration/plan-migration';
import { specVersions } from '../spec-versions/spec-versions';
import { prepared } from './exec';
import { syncEntityTables } from './sync-entity-tables';

/** Runs `fn` on the write connection inside a transaction (the caller's, or a new one). */
export type OnWriter = <T>(fn: (writer: StoreDb) => T) => Promise<T>;

/**
 * Publishes seen by the caches of one store: `published` marks a publish in a transaction,
 * counted once that transaction commits (a cache that re-read before the commit would keep the
 * old version under the new count).
 */
export type SpecEpoch = { count: number; published: boolean };

/**
 * Spec versions of the SQLite adapter: reads on the connection `reader()` picks, writes
 * (draft, publish, restore) on the writer inside a transaction.
 */
export function sqliteSpecRepo(
  reader: () => StoreDb,
  onWriter: OnWriter,
  epoch: SpecEpoch,
): SpecRepo {
  const read = () => specVersions(reader());
  const noting = <T extends { ok: boolean; unchanged?: boolean }>(r: T): T => {
    if (r.ok && r.unchanged === false) epoch.published = true;
    return r;
  };
  return {
    live: async () => read().live(),
    async liveVersion() {
      // Read on every request (is the spec still the one the engine holds?): compiled once.
      const v = prepared(reader().sqlite, 'SELECT max(version) AS v FROM spec_versions').get() as {
        v: number | null;
      };
      return v.v;
    },
    get: async (version) => read().get(version),
    list: async () => read().list(),
    getDraft: async () => read().getDraft(),
    saveDraft: (spec, opts) => onWriter((w) => specVersions(w).saveDraft(spec, opts)),
    discardDraft: () => onWriter((w) => specVersions(w).discardDraft()),
    preview: async (spec, opts) => read().preview(spec, opts),
    publish: (opts) => onWriter((w) => noting(specVersions(w).publish(opts))),
    restore: (version, opts) => onWriter((w) => noting(specVersions(w).restore(version, opts))),
    epoch: () => epoch.count,
    markChanged: () => void epoch.count++,
  };
}

/** Migrations of the SQLite adapter: planned on the reading connection, applied on the writer. */
export function sqliteMigrationRepo(reader: () => StoreDb, onWriter: OnWriter): MigrationRepo {
  return {
    plan: async (live, next) => planMigration(live, next, reader()),
    apply: (plan, resolutions, opts) =>
      onWriter((w) => applyMigration(plan, w, resolutions ?? {}, opts ?? {})),
    syncEntityTables: (spec) => onWriter((w) => syncEntityTables(w, spec)),
  };
}
