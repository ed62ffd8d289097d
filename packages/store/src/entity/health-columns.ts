import type { AppShape, EntityShape } from '../spec-shape';
import type { ColumnInfo } from './entity-table';

/**
 * At most this many columns widen the owner index: each is written with every create, and an
 * update of one rewrites the record's index entry. 13 is `sla_due_at` and the 12 fields both
 * bundled templates' data health widgets measure (education's leads, B2B's customers): with 8
 * (session 22) neither got the index, and a manager's quarter at 1,000,000 leads read and
 * sorted the table (docs/reports.md "Data health reads SQLite's owner index alone" has the
 * write cost measured for the education template's lead).
 */
const MAX_COLUMNS = 13;

/** The owner index's own columns (entity-table.ts): data health needs nothing more of them. */
const IN_OWNER_INDEX = [
  'owner_id',
  'created_at',
  'stage',
  'team_id',
  'deleted_at',
  'last_activity_at',
];

/**
 * The columns SQLite appends to an entity's owner index so its data health widgets read the
 * index alone: `sla_due_at` (SLA breaches) and the fields whose completeness they measure (the
 * widget's `fields`, else the entity's required fields, as the engine's `coreFields`). A quarter
 * of 1,000,000 leads read the table and sorted it by owner (SQLite has no hash grouping); the
 * index holds the records in owner order, a quarter's entries a skip-scan per owner. Empty when
 * no data health widget reports on the entity, or when a field is a list (JSON: too wide to
 * copy into the index) or there are too many.
 */
export function healthColumns(
  entity: EntityShape,
  app: AppShape | undefined,
  columns: Record<string, ColumnInfo>,
): string[] {
  // The entity a widget without one reports on, as the engine picks it (reports.ts entityOf).
  const fallback = app?.pipelines?.[0]?.entity ?? app?.entities[0]?.key;
  const keys = new Set<string>();
  for (const d of app?.dashboards ?? [])
    for (const w of d.widgets) {
      if (w.type !== 'dataHealth' || (w.entity ?? fallback) !== entity.key) continue;
      const fields = w.fields ?? entity.fields.filter((f) => f.required === true).map((f) => f.key);
      for (const f of fields) keys.add(f);
    }
  if (keys.size === 0) return [];
  const out = ['sla_due_at'];
  for (const key of keys) {
    const col = columns[key];
    // A field the entity lacks (the spec's validation refuses it; the read fails anyway) or a
    // list: the index could not cover the read, so it is not widened.
    if (!col || col.codec === 'json') return [];
    if (!IN_OWNER_INDEX.includes(col.name) && !out.includes(col.name)) out.push(col.name);
  }
  return out.length > MAX_COLUMNS ? [] : out;
}
