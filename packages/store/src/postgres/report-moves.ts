import { grains, monthOf, SUMS } from '../sql/reports/cohort-sql';

/**
 * The statements PostgreSQL's report trigger functions (report-triggers.ts) move a record with:
 * from its old report_rows row (plpgsql variables `o_*`, when `v_old`) to its new one (`n_*`,
 * when `v_new`). Every function takes its group rows in one global order — report_entries,
 * report_owner_entries, report_cohorts, report_cohort_months — and a table's rows in one
 * statement, in key order (the taken-out and the added row together, grouped: a move that
 * changes nothing writes nothing). Two processes' writers then never hold one group row each
 * while waiting for the other's: with the owner entries moved after the groups on an insert
 * and before them on a change of owner, an intake's create and a worker's assignment deadlocked
 * (session 24's `cluster` log; test/report-deadlock-pg.test.ts).
 */

/** A report_rows row's columns as plpgsql variables (`o_` old, `n_` new), with their types. */
const ROW: [string, string][] = [
  ['id', 'text'],
  ['day', 'bigint'],
  ['owner', 'text'],
  ['team', 'text'],
  ['stage', 'text'],
  ['entered', 'text'],
  ['created', 'bigint'],
  ['stage_at', 'bigint'],
  ['in_time', 'integer'],
  ['shard', 'integer'],
];

/** The report_rows columns the variables hold, in ROW's order. */
const COLUMNS = [
  'record_id',
  'day',
  'owner_id',
  'team_id',
  'stage',
  'entered',
  'created_at',
  'stage_at',
  'in_time',
  'shard',
];

/** The DECLARE lines of both rows' variables and the two flags. */
export const moveVariables = (['o', 'n'] as const)
  .flatMap((p) => ROW.map(([c, t]) => `${p}_${c} ${t};`))
  .concat(['v_old boolean := false;', 'v_new boolean := false;'])
  .join(' ');

/** Reads the record's report_rows row into the `o_` variables (FOUND says whether it has one). */
export const readOld = (entity: string, id: string) =>
  `SELECT ${COLUMNS.join(', ')} INTO ${ROW.map(([c]) => `o_${c}`).join(', ')} FROM report_rows WHERE entity = ${entity} AND record_id = ${id}`;

/** `n_* := o_*`: the new row starts as the old one (a transition or a first owner changes one column). */
export const copyOld = ROW.map(([c]) => `n_${c} := o_${c};`).join(' ');

/** Row `p`'s group key in grain `time` ('day' or 'month'), after the entity. */
const keyOf = (p: 'o' | 'n', time: 'day' | 'month') => [
  time === 'day' ? `${p}_day` : monthOf('postgres', `${p}_day`),
  `${p}_owner`,
  `${p}_team`,
  `${p}_stage`,
  `${p}_entered`,
  `CASE WHEN ${p}_owner = '' THEN ${p}_shard ELSE 0 END`,
];

/** Row `p`'s sums, each with `sign`. */
const sumsOf = (p: 'o' | 'n', sign: '' | '-') => [
  `${sign}1`,
  `${sign}${p}_created`,
  `${sign}COALESCE(${p}_stage_at, 0)`,
  `${sign}(CASE WHEN ${p}_stage_at IS NULL THEN 0 ELSE 1 END)`,
  `${sign}${p}_in_time`,
];

/** Key order across transactions: byte order, as the key columns' collation ("C") sorts. */
const ordered = (key: string[]) =>
  `ROW(${key.map((k, i) => (i === 0 || i === 5 ? k : `${k} COLLATE "C"`)).join(', ')})`;

/**
 * Per grain: the old row taken out of its group and the new one counted in, in one upsert whose
 * VALUES come in key order (a move within one group is one row of the sums' difference, none
 * when they are equal: a multi-row upsert may not touch a row twice), then the old group
 * deleted if that emptied it. `entity` is the SQL of the key's entity. Two rows of VALUES
 * cost less than grouping a UNION of them (65–134 against 106–150 µs a day-grain move in a
 * loop of 1,000 on the 1,000,000-lead database; the old four statements 83–142).
 */
