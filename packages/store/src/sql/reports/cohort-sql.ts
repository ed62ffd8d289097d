/**
 * The statements that keep report_rows and its groups (report_cohorts per day,
 * report_cohort_months per month) exact, shared by the SQLite triggers
 * and the PostgreSQL trigger functions: `e` and `r` are SQL expressions for the entity key and
 * the record id (NEW.id, a literal, a plpgsql variable…). A record's contribution is always
 * taken out exactly as it was put in (its report_rows row), so the order of a write's
 * statements (stage update before or after its transition) does not matter.
 */

export type Dialect = 'sqlite' | 'postgres';

/**
 * A group's columns. On PostgreSQL an unowned group is split over 16 rows (`shard`, from a hash
 * of the record id; reads sum them): every write of the same day and stage updates one group —
 * all of today's new unowned leads — and transactions of concurrent writers queued on that one
 * row's lock (intake with 1 / 2 / 4 processes: 177 / 100 / 52 per second). An owned group is
 * one row (shard 0), as report_owner_entries' are: its writers are spread over the owners, and
 * split over 16 rows a quarter's month groups were ~20,500 rows on ~2,500 pages at 1,000,000
 * leads where ~1,450 hold the same sums (migration 0019). SQLite has one writer.
 * `time` is the grain's column: `day` (report_cohorts) or `month` (report_cohort_months).
 */
const groupKey = (d: Dialect, time: 'day' | 'month' = 'day') =>
  `entity, ${time}, owner_id, team_id, stage, entered${d === 'postgres' ? ', shard' : ''}`;

/**
 * The group key's values over a report_rows row: its record's shard when it has no owner, else
 * 0. Adding and taking out a row both compute it from the row, so a record leaves the group row
 * it was counted in (a change of owner re-inserts the row: record function, bulk upkeep).
 */
const groupValues = (d: Dialect, time: string) =>
  `entity, ${time}, owner_id, team_id, stage, entered${d === 'postgres' ? ", CASE WHEN owner_id = '' THEN shard ELSE 0 END" : ''}`;

/**
 * The first UTC day (days since 1970) of the UTC month of `day` (an expression over days):
 * report_cohort_months' `month`, so a reader compares it with day numbers directly.
 */
export const monthOf = (d: Dialect, day: string) =>
  d === 'postgres'
    ? `CAST(extract(epoch FROM date_trunc('month', to_timestamp(${day} * 86400) AT TIME ZONE 'UTC')) AS bigint) / 86400`
    : `CAST(strftime('%s', ${day} * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400`;

/**
 * The two grains of groups, both kept from report_rows by the same statements: per UTC day of
 * creation, and per UTC month (docs/reports.md "Maintained groups": a long range reads its whole
 * months from the few month groups and only the days at its ends from the day groups).
 */
export type Grain = { table: string; key: string; values: string };
export const grains = (d: Dialect): Grain[] => [
  { table: 'report_cohorts', key: groupKey(d, 'day'), values: groupValues(d, 'day') },
  {
    table: 'report_cohort_months',
    key: groupKey(d, 'month'),
    values: groupValues(d, monthOf(d, 'day')),
  },
];

/** The report_rows columns written with a record and the shard's value (PostgreSQL only). */
export const rowColumns = (d: Dialect) =>
  `entity, record_id, day, owner_id, team_id, stage, entered, created_at, stage_at, in_time${d === 'postgres' ? ', shard' : ''}`;

/** Data health's "assigned within 24 hours" (engine: DAY_MS; store: the virtual assignDelayMs). */
export const IN_TIME_MS = 86_400_000;

/**
 * 1 when the record (entity `e`, id `r`, created at `created`) got its first owner within 24
 * hours of its creation, else 0 — what `assignDelayMs <= 86400000` says of it: its kept first
 * owner row (report_first_owner) when it has one (created owned: a delay of 0), else whether it
 * has an owner now (`owned`, a condition). Kept in report_rows.in_time and summed per group, so
 * data health counts a quarter's in-time records from the groups instead of joining every
 * record's first owner (docs/reports.md "First owner and first touch").
 */
export function inTimeSql(e: string, r: string, created: string, owned: string): string {
  return (
    `COALESCE((SELECT CASE WHEN f.from_none = 0 OR f.at - ${created} <= ${IN_TIME_MS} THEN 1 ELSE 0 END` +
    ` FROM report_first_owner f WHERE f.entity = ${e} AND f.record_id = ${r}), CASE WHEN ${owned} THEN 1 ELSE 0 END)`
  );
}

