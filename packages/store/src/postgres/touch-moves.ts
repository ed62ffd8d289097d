import type { EntityTableInfo } from '../entity/entity-table';
import { monthOf, shardOf } from '../sql/reports/cohort-sql';
import { TOUCH_UTM, touchFields, touchRecord } from '../sql/reports/touch-sql';

/**
 * The statements PostgreSQL's first-touch trigger functions (touch-triggers.ts) keep
 * report_touch_rows and report_touch_months with (sql/reports/touch-sql.ts says what they hold).
 * A record's move between month groups — a stage or team change, a new first touch — is one
 * upsert of the groups it leaves and enters, in key order, with the sums' difference per group
 * (a move within one group writes only what changed, nothing when nothing did). Taking the old
 * group out and putting the new one in as two statements, as before, let two writers moving
 * records of one shard in opposite directions each hold the group the other was about to take:
 * a deadlock (test/touch-moves-pg.test.ts). The same order as report-moves.ts's groups.
 */

/** report_touch_months' key, its primary key's columns in order, and its sums. */
const KEY = ['entity', 'month', 'field', 'team_id', 'stage', ...TOUCH_UTM, 'shard'];
const SUMS = ['records', 'amount_sum', 'amount_n'];
/** report_touch_rows' columns in the order `incoming` sources give them. */
const ROW = [
  'entity',
  'record_id',
  'field',
  'created_at',
  'month',
  'team_id',
  'stage',
  ...TOUCH_UTM,
  'amount',
  'shard',
];
/** Key order across transactions: text in byte order (the tables' collation, "C"). */
const ORDER = KEY.map((k) => (k === 'month' || k === 'shard' ? k : `${k} COLLATE "C"`)).join(', ');

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const enc = (v: string) => `CASE WHEN ${v} IS NULL THEN '' ELSE '=' || ${v} END`;
/** UTM column `c` of record `r`'s first touch as kept ('' without one). */
const utmNow = (e: string, r: string, c: string) =>
  `COALESCE((SELECT ${enc(`ft.${c}`)} FROM report_first_touch ft WHERE ft.entity = ${e} AND ft.record_id = ${r}), '')`;

/**
 * The rows the live record `r` (NEW in a trigger) has, one per money field of its entity, with
 * its first touch as kept: a row source of ROW's columns (empty when the record is deleted).
 */
function incomingRows(e: string, info: EntityTableInfo, r: string): string {
  return touchFields(info)
    .map(
      (f) =>
        `SELECT ${e}, ${r}.id, ${lit(f.key)}, ${r}.created_at, ${monthOf('postgres', `${r}.created_at / 86400000`)},` +
        ` COALESCE(${r}.team_id, ''), COALESCE(${r}.stage, ''),` +
        ` ${TOUCH_UTM.map((c) => enc(`ft.${c}`)).join(', ')},` +
        ` ${f.column === 'NULL' ? 'CAST(NULL AS bigint)' : `${r}.${f.column}`}${shardOf('postgres', `${r}.id`)}` +
        ` FROM (SELECT 1) one LEFT JOIN report_first_touch ft ON ft.entity = ${e} AND ft.record_id = ${r}.id` +
        ` WHERE ${r}.deleted_at IS NULL`,
    )
    .join(' UNION ALL ');
}

/** The record's kept rows with the UTM values of its first touch as it is now. */
function retouchedRows(e: string, r: string): string {
  const cols = ROW.map((c) => ((TOUCH_UTM as readonly string[]).includes(c) ? utmNow(e, r, c) : c));
  return `SELECT ${cols.join(', ')} FROM report_touch_rows WHERE ${touchRecord(e, r)}`;
}

/**
 * One upsert of the month groups: the kept rows `out` selects taken out and `into` (a
 * row source, ROW's columns) counted in, summed per group, in key order.
 */
