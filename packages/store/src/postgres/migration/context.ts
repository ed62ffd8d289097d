import type { EntityTableInfo } from '../../entity/entity-table';
import type { MigrationPlan, MigrationSummary, Resolutions } from '../../migration/types';
import type { SqlExec } from '../../sql/exec';

/** Everything a PostgreSQL step executor needs (the transaction's executor, the plan, the choices). */
export type PgExecCtx = {
  x: SqlExec;
  plan: MigrationPlan;
  resolutions: Resolutions;
  tables: Map<string, EntityTableInfo>;
  now: number;
  specVersion: number | null;
  summary: MigrationSummary;
};

/**
 * A stored value as SQLite would have archived it: booleans as 0/1, JSON as its text, so
 * `field_archive` means the same on both dialects (and survives `trellis migrate-data`).
 */
function archivable(raw: unknown): unknown {
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (raw !== null && typeof raw === 'object') return JSON.stringify(raw);
  return raw;
}

/** Copies values into field_archive (as jsonb: numbers stay numbers, text stays text). */
export async function archiveValues(
  cx: PgExecCtx,
  entity: string,
  field: string,
  sqlType: string,
  reason: 'removed' | 'retyped' | 'cleared',
  rows: readonly { id: string; raw: unknown }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await cx.x.run(
      `INSERT INTO field_archive (entity, field, record_id, value, sql_type, reason, archived_at, spec_version)
       SELECT ?, ?, r.id, r.v, ?, ?, ?, ? FROM unnest(?::text[], ?::jsonb[]) AS r(id, v)`,
      [
        entity,
        field,
        sqlType,
        reason,
        cx.now,
        cx.specVersion,
        chunk.map((r) => r.id),
        chunk.map((r) => JSON.stringify(archivable(r.raw))),
      ],
    );
  }
  cx.summary.archivedValues += rows.length;
}

/**
 * Sets `column` of many rows at once (`values[i]` for `ids[i]`), `pgType` naming the column's
 * type: one statement per thousand rows instead of one per row.
 */
export async function setMany(
  cx: PgExecCtx,
  table: string,
  column: string,
  pgType: string,
  rows: readonly [id: string, value: unknown][],
): Promise<void> {
  const arrayType = pgType.replace(/ COLLATE "C"$/, '');
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await cx.x.run(
      `UPDATE ${table} AS t SET ${column} = v.val FROM unnest(?::text[], ?::${arrayType}[]) AS v(id, val) WHERE t.id = v.id`,
      [chunk.map(([id]) => id), chunk.map(([, v]) => v)],
    );
  }
}