/** The in-time value of the report_rows row of (e, r), from the row itself (inTimeSql). */
const rowInTime = (e: string, r: string) =>
  inTimeSql(e, r, 'report_rows.created_at', "report_rows.owner_id <> ''");
export const shardOf = (d: Dialect, id: string) =>
  d === 'postgres' ? `, (hashtext(${id}) & 15)` : '';

/** A group's summed columns, in the order every statement writes them. */
export const SUMS = 'records, sum_created, sum_stage_at, n_stage_at, in_time';

/** The upsert's tail that adds a row's sums (`excluded`) to the group's. */
export const addSums = (g: Grain) =>
  `ON CONFLICT (${g.key}) DO UPDATE SET ${SUMS.split(', ')
    .map((c) => `${c} = ${g.table}.${c} + excluded.${c}`)
    .join(', ')}`;

/**
 * SQLite's groups are written behind: a change of a group is a row of report_group_pending (the
 * day group's key and the signed sums), moved into both grains later (sqlite/report-fold.ts) and
 * read with them meanwhile (cohort.ts cohortGroups). Why: the two upserts of the same groups in
 * every create were most of the report triggers' cost (schema/reports.ts).
 */
export const PENDING = 'report_group_pending';
const PENDING_KEY = 'entity, day, owner_id, team_id, stage, entered';
/** The pending row's columns, in the order every statement writes them. */
const PENDING_COLUMNS = `${PENDING_KEY}, ${SUMS}`;

/**
 * A pending row of the report_rows rows `where` selects, summed (`agg`) or one row's values, with
 * the sign: what the groups gain (1) or lose (-1).
 */
export function pendingShift(where: string, sign: 1 | -1, agg: boolean): string {
  const s = sign === 1 ? '' : '-';
  const v = (one: string, many: string) => `${s}${agg ? many : one}`;
  return (
    `INSERT INTO ${PENDING} (${PENDING_COLUMNS})` +
    ` SELECT ${PENDING_KEY}, ${v('1', 'count(*)')}, ${v('created_at', 'sum(created_at)')},` +
    ` ${v('COALESCE(stage_at, 0)', 'sum(COALESCE(stage_at, 0))')},` +
    ` ${v('(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END)', 'sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END)')},` +
    ` ${v('in_time', 'sum(in_time)')} FROM report_rows WHERE ${where}${agg ? ` GROUP BY ${PENDING_KEY}` : ''}`
  );
}

/** Adds (sign 1) or takes out (sign -1) the record's report_rows row from its groups. */
function shift(e: string, r: string, sign: 1 | -1, d: Dialect): string[] {
  if (d === 'sqlite') return [pendingShift(`entity = ${e} AND record_id = ${r}`, sign, false)];
  const s = sign === 1 ? '' : '-';
  return grains(d).map(
    (g) =>
      `INSERT INTO ${g.table} (${g.key}, ${SUMS})` +
      ` SELECT ${g.values}, ${s}1, ${s}created_at, ${s}COALESCE(stage_at, 0),` +
      ` ${s}(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), ${s}in_time` +
      ` FROM report_rows WHERE entity = ${e} AND record_id = ${r}` +
      ` ${addSums(g)}`,
  );
}

/**
 * Deletes the groups the record's row counts in once they are emptied (SQLite: the fold does,
 * written behind).
 */
const dropEmptied = (e: string, r: string, d: Dialect) =>
  (d === 'sqlite' ? [] : grains(d)).map(
    (g) =>
      `DELETE FROM ${g.table} WHERE records = 0 AND (${g.key}) IN (SELECT ${g.values} FROM report_rows WHERE entity = ${e} AND record_id = ${r})`,
  );

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
  return [
    ...shift(e, r, -1, d),
    ...dropEmptied(e, r, d),
    `DELETE FROM report_rows WHERE entity = ${e} AND record_id = ${r}`,
  ];
}

