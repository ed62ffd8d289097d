/**
 * The statements that keep the period funnel's and dwell time's maintained tables exact
 * (report_firsts, report_entries, report_reentries, report_dwell, report_moves), shared by the
 * SQLite triggers and the PostgreSQL trigger functions like cohort-sql.ts. A record's contribution to the
 * groups is taken out and put back with its report_rows row (owner, team, liveness) and changed
 * by each transition added or removed, so the groups always equal what the transitions and
 * report_rows say.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Upper bounds (exclusive) of the dwell buckets, in ms: a bucket only narrows where the exact
 * median / p90 is looked up (report_moves), so the bounds choose speed, never the answer.
 * Finer where moves crowd (hours to a week).
 */
const DWELL_BOUNDS: readonly number[] = [
  ...[1, 5, 15, 30].map((m) => m * MIN),
  ...[1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 21].map((h) => h * HOUR),
  ...Array.from({ length: 24 }, (_, i) => DAY + i * 6 * HOUR),
  ...[7, 8, 9, 10, 12, 14, 17, 21, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 270, 365].map(
    (d) => d * DAY,
  ),
];

/** The bucket of a dwell (SQL expression `v`): the number of bounds at or below it. */
export function bucketSql(v: string): string {
  return `(CASE ${DWELL_BOUNDS.map((b, i) => `WHEN ${v} < ${b} THEN ${i}`).join(' ')} ELSE ${DWELL_BOUNDS.length} END)`;
}

/**
 * Upper bounds (exclusive) of the gap classes of repeated entries, in ms: an entry of class i
 * came less than SPAN_BOUNDS[i] after the one before it; the last class has no bound.
 */