function groupMove(out: string, into: string): string {
  const part = (sign: '' | '-', source: string) =>
    `SELECT ${KEY.join(', ')}, ${sign}1, ${sign}COALESCE(amount, 0), ${sign}(CASE WHEN amount IS NULL THEN 0 ELSE 1 END) FROM ${source}`;
  const parts = [
    part('-', `report_touch_rows WHERE ${out}`),
    part('', `(${into}) n (${ROW.join(', ')})`),
  ];
  const d = SUMS.map((c) => `d_${c}`);
  return (
    `INSERT INTO report_touch_months (${KEY.join(', ')}, ${SUMS.join(', ')})` +
    ` SELECT ${KEY.join(', ')}, ${d.map((c) => `sum(${c})`).join(', ')}` +
    ` FROM (${parts.join(' UNION ALL ')}) x (${KEY.join(', ')}, ${d.join(', ')})` +
    ` GROUP BY ${KEY.join(', ')} HAVING ${d.map((c) => `sum(${c}) <> 0`).join(' OR ')}` +
    ` ORDER BY ${ORDER}` +
    ` ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ` +
    SUMS.map((c) => `${c} = report_touch_months.${c} + excluded.${c}`).join(', ')
  );
}

/**
 * The kept rows `where` selects counted in (sign '') or taken out of ('-') their groups: a
 * record's rows differ in their field, so each is one group, taken in key order without the
 * grouping a move needs (a create's touch trigger 51 → 73 µs median with it, not quiet).
 */
function groupShift(where: string, sign: '' | '-'): string {
  return (
    `INSERT INTO report_touch_months (${KEY.join(', ')}, ${SUMS.join(', ')})` +
    ` SELECT ${KEY.join(', ')}, ${sign}1, ${sign}COALESCE(amount, 0), ${sign}(CASE WHEN amount IS NULL THEN 0 ELSE 1 END)` +
    ` FROM report_touch_rows WHERE ${where} ORDER BY ${ORDER}` +
    ` ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ` +
    SUMS.map((c) => `${c} = report_touch_months.${c} + excluded.${c}`).join(', ')
  );
}

/** Deletes the groups the kept rows `where` selects were counted in, once emptied. */
const dropEmptied = (where: string) =>
  `DELETE FROM report_touch_months WHERE records = 0 AND (${KEY.join(', ')}) IN (SELECT ${KEY.join(', ')} FROM report_touch_rows WHERE ${where})`;

/** The entity's rows of record `r` (NEW) written, then counted in their groups. */
export function touchInsertMoves(e: string, info: EntityTableInfo, r: string): string[] {
  const mine = touchRecord(e, `${r}.id`);
  return [
    `INSERT INTO report_touch_rows (${ROW.join(', ')}) ${incomingRows(e, info, r)}`,
    groupShift(mine, ''),
  ];
}

/**
 * Record `r` (NEW) changed, its id before being `old`: its groups moved in one upsert, the
 * emptied ones deleted, its rows written anew.
 */
export function touchUpdateMoves(
  e: string,
  info: EntityTableInfo,
  old: string,
  r: string,
): string[] {
  const before = touchRecord(e, old);
  return [
    groupMove(before, incomingRows(e, info, r)),
    dropEmptied(before),
    `DELETE FROM report_touch_rows WHERE ${before}`,
    `INSERT INTO report_touch_rows (${ROW.join(', ')}) ${incomingRows(e, info, r)}`,
  ];
}

/** The record `old` deleted: taken out of its groups, its rows dropped. */
export function touchDeleteMoves(e: string, old: string): string[] {
  const before = touchRecord(e, old);
  return [
    groupShift(before, '-'),
    dropEmptied(before),
    `DELETE FROM report_touch_rows WHERE ${before}`,
  ];
}

/** Record `r`'s first touch changed: its rows move to the groups of the new UTM values. */
export function touchRetouchMoves(e: string, r: string): string[] {
  const mine = touchRecord(e, r);
  return [
    groupMove(mine, retouchedRows(e, r)),
    dropEmptied(mine),
    `UPDATE report_touch_rows SET ${TOUCH_UTM.map((c) => `${c} = ${utmNow(e, r, c)}`).join(', ')} WHERE ${mine}`,
  ];
}
