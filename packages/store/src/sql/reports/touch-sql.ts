import type { EntityTableInfo } from '../../entity/entity-table';
import type { SqlExec } from '../exec';
import { monthOf, shardOf, type Dialect } from './cohort-sql';

/**
 * First-touch attribution's maintained groups (docs/reports.md "First-touch groups"): each live
 * record has a row in report_touch_rows per money field of its entity (one row with field ''
 * when it has none) holding what attribution by first touch groups and sums — its creation time
 * and UTC month, team, stage, its first touch's source, medium, campaign and content, and the
 * field's amount — and report_touch_months counts those rows per month and key with the amounts
 * summed. A quarter at 1,000,000 leads reads ~13,000 month groups and the records of the days at
 * its ends instead of joining 250,000 records to their first touches (594–910 ms on SQLite,
 * 649–836 on PostgreSQL, session 23's quiet slot). Shared by the SQLite triggers, the PostgreSQL
 * trigger functions and bulk upkeep; like report_rows, a record's contribution is taken out
 * exactly as its rows put it in.
 *
 * A UTM value is kept as '' for none and '=' followed by the value otherwise: the keys are
 * NOT NULL (a primary key), and a value of '' stays apart from none as the full query keeps it.
 */

export const TOUCH_UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;

/** The kept first-touch fields (scope.ts's virtual fields) by report_touch_rows column. */
export const TOUCH_FIELDS: Record<string, (typeof TOUCH_UTM)[number]> = {
  firstUtmSource: 'utm_source',
  firstUtmMedium: 'utm_medium',
  firstUtmCampaign: 'utm_campaign',
  firstUtmContent: 'utm_content',
};

/** A money field summed by the groups: its key and the entity table's column. */
export type TouchField = { key: string; column: string };

/** The entity's money fields (integers: sums stay exact), or the one row of field '' without. */
export function touchFields(info: EntityTableInfo): TouchField[] {
  const money = info.fieldColumns
    .filter((c) => c.field?.type === 'money' && c.sqlType === 'integer')
    .map((c) => ({ key: c.key, column: c.column }));
  return money.length ? money : [{ key: '', column: 'NULL' }];
}

/**
 * On PostgreSQL a group is split over 16 rows (`shard`, from a hash of the record id; reads sum
 * them), as report_cohorts' unowned groups are: every intake create is first counted under no
 * first touch (its touch is written after it) and then under its campaign, so one row per month,
 * team and stage would take every concurrent writer's lock in turn until its commit. SQLite has
 * one writer.
 */
const shardColumn = (d: Dialect) => (d === 'postgres' ? ', shard' : '');
const rowColumns = (d: Dialect) =>
  `entity, record_id, field, created_at, month, team_id, stage, utm_source, utm_medium, utm_campaign, utm_content, amount${shardColumn(d)}`;
const touchKey = (d: Dialect) =>
  `entity, month, field, team_id, stage, utm_source, utm_medium, utm_campaign, utm_content${shardColumn(d)}`;
const SUMS = ['records', 'amount_sum', 'amount_n'];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const enc = (v: string) => `CASE WHEN ${v} IS NULL THEN '' ELSE '=' || ${v} END`;

/**
 * The rows of the records `from` names (alias `r`: NEW in a trigger, the entity table in bulk),
 * live ones only, one INSERT per money field. `where` narrows a table's records.
 */
function touchInsertSql(
  e: string,
  info: EntityTableInfo,
  r: string,
  from: string,
  where: string,
  d: Dialect,
): string[] {
  return touchFields(info).map(
    (f) =>
      `INSERT INTO report_touch_rows (${rowColumns(d)})` +
      ` SELECT ${e}, ${r}.id, ${lit(f.key)}, ${r}.created_at, ${monthOf(d, `${r}.created_at / 86400000`)},` +
      ` COALESCE(${r}.team_id, ''), COALESCE(${r}.stage, ''),` +
      ` ${TOUCH_UTM.map((c) => enc(`ft.${c}`)).join(', ')},` +
      ` ${f.column === 'NULL' ? 'NULL' : `${r}.${f.column}`}${shardOf(d, `${r}.id`)}` +
      ` FROM ${from} LEFT JOIN report_first_touch ft ON ft.entity = ${e} AND ft.record_id = ${r}.id` +
      ` WHERE ${r}.deleted_at IS NULL${where ? ` AND ${where}` : ''}`,
  );
}

/**
 * SQLite's month groups are written behind, as its report day groups are (cohort-sql.ts PENDING):
 * a change of a group is a row of report_touch_pending (the group's key and signed sums), moved
 * into report_touch_months by the automations' upkeep (touchFoldSql) and read with the groups
 * meanwhile (touch-read.ts). Why: a create's upsert and its first touch's two upserts and delete
 * of the same groups cost 25–44 µs a store write and WAL pages for the groups' b-tree in every
 * write (session 24). The rows (report_touch_rows) stay written in the write's transaction: the
 * partial months' reads and the next change of the record read them. PostgreSQL's concurrent
 * writers upsert their shards directly. `behind`: false only to recognise the triggers of before.
 */
