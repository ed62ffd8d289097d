import type { AppShape, EntityShape, FieldShape } from '../spec-shape';
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

/**
 * The most bytes a field's stored value can take (UTF-8: up to 4 a character, as its validator
 * counts characters), or null when its values have no bound a PostgreSQL index row can hold:
 * text without a `maxLength` (1,000 characters by default), long text's 100,000, URLs, formula
 * text. A btree index row holds at most 2,704 bytes; an insert or update that makes a longer
 * one fails.
 */
function byteBound(f: FieldShape): number | null {
  switch (f.type) {
    case 'number':
    case 'percent':
    case 'money':
    case 'datetime':
    case 'boolean':
      return 8;
    case 'date':
    case 'region':
      return 10;
    case 'phone':
      // E.164: + and up to 15 digits; unnormalized input up to 40 characters.
      return f.normalize === 'none' ? 160 : 16;
    case 'email':
      // At most 254 characters, all ASCII: the value schema's `email` format (ajv-formats, both
      // modes) takes no other character, so a character is a byte.
      return 254;
    case 'text':
    case 'longtext':
      return f.maxLength !== undefined ? f.maxLength * 4 : null;
    case 'select':
      return Math.max(0, ...(f.options ?? []).map((o) => o.value.length * 4));
    case 'relation':
    case 'user':
      // A record or user id (the spec's references: at most 64 characters).
      return f.multiple ? null : 256;
    case 'formula':
      return f.resultType === 'text' ? null : 10;
    default:
      return null;
  }
}

/**
 * The measured fields' bytes PostgreSQL's health index may hold: with the creation time, owner,
 * team, stage (keys of at most 64 characters) and SLA time an index row stays well under the
 * 2,704 a btree page takes. Both bundled templates' 12 fields fit: education's lead ~1,700 (two
 * text fields of 50 and 200 characters, one of 64, a phone, seven selects, a region, a number),
 * B2B's customer 1,884 (texts of 100, 50, 50 and 150 characters, the 18-character tax id, an
 * email, a phone, four selects, a region).
 */
const PG_FIELD_BYTES = 2000;

/**
 * PostgreSQL's data health index (entity-table.ts): the live records by creation time with the
 * columns a data health read of a period names — owner and team (its groups and scopes), stage
 * and SLA time (breaches) and the measured fields — so a manager's quarter reads a quarter of a
 * narrow index instead of the whole table (at 1,000,000 leads the table's 25,700 pages against
 * ~4,600 of the index; 0.43–0.57 s of CPU against 0.21–0.24, education's 12 fields, one process).
 * Empty when SQLite would not widen its owner index (no widget, a list field, too many) or a
 * field's values have no bound small enough to index (byteBound).
 */
export function pgHealthColumns(
  entity: EntityShape,
  app: AppShape | undefined,
  columns: Record<string, ColumnInfo>,
): string[] {
  const own = healthColumns(entity, app, columns);
  if (own.length === 0) return [];
  let bytes = 0;
  for (const name of own.slice(1)) {
    const col = Object.values(columns).find((c) => c.name === name);
    // A system column (ids up to 64 characters, times) or a field's.
    const bound = col?.field ? byteBound(col.field) : col?.sqlType === 'text' ? 256 : 8;
    if (bound === null) return [];
    bytes += bound;
  }
  return bytes > PG_FIELD_BYTES ? [] : ['owner_id', 'team_id', 'stage', ...own];
}
