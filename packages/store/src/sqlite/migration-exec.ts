import type { StoreDb } from '../db/open-database';
import type { EntityTableInfo } from '../entity/entity-table';
import type { MigrationPlan, MigrationSummary, Resolutions } from '../migration/types';

/** Everything a step executor needs. */
export type ExecCtx = {
  db: StoreDb;
  plan: MigrationPlan;
  resolutions: Resolutions;
  tables: Map<string, EntityTableInfo>;
  now: number;
  specVersion: number | null;
  summary: MigrationSummary;
};

/** Copies values into field_archive; rows are (record id, raw value). */
export function archiveValues(
  x: ExecCtx,
  entity: string,
  field: string,
  sqlType: string,
  reason: 'removed' | 'retyped' | 'cleared',
  rows: readonly { id: string; raw: unknown }[],
): void {
  const s = x.db.sqlite.prepare(
    'INSERT INTO field_archive (entity, field, record_id, value, sql_type, reason, archived_at, spec_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) s.run(entity, field, r.id, r.raw, sqlType, reason, x.now, x.specVersion);
  x.summary.archivedValues += rows.length;
}
