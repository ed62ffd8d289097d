import type { SqlExec } from '../exec';
import {
  addSums,
  enteredSql,
  grains,
  inTimeSql,
  pendingShift,
  rowColumns,
  shardOf,
  SUMS,
} from './cohort-sql';
import { ownerShiftSql } from './owner-entries-sql';

/**
 * Set-based upkeep of report_rows and its groups (report_cohorts, report_cohort_months) after a bulk write (an import or seed batch).
 * The row triggers cost ~10 statements per record (several upserts of the same group row);
 * during a bulk write they are switched off (`BulkSwitch`) and these statements bring the rows
 * and groups of the written records up to date once per batch, inside the same transaction.
 * Each step takes a record out exactly as its report_rows row put it in and counts it anew, so
 * the end state equals what the triggers leave (test/contract/bulk-upkeep.case.ts), and running
 * it twice, or after triggers that did fire, changes nothing.
 */

/**
 * Runs `fn` (the bulk statements) with the report triggers of this transaction switched off,
 * then keeps the groups through the returned refresh. SQLite: a connection-registered function
 * the triggers' WHEN reads; PostgreSQL: a transaction-local setting.
 */
export type BulkSwitch = <T>(fn: () => Promise<T>) => Promise<T>;

type Dialect = 'sqlite' | 'postgres';

/**
 * Fewer rows than this are written with the triggers: the set-based statements cost a handful
 * of statements (round trips on PostgreSQL) whatever the batch, the triggers a few per row.
 */
export const BULK_MIN_ROWS = 16;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The ids (one JSON array parameter) as a one-column set. */
const idSet = (dialect: Dialect) =>
  dialect === 'postgres'
    ? '(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))'
    : '(SELECT value FROM json_each(?))';

/** Adds (sign 1) or takes out (-1) the rows `where` selects from their groups, one upsert a grain. */
function shiftAll(where: string, sign: 1 | -1, d: Dialect): string[] {
  // SQLite's groups are written behind (cohort-sql.ts PENDING): one pending row per day group.
  if (d === 'sqlite') return [pendingShift(where, sign, true)];
  const s = sign === 1 ? '' : '-';
  return grains(d).map(
    (g) =>
      `INSERT INTO ${g.table} (${g.key}, ${SUMS})` +
      ` SELECT ${g.values}, ${s}count(*), ${s}sum(created_at), ${s}sum(COALESCE(stage_at, 0)),` +
      ` ${s}sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), ${s}sum(in_time)` +
      ` FROM report_rows WHERE ${where} GROUP BY ${g.values} ORDER BY ${g.values}` +
      ` ${addSums(g)}`,
  );
}

const dropEmptied = (where: string, d: Dialect) =>
  (d === 'sqlite' ? [] : grains(d)).map(
    (g) =>
      `DELETE FROM ${g.table} WHERE records = 0 AND (${g.key}) IN (SELECT ${g.values} FROM report_rows WHERE ${where})`,
  );

/** Runs each statement with the same parameters. */
async function runAll(x: SqlExec, stmts: string[], params: unknown[]): Promise<void> {
  for (const sql of stmts) await x.run(sql, params);
}

/** Ids in batches: one JSON parameter each, bounded statements on a 100,000-row batch too. */
const CHUNK = 5000;
function* chunks(ids: readonly string[]): Generator<string> {
  for (let i = 0; i < ids.length; i += CHUNK) yield JSON.stringify(ids.slice(i, i + CHUNK));
}

/**
 * Records of `entity` (table `table`) inserted or changed in bulk: their report_rows rows are
 * rebuilt from the table and their stage transitions, and the groups moved accordingly.
 */
export async function refreshRecords(
  x: SqlExec,
  dialect: Dialect,
  entity: string,
  table: string,
  ids: readonly string[],
): Promise<void> {
  const e = lit(entity);
  const mine = `entity = ${e} AND record_id IN ${idSet(dialect)}`;
  const rowsOf = `entity = ${e} AND r.record_id IN ${idSet(dialect)}`;
  for (const json of chunks(ids)) {
    await runAll(x, shiftAll(mine, -1, dialect), [json]);
    await runAll(x, dropEmptied(mine, dialect), [json]);
    // PostgreSQL's stage entries per owner follow the rows: out under the old, in under the new.
    if (dialect === 'postgres') await runAll(x, ownerShiftSql(`r.${rowsOf}`, -1), [json]);
    await x.run(`DELETE FROM report_rows WHERE ${mine}`, [json]);
    await x.run(
      `INSERT INTO report_rows (${rowColumns(dialect)})` +
        ` SELECT ${e}, r.id, r.created_at / 86400000, COALESCE(r.owner_id, ''),` +
        ` COALESCE(r.team_id, ''), COALESCE(r.stage, ''), ${enteredSql(e, 'r.id', dialect)},` +
        ` r.created_at, r.stage_entered_at,` +
        ` ${inTimeSql(e, 'r.id', 'r.created_at', "COALESCE(r.owner_id, '') <> ''")}${shardOf(dialect, 'r.id')} FROM ${table} r` +
        ` WHERE r.id IN ${idSet(dialect)} AND r.deleted_at IS NULL`,
      [json],
    );
    await runAll(x, shiftAll(mine, 1, dialect), [json]);
    if (dialect === 'postgres') await runAll(x, ownerShiftSql(`r.${rowsOf}`, 1), [json]);
  }
}

/**
 * Stage transitions appended in bulk: each live record they belong to moves to the group of
 * its new set of entered stages (records without a report_rows row are not live, or not
 * written yet: their own insert reads the transitions).
 */
export async function reenterRecords(
  x: SqlExec,
  dialect: Dialect,
  pairs: readonly { entity: string; recordId: string }[],
): Promise<void> {
  const byEntity = new Map<string, Set<string>>();
  for (const p of pairs) {
    let ids = byEntity.get(p.entity);
    if (!ids) byEntity.set(p.entity, (ids = new Set()));
    ids.add(p.recordId);
  }
  for (const [entity, set] of byEntity) {
    const e = lit(entity);
    const mine = `entity = ${e} AND record_id IN ${idSet(dialect)}`;
    for (const json of chunks([...set])) {
      await runAll(x, shiftAll(mine, -1, dialect), [json]);
      await runAll(x, dropEmptied(mine, dialect), [json]);
      await x.run(
        `UPDATE report_rows SET entered = ${enteredSql(e, 'report_rows.record_id', dialect)} WHERE ${mine}`,
        [json],
      );
      await runAll(x, shiftAll(mine, 1, dialect), [json]);
    }
  }
}