/** The record `row` (NEW of the entity table) written as its row and counted when it is live. */
export function addSql(e: string, row: string, dialect: Dialect): string[] {
  return [
    `INSERT INTO report_rows (${rowColumns(dialect)})` +
      ` SELECT ${e}, ${row}.id, ${row}.created_at / 86400000, COALESCE(${row}.owner_id, ''),` +
      ` COALESCE(${row}.team_id, ''), COALESCE(${row}.stage, ''), ${enteredSql(e, `${row}.id`, dialect)},` +
      ` ${row}.created_at, ${row}.stage_entered_at,` +
      ` ${inTimeSql(e, `${row}.id`, `${row}.created_at`, `COALESCE(${row}.owner_id, '') <> ''`)}` +
      `${shardOf(dialect, `${row}.id`)} WHERE ${row}.deleted_at IS NULL`,
    ...shift(e, `${row}.id`, 1, dialect),
  ];
}

/**
 * SQLite, session 26: when an update of the entity table kept its record live under the same id
 * and creation time — an assignment, a team or stage move — the record's report rows were
 * rewritten in place (touch-sql.ts touchMoveSql); the triggers of then are recognised at the
 * start (sqlite/touch-triggers.ts). Their upkeep is the settle's now (sqlite/report-settle.ts).
 */
export const STAYS =
  'OLD.id = NEW.id AND OLD.created_at = NEW.created_at AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NULL';

/** A transition added or removed: the record (when live) moves to the group of its new stage set. */
export function reenterSql(e: string, r: string, dialect: Dialect): string[] {
  return [
    ...shift(e, r, -1, dialect),
    ...dropEmptied(e, r, dialect),
    `UPDATE report_rows SET entered = ${enteredSql(e, r, dialect)} WHERE entity = ${e} AND record_id = ${r}`,
    ...shift(e, r, 1, dialect),
  ];
}

/**
 * The record's first owner changed (report_first_owner written): when that changes whether it
 * was assigned in time, its row and groups take the new value. A no-op for a record without a
 * row (not live) or whose value stays; the triggers run it only when the value changes.
 */
export function retimeSql(e: string, r: string, dialect: Dialect): string[] {
  return [
    ...shift(e, r, -1, dialect),
    ...dropEmptied(e, r, dialect),
    `UPDATE report_rows SET in_time = ${rowInTime(e, r)} WHERE entity = ${e} AND record_id = ${r}`,
    ...shift(e, r, 1, dialect),
  ];
}

/** Whether the in-time value of the record's row differs from what its first owner says now. */
export const inTimeStale = (e: string, r: string) =>
  `EXISTS (SELECT 1 FROM report_rows WHERE entity = ${e} AND record_id = ${r} AND in_time <> ${rowInTime(e, r)})`;

/** Rebuilds an entity's rows and groups from its live records and transitions (the backfill). */
export function rebuildSql(table: string, e: string, dialect: Dialect): string[] {
  const entered =
    dialect === 'postgres'
      ? `SELECT t.record_id, string_agg(DISTINCT t.to_stage, ',' ORDER BY t.to_stage) AS entered FROM stage_transitions t WHERE t.entity = ${e} GROUP BY t.record_id`
      : `SELECT record_id, group_concat(s, ',') AS entered FROM (SELECT DISTINCT t.record_id, t.to_stage AS s FROM stage_transitions t WHERE t.entity = ${e} ORDER BY 1, 2) GROUP BY record_id`;
  return [
    ...grains(dialect).map((g) => `DELETE FROM ${g.table} WHERE entity = ${e}`),
    ...(dialect === 'sqlite' ? [`DELETE FROM ${PENDING} WHERE entity = ${e}`] : []),
    `DELETE FROM report_rows WHERE entity = ${e}`,
    `INSERT INTO report_rows (${rowColumns(dialect)})` +
      ` SELECT ${e}, r.id, r.created_at / 86400000, COALESCE(r.owner_id, ''), COALESCE(r.team_id, ''),` +
      ` COALESCE(r.stage, ''), COALESCE(x.entered, ''), r.created_at, r.stage_entered_at,` +
      ` ${inTimeSql(e, 'r.id', 'r.created_at', "COALESCE(r.owner_id, '') <> ''")}${shardOf(dialect, 'r.id')}` +
      ` FROM ${table} r LEFT JOIN (${entered}) x ON x.record_id = r.id WHERE r.deleted_at IS NULL`,
    ...grains(dialect).map(
      (g) =>
        `INSERT INTO ${g.table} (${g.key}, ${SUMS})` +
        ` SELECT ${g.values}, count(*), sum(created_at), sum(COALESCE(stage_at, 0)),` +
        ` sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), sum(in_time)` +
        ` FROM report_rows WHERE entity = ${e} GROUP BY ${g.values}`,
    ),
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