export const TOUCH_PENDING = 'report_touch_pending';

/**
 * Adds (sign 1) or takes out (-1) the rows `where` selects from their month groups. `grouped`:
 * many records at once (PostgreSQL's upsert may not meet a row twice in one statement).
 */
function touchShiftSql(
  where: string,
  sign: 1 | -1,
  grouped: boolean,
  d: Dialect,
  behind: boolean,
): string {
  const key = touchKey(d);
  const s = sign === 1 ? '' : '-';
  const sums = grouped
    ? `${s}count(*), ${s}sum(COALESCE(amount, 0)), ${s}sum(CASE WHEN amount IS NULL THEN 0 ELSE 1 END)`
    : `${s}1, ${s}COALESCE(amount, 0), ${s}(CASE WHEN amount IS NULL THEN 0 ELSE 1 END)`;
  if (behind)
    return (
      `INSERT INTO ${TOUCH_PENDING} (${key}, ${SUMS.join(', ')})` +
      ` SELECT ${key}, ${sums} FROM report_touch_rows WHERE ${where}` +
      (grouped ? ` GROUP BY ${key}` : '')
    );
  return (
    `INSERT INTO report_touch_months (${key}, ${SUMS.join(', ')})` +
    ` SELECT ${key}, ${sums} FROM report_touch_rows WHERE ${where}` +
    (grouped ? ` GROUP BY ${key} ORDER BY ${key}` : '') +
    ` ON CONFLICT (${key}) DO UPDATE SET ` +
    SUMS.map((c) => `${c} = report_touch_months.${c} + excluded.${c}`).join(', ')
  );
}

/** Deletes the groups the rows `where` selects count in once emptied (written behind: the fold). */
const dropEmptied = (where: string, d: Dialect, behind: boolean) =>
  behind
    ? []
    : [
        `DELETE FROM report_touch_months WHERE records = 0 AND (${touchKey(d)}) IN (SELECT ${touchKey(d)} FROM report_touch_rows WHERE ${where})`,
      ];

/** Takes the rows `where` selects out of their groups (emptied groups deleted), then drops them. */
export function touchRemoveSql(
  where: string,
  grouped: boolean,
  d: Dialect,
  behind = d === 'sqlite',
): string[] {
  return [
    touchShiftSql(where, -1, grouped, d, behind),
    ...dropEmptied(where, d, behind),
    `DELETE FROM report_touch_rows WHERE ${where}`,
  ];
}

/** One record's rows: entity `e` and id `r` as SQL expressions. */
export const touchRecord = (e: string, r: string) => `entity = ${e} AND record_id = ${r}`;

/**
 * A record (a live row `r` of the entity table: NEW in a trigger) written: its rows taken out
 * (`old`: the id it had, or null for an insert) and written anew, with its first touch as kept.
 */
export function touchRecordSql(
  e: string,
  info: EntityTableInfo,
  old: string | null,
  r: string,
  d: Dialect,
  behind = d === 'sqlite',
): string[] {
  return [
    ...(old === null ? [] : touchRemoveSql(touchRecord(e, old), false, d, behind)),
    ...touchInsertSql(e, info, r, d === 'sqlite' ? '(SELECT 1)' : '(SELECT 1) one', '', d),
    touchShiftSql(touchRecord(e, `${r}.id`), 1, false, d, behind),
  ];
}

/**
 * SQLite: the rows of a record `r` (NEW of the entity table) that stays live under its id and
 * creation time (cohort-sql.ts STAYS), rewritten in place between their groups' take-out and
 * their new groups' add. Their first touch, field, creation time and month stay: nothing is read
 * from report_first_touch, no row is deleted and inserted anew, and the creation index is not
 * written (a WAL page less in an assignment's commit).
 */
export function touchMoveSql(e: string, info: EntityTableInfo, r: string): string[] {
  const mine = touchRecord(e, `${r}.id`);
  const fields = touchFields(info);
  const column = (f: TouchField) => (f.column === 'NULL' ? 'NULL' : `${r}.${f.column}`);
  const amount =
    fields.length === 1
      ? column(fields[0]!)
      : `CASE field ${fields.map((f) => `WHEN ${lit(f.key)} THEN ${column(f)}`).join(' ')} END`;
  return [
    touchShiftSql(mine, -1, false, 'sqlite', true),
    `UPDATE report_touch_rows SET team_id = COALESCE(${r}.team_id, ''),` +
      ` stage = COALESCE(${r}.stage, ''), amount = ${amount} WHERE ${mine}`,
    touchShiftSql(mine, 1, false, 'sqlite', true),
  ];
}