export const SPAN_BOUNDS: readonly number[] = [
  HOUR,
  6 * HOUR,
  DAY,
  3 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

const spanSql = (gap: string) =>
  `(CASE ${SPAN_BOUNDS.map((b, i) => `WHEN ${gap} < ${b} THEN ${i}`).join(' ')} ELSE ${SPAN_BOUNDS.length} END)`;

/** The repeated entries of the transitions `u` (a subquery's condition), each with its previous. */
const repeats = (cond: string) =>
  `INSERT INTO report_reentries (id, entity, record_id, stage, at, prev_at, span)` +
  ` SELECT w.id, w.entity, w.record_id, w.to_stage, w.at, w.prev, ${spanSql('w.at - w.prev')} FROM` +
  ` (SELECT u.id, u.entity, u.record_id, u.to_stage, u.at,` +
  ` LAG(u.at) OVER (PARTITION BY u.record_id, u.to_stage ORDER BY u.at, u.id) AS prev` +
  ` FROM stage_transitions u WHERE ${cond}) w WHERE w.prev IS NOT NULL`;

const ENTRY_KEY = 'entity, stage, day, owner_id, team_id';
const DWELL_KEY = 'entity, stage, day, owner_id, team_id, bucket';

const entryUpsert = (select: string) =>
  `INSERT INTO report_entries (${ENTRY_KEY}, records) ${select}` +
  ` ON CONFLICT (${ENTRY_KEY}) DO UPDATE SET records = report_entries.records + excluded.records`;

const dwellUpsert = (select: string) =>
  `INSERT INTO report_dwell (${DWELL_KEY}, moves, total_ms) ${select}` +
  ` ON CONFLICT (${DWELL_KEY}) DO UPDATE SET moves = report_dwell.moves + excluded.moves,` +
  ` total_ms = report_dwell.total_ms + excluded.total_ms`;

/** The live record's row (alias c): every statement below counts nothing without one. */
const live = (e: string, r: string) => `c.entity = ${e} AND c.record_id = ${r}`;

/**
 * Adds (1) or takes out (-1) everything the record `r` counts in report_entries (the first
 * entry into each stage it entered) and report_dwell (each move out of a stage), under its
 * current report_rows row. Run after the row is written, before it is deleted.
 */
export function flowShiftSql(e: string, r: string, sign: 1 | -1): string[] {
  const s = sign === 1 ? '' : '-';
  return [
    entryUpsert(
      `SELECT c.entity, f.stage, f.first_at / ${DAY}, c.owner_id, c.team_id, ${s}1` +
        ` FROM report_rows c, report_firsts f WHERE ${live(e, r)} AND f.entity = ${e} AND f.record_id = ${r}`,
    ),
    dwellUpsert(
      `SELECT c.entity, t.from_stage, t.at / ${DAY}, c.owner_id, c.team_id, ${bucketSql('t.dwell_ms')},` +
        ` ${s}count(*), ${s}sum(t.dwell_ms) FROM report_rows c, stage_transitions t` +
        ` WHERE ${live(e, r)} AND t.entity = ${e} AND t.record_id = ${r}` +
        ` AND t.from_stage IS NOT NULL AND t.dwell_ms IS NOT NULL` +
        ` GROUP BY c.entity, t.from_stage, t.at / ${DAY}, c.owner_id, c.team_id, ${bucketSql('t.dwell_ms')}`,
    ),
  ];
}

/**
 * The first entry of the transition `t`'s record into its stage, taken out of report_entries
 * as report_firsts recorded it, recomputed from the transitions, and counted anew. Each
 * transition added or removed runs it, so it holds whatever order the rows' triggers run in
 * (PostgreSQL runs a statement's row triggers once all its rows are written).
 */
function firstEntrySql(t: string): string[] {
  // `to_stage || ''` here and below: with equal terms on both indexes SQLite would otherwise
  // walk (entity, to_stage), every transition into the stage, instead of the record's few.
  const own = (a: string) =>
    `${a}.entity = ${t}.entity AND ${a}.record_id = ${t}.record_id AND ${a}.stage = ${t}.to_stage`;
  const count = (sign: string) =>
    entryUpsert(
      `SELECT c.entity, f.stage, f.first_at / ${DAY}, c.owner_id, c.team_id, ${sign}1` +
        ` FROM report_rows c, report_firsts f WHERE ${live(`${t}.entity`, `${t}.record_id`)} AND ${own('f')}`,
    );
  return [
    count('-'),
    `DELETE FROM report_firsts WHERE entity = ${t}.entity AND record_id = ${t}.record_id AND stage = ${t}.to_stage`,
    `INSERT INTO report_firsts (entity, record_id, stage, first_at)` +
      ` SELECT ${t}.entity, ${t}.record_id, ${t}.to_stage, o.m FROM (SELECT min(u.at) AS m FROM stage_transitions u` +
      ` WHERE u.entity = ${t}.entity AND u.record_id = ${t}.record_id AND u.to_stage || '' = ${t}.to_stage) o` +
      ` WHERE o.m IS NOT NULL`,
    count(''),
  ];
}

/** The repeated entries of `t`'s record into its stage, written anew. */
function repeatsSql(t: string): string[] {
  const own = `entity = ${t}.entity AND record_id = ${t}.record_id AND stage = ${t}.to_stage`;
  return [
    `DELETE FROM report_reentries WHERE ${own}`,
    repeats(
      `u.entity = ${t}.entity AND u.record_id = ${t}.record_id AND u.to_stage || '' = ${t}.to_stage`,
    ),
  ];
}

/** One move of the transition `t` out of its stage, counted (1) or taken out (-1). */
function moveSql(t: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return dwellUpsert(
    `SELECT c.entity, ${t}.from_stage, ${t}.at / ${DAY}, c.owner_id, c.team_id,` +
      ` ${bucketSql(`${t}.dwell_ms`)}, ${s}1, ${s}${t}.dwell_ms FROM report_rows c` +
      ` WHERE ${live(`${t}.entity`, `${t}.record_id`)} AND ${t}.from_stage IS NOT NULL AND ${t}.dwell_ms IS NOT NULL`,
  );
}

/**
 * A transition `t` (NEW) was added: its stage's first entry is counted anew, its move out of a
 * stage counts; it is logged in report_moves, and its stage's repeated entries are listed anew.
 */
export function transitionAddSql(t: string): string[] {
  return [
    ...firstEntrySql(t),
    moveSql(t, 1),
    `INSERT INTO report_moves (id, entity, record_id, stage, bucket, at, dwell_ms)` +
      ` SELECT ${t}.id, ${t}.entity, ${t}.record_id, ${t}.from_stage, ${bucketSql(`${t}.dwell_ms`)},` +
      ` ${t}.at, ${t}.dwell_ms WHERE ${t}.from_stage IS NOT NULL AND ${t}.dwell_ms IS NOT NULL`,
    ...repeatsSql(t),
  ];
}

/** A transition `t` (OLD) was removed: the reverse of transitionAddSql. */
export function transitionRemoveSql(t: string): string[] {
  return [
    ...firstEntrySql(t),
    moveSql(t, -1),
    `DELETE FROM report_moves WHERE id = ${t}.id`,
    ...repeatsSql(t),
  ];
}

/** Rebuilds an entity's flow tables from report_rows (already rebuilt) and its transitions. */
export function rebuildFlowSql(e: string): string[] {
  return [
    ...['report_entries', 'report_firsts', 'report_dwell', 'report_moves', 'report_reentries'].map(
      (t) => `DELETE FROM ${t} WHERE entity = ${e}`,
    ),
    `INSERT INTO report_firsts (entity, record_id, stage, first_at)` +
      ` SELECT entity, record_id, to_stage, min(at) FROM stage_transitions WHERE entity = ${e}` +
      ` GROUP BY entity, record_id, to_stage`,
    `INSERT INTO report_entries (${ENTRY_KEY}, records)` +
      ` SELECT c.entity, f.stage, f.first_at / ${DAY}, c.owner_id, c.team_id, count(*) FROM report_rows c` +
      ` JOIN report_firsts f ON f.entity = c.entity AND f.record_id = c.record_id WHERE c.entity = ${e}` +
      ` GROUP BY c.entity, f.stage, f.first_at / ${DAY}, c.owner_id, c.team_id`,
    `INSERT INTO report_dwell (${DWELL_KEY}, moves, total_ms)` +
      ` SELECT c.entity, t.from_stage, t.at / ${DAY}, c.owner_id, c.team_id, ${bucketSql('t.dwell_ms')},` +
      ` count(*), sum(t.dwell_ms) FROM report_rows c JOIN stage_transitions t` +
      ` ON t.entity = c.entity AND t.record_id = c.record_id WHERE c.entity = ${e}` +
      ` AND t.from_stage IS NOT NULL AND t.dwell_ms IS NOT NULL` +
      ` GROUP BY c.entity, t.from_stage, t.at / ${DAY}, c.owner_id, c.team_id, ${bucketSql('t.dwell_ms')}`,
    `INSERT INTO report_moves (id, entity, record_id, stage, bucket, at, dwell_ms)` +
      ` SELECT id, entity, record_id, from_stage, ${bucketSql('dwell_ms')}, at, dwell_ms FROM stage_transitions` +
      ` WHERE entity = ${e} AND from_stage IS NOT NULL AND dwell_ms IS NOT NULL`,
    repeats(`u.entity = ${e}`),
  ];
}