export function groupMoves(entity: string): string[] {
  return grains('postgres').flatMap((g) => {
    const time = g.table === 'report_cohorts' ? 'day' : 'month';
    const [ok, nk] = [keyOf('o', time), keyOf('n', time)];
    const set = SUMS.split(', ')
      .map((c) => `${c} = ${g.table}.${c} + excluded.${c}`)
      .join(', ');
    const upsert = (...rows: string[][]) =>
      `INSERT INTO ${g.table} (${g.key}, ${SUMS}) VALUES ${rows.map((r) => `(${entity}, ${r.join(', ')})`).join(', ')} ON CONFLICT (${g.key}) DO UPDATE SET ${set}`;
    const out = [...ok, ...sumsOf('o', '-')];
    const into = [...nk, ...sumsOf('n', '')];
    const delta = sumsOf('n', '').map((n, i) => `${n} - (${sumsOf('o', '')[i]})`);
    return [
      `IF v_old AND v_new AND ROW(${ok.join(', ')}) = ROW(${nk.join(', ')}) THEN` +
        ` IF ROW(${sumsOf('o', '').join(', ')}) <> ROW(${sumsOf('n', '').join(', ')}) THEN ${upsert([...nk, ...delta])}; END IF;` +
        ` ELSIF v_old AND v_new AND ${ordered(ok)} < ${ordered(nk)} THEN ${upsert(out, into)};` +
        ` ELSIF v_old AND v_new THEN ${upsert(into, out)};` +
        ` ELSIF v_old THEN ${upsert(out)};` +
        ` ELSIF v_new THEN ${upsert(into)};` +
        ` END IF`,
      `IF v_old THEN DELETE FROM ${g.table} WHERE (${g.key}) = (${entity}, ${ok.join(', ')}) AND records = 0; END IF`,
    ];
  });
}

/**
 * The record's report_rows row written as the `n_` variables say: inserted, updated in place,
 * or deleted (never on an insert: a new record has no row to take out).
 */
export function rowWrite(entity: string): string[] {
  const set = COLUMNS.map((c, i) => `${c} = n_${ROW[i]![0]}`).join(', ');
  const values = ROW.map(([c]) => `n_${c}`).join(', ');
  return [
    `IF v_new AND NOT v_old THEN INSERT INTO report_rows (entity, ${COLUMNS.join(', ')}) VALUES (${entity}, ${values}); END IF`,
    `IF v_new AND v_old THEN UPDATE report_rows SET ${set} WHERE entity = ${entity} AND record_id = o_id; END IF`,
    `IF TG_OP <> 'INSERT' AND v_old AND NOT v_new THEN DELETE FROM report_rows WHERE entity = ${entity} AND record_id = o_id; END IF`,
  ];
}

/** An owner entry's key over transition `t` of a record whose owner and team are `p_owner`, `p_team`. */
const entryKey = (p: 'o' | 'n') =>
  `t.at / 86400000, ${p}_owner, ${p}_team, t.to_stage, COALESCE(t.prev_entry_at / 86400000, -1),` +
  ` CASE WHEN ${p}_owner = '' THEN hashtext(t.record_id) & 15 ELSE 0 END`;

const ENTRY_KEY = 'entity, day, owner_id, team_id, stage, prev_day, shard';

/**
 * The record's stage entries moved in report_owner_entries from the old row's owner and team
 * to the new one's (its transitions under `o_id` and `n_id`), in one upsert in key order, then
 * the old owner's emptied rows deleted.
 */
export function ownerMoves(entity: string): string[] {
  const k = ['k_day', 'k_owner', 'k_team', 'k_stage', 'k_prev', 'k_shard'];
  const part = (p: 'o' | 'n', sign: '' | '-') =>
    `SELECT ${entryKey(p)}, ${sign}1 FROM stage_transitions t` +
    ` WHERE ${p === 'o' ? 'v_old' : 'v_new'} AND t.entity = ${entity} AND t.record_id = ${p}_id`;
  return [
    `INSERT INTO report_owner_entries (${ENTRY_KEY}, entries)` +
      ` SELECT ${entity}, ${k.join(', ')}, sum(d_entries) FROM (${part('o', '-')} UNION ALL ${part('n', '')})` +
      ` x (${k.join(', ')}, d_entries) GROUP BY ${k.join(', ')} HAVING sum(d_entries) <> 0 ORDER BY ${k.join(', ')}` +
      ` ON CONFLICT (${ENTRY_KEY}) DO UPDATE SET entries = report_owner_entries.entries + excluded.entries`,
    `IF v_old THEN DELETE FROM report_owner_entries WHERE entries = 0 AND (${ENTRY_KEY}) IN` +
      ` (SELECT ${entity}, ${entryKey('o')} FROM stage_transitions t WHERE t.entity = ${entity} AND t.record_id = o_id); END IF`,
  ];
}