/**
 * The record's first touch changed (report_first_touch written): its rows move to the groups of
 * the new UTM values. Nothing changes for a record without rows (not live, or not written yet:
 * its insert reads the first touch).
 */
export function touchRetouchSql(
  e: string,
  r: string,
  d: Dialect,
  behind = d === 'sqlite',
): string[] {
  const mine = touchRecord(e, r);
  const value = (c: string) =>
    `COALESCE((SELECT ${enc(`ft.${c}`)} FROM report_first_touch ft WHERE ft.entity = ${e} AND ft.record_id = ${r}), '')`;
  return [
    touchShiftSql(mine, -1, false, d, behind),
    ...dropEmptied(mine, d, behind),
    `UPDATE report_touch_rows SET ${TOUCH_UTM.map((c) => `${c} = ${value(c)}`).join(', ')} WHERE ${mine}`,
    touchShiftSql(mine, 1, false, d, behind),
  ];
}

/** The entity-table columns whose change moves a record's rows: what they hold. */
export function touchTracked(info: EntityTableInfo): string[] {
  const money = touchFields(info).flatMap((f) => (f.column === 'NULL' ? [] : [f.column]));
  return ['id', 'created_at', 'team_id', 'stage', 'deleted_at', ...money];
}

/** Rebuilds the entity's rows and groups from its live records (the backfill). */
export function touchRebuildSql(table: string, info: EntityTableInfo, d: Dialect): string[] {
  const e = lit(info.entity);
  return [
    `DELETE FROM report_touch_months WHERE entity = ${e}`,
    ...(d === 'sqlite' ? [`DELETE FROM ${TOUCH_PENDING} WHERE entity = ${e}`] : []),
    `DELETE FROM report_touch_rows WHERE entity = ${e}`,
    ...touchInsertSql(e, info, 'r', `${table} r`, '', d),
    `INSERT INTO report_touch_months (${touchKey(d)}, ${SUMS.join(', ')})` +
      ` SELECT ${touchKey(d)}, count(*), sum(COALESCE(amount, 0)), sum(CASE WHEN amount IS NULL THEN 0 ELSE 1 END)` +
      ` FROM report_touch_rows WHERE entity = ${e} GROUP BY ${touchKey(d)}`,
  ];
}

/** The ids (one JSON array parameter) as a one-column set. */
const idSet = (d: Dialect) =>
  d === 'postgres'
    ? '(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))'
    : '(SELECT value FROM json_each(?))';

/**
 * Records inserted or changed in bulk (their triggers off): their rows rebuilt from the table and
 * the groups moved accordingly, in batches of ids. Running it again changes nothing.
 */
export async function refreshTouches(
  x: SqlExec,
  d: Dialect,
  info: EntityTableInfo,
  table: string,
  ids: readonly string[],
): Promise<void> {
  const e = lit(info.entity);
  const mine = `entity = ${e} AND record_id IN ${idSet(d)}`;
  for (let i = 0; i < ids.length; i += 5000) {
    const json = JSON.stringify(ids.slice(i, i + 5000));
    for (const sql of [
      ...touchRemoveSql(mine, true, d),
      ...touchInsertSql(e, info, 'r', `${table} r`, `r.id IN ${idSet(d)}`, d),
      touchShiftSql(mine, 1, true, d, d === 'sqlite'),
    ])
      await x.run(sql, [json]);
  }
}

/**
 * SQLite's fold of the pending group changes up to rowid `last` (an SQL expression) into
 * report_touch_months: one grouped upsert, the groups they emptied deleted, the rows removed.
 * Exact at any `last`: a record's add is queued before its take-out, so the moved rows never take
 * out what the groups do not hold yet.
 */
export function touchFoldSql(last: string): string[] {
  const key = touchKey('sqlite');
  const upTo = `FROM ${TOUCH_PENDING} WHERE rowid <= ${last}`;
  return [
    `INSERT INTO report_touch_months (${key}, ${SUMS.join(', ')})` +
      ` SELECT ${key}, ${SUMS.map((c) => `sum(${c})`).join(', ')} ${upTo} GROUP BY ${key}` +
      // A record added and taken out again in the same rows leaves nothing to write.
      ` HAVING ${SUMS.map((c) => `sum(${c}) <> 0`).join(' OR ')} ORDER BY ${key}` +
      ` ON CONFLICT (${key}) DO UPDATE SET ` +
      SUMS.map((c) => `${c} = report_touch_months.${c} + excluded.${c}`).join(', '),
    `DELETE FROM report_touch_months WHERE records = 0 AND (${key}) IN (SELECT ${key} ${upTo})`,
    `DELETE ${upTo}`,
  ];
}
