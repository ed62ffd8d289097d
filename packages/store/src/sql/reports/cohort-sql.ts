/**
 * The statements that keep report_rows and report_cohorts exact, shared by the SQLite triggers
 * and the PostgreSQL trigger functions: `e` and `r` are SQL expressions for the entity key and
 * the record id (NEW.id, a literal, a plpgsql variable…). A record's contribution is always
 * taken out exactly as it was put in (its report_rows row), so the order of a write's
 * statements (stage update before or after its transition) does not matter.
 */

/** The columns of a group (report_cohorts' primary key). */
export type Dialect = 'sqlite' | 'postgres';

/**
 * A group's columns. On PostgreSQL a group is split over 16 rows (`shard`, from a hash of the
 * record id; reads sum them): every write of the same day and stage updates one group — all of
 * today's new unowned leads — and transactions of concurrent writers queued on that one row's
 * lock (intake with 1 / 2 / 4 processes: 177 / 100 / 52 per second). SQLite has one writer.
 */
export const groupKey = (d: Dialect) =>
  d === 'postgres'
    ? 'entity, day, owner_id, team_id, stage, entered, shard'
    : 'entity, day, owner_id, team_id, stage, entered';

/** The report_rows columns written with a record and the shard's value (PostgreSQL only). */
export const rowColumns = (d: Dialect) =>
  `entity, record_id, day, owner_id, team_id, stage, entered, created_at, stage_at${d === 'postgres' ? ', shard' : ''}`;
export const shardOf = (d: Dialect, id: string) =>
  d === 'postgres' ? `, (hashtext(${id}) & 15)` : '';

/** Adds (sign 1) or takes out (sign -1) the record's report_rows row from its group. */
function shift(e: string, r: string, sign: 1 | -1, d: Dialect): string {
  const s = sign === 1 ? '' : '-';
  const key = groupKey(d);
  return (
    `INSERT INTO report_cohorts (${key}, records, sum_created, sum_stage_at, n_stage_at)` +
    ` SELECT ${key}, ${s}1, ${s}created_at, ${s}COALESCE(stage_at, 0),` +
    ` ${s}(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END)` +
    ` FROM report_rows WHERE entity = ${e} AND record_id = ${r}` +
    ` ON CONFLICT (${key}) DO UPDATE SET records = report_cohorts.records + excluded.records,` +
    ` sum_created = report_cohorts.sum_created + excluded.sum_created,` +
    ` sum_stage_at = report_cohorts.sum_stage_at + excluded.sum_stage_at,` +
    ` n_stage_at = report_cohorts.n_stage_at + excluded.n_stage_at`
  );
}

/** The stages the record ever entered, comma-separated in key order ('' for none). */
export function enteredSql(e: string, r: string, dialect: Dialect): string {
  return dialect === 'postgres'
    ? `COALESCE((SELECT string_agg(DISTINCT t.to_stage, ',' ORDER BY t.to_stage) FROM stage_transitions t WHERE t.entity = ${e} AND t.record_id = ${r}), '')`
    : // `+`: SQLite would otherwise walk the (entity, to_stage) index for the DISTINCT, every
      // transition of the entity, instead of the record's few by (entity, record_id).
      `COALESCE((SELECT group_concat(s, ',') FROM (SELECT DISTINCT +t.to_stage AS s FROM stage_transitions t WHERE t.entity = ${e} AND t.record_id = ${r} ORDER BY 1)), '')`;
}

/** Takes the record out of its group (an emptied group is deleted) and forgets its row. */
export function removeSql(e: string, r: string, d: Dialect): string[] {
  const key = groupKey(d);
  return [
    shift(e, r, -1, d),
    `DELETE FROM report_cohorts WHERE records = 0 AND (${key}) IN (SELECT ${key} FROM report_rows WHERE entity = ${e} AND record_id = ${r})`,
    `DELETE FROM report_rows WHERE entity = ${e} AND record_id = ${r}`,
  ];
}

/** The record `row` (NEW of the entity table) written as its row and counted when it is live. */
export function addSql(e: string, row: string, dialect: Dialect): string[] {
  return [
    `INSERT INTO report_rows (${rowColumns(dialect)})` +
      ` SELECT ${e}, ${row}.id, ${row}.created_at / 86400000, COALESCE(${row}.owner_id, ''),` +
      ` COALESCE(${row}.team_id, ''), COALESCE(${row}.stage, ''), ${enteredSql(e, `${row}.id`, dialect)},` +
      ` ${row}.created_at, ${row}.stage_entered_at${shardOf(dialect, `${row}.id`)} WHERE ${row}.deleted_at IS NULL`,
    shift(e, `${row}.id`, 1, dialect),
  ];
}

/** A transition added or removed: the record (when live) moves to the group of its new stage set. */
export function reenterSql(e: string, r: string, dialect: Dialect): string[] {
  const key = groupKey(dialect);
  return [
    shift(e, r, -1, dialect),
    `DELETE FROM report_cohorts WHERE records = 0 AND (${key}) IN (SELECT ${key} FROM report_rows WHERE entity = ${e} AND record_id = ${r})`,
    `UPDATE report_rows SET entered = ${enteredSql(e, r, dialect)} WHERE entity = ${e} AND record_id = ${r}`,
    shift(e, r, 1, dialect),
  ];
}

/** Rebuilds an entity's rows and groups from its live records and transitions (the backfill). */
export function rebuildSql(table: string, e: string, dialect: Dialect): string[] {
  const key = groupKey(dialect);
  const entered =
    dialect === 'postgres'
      ? `SELECT t.record_id, string_agg(DISTINCT t.to_stage, ',' ORDER BY t.to_stage) AS entered FROM stage_transitions t WHERE t.entity = ${e} GROUP BY t.record_id`
      : `SELECT record_id, group_concat(s, ',') AS entered FROM (SELECT DISTINCT t.record_id, t.to_stage AS s FROM stage_transitions t WHERE t.entity = ${e} ORDER BY 1, 2) GROUP BY record_id`;
  return [
    `DELETE FROM report_cohorts WHERE entity = ${e}`,
    `DELETE FROM report_rows WHERE entity = ${e}`,
    `INSERT INTO report_rows (${rowColumns(dialect)})` +
      ` SELECT ${e}, r.id, r.created_at / 86400000, COALESCE(r.owner_id, ''), COALESCE(r.team_id, ''),` +
      ` COALESCE(r.stage, ''), COALESCE(x.entered, ''), r.created_at, r.stage_entered_at${shardOf(dialect, 'r.id')}` +
      ` FROM ${table} r LEFT JOIN (${entered}) x ON x.record_id = r.id WHERE r.deleted_at IS NULL`,
    `INSERT INTO report_cohorts (${key}, records, sum_created, sum_stage_at, n_stage_at)` +
      ` SELECT ${key}, count(*), sum(created_at), sum(COALESCE(stage_at, 0)),` +
      ` sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END)` +
      ` FROM report_rows WHERE entity = ${e} GROUP BY ${key}`,
  ];
}

/** The entity-table columns whose change moves a record to another group. */
export const TRACKED = [
  'id',
  'created_at',
  'owner_id',
  'team_id',
  'stage',
  'stage_entered_at',
  'deleted_at',
];
