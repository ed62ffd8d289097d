import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import {
  addSql,
  moveSql,
  PENDING,
  inTimeStale,
  rebuildSql,
  reenterSql,
  removeSql,
  retimeSql,
  STAYS,
  TRACKED,
} from '../sql/reports/cohort-sql';
import { BULK_FUNCTION } from './bulk-flag';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;
/** Inserts of a bulk write skip the row triggers: the bulk call keeps the groups per batch. */
const NOT_BULK = `NOT ${BULK_FUNCTION}()`;

/**
 * Trigger names carry the entity key: a table renamed under another entity gets new ones. The
 * insert trigger is `add` since it skips bulk inserts; `ins` was the one before, which fired on
 * every insert (dropped with the other report triggers when they are recreated).
 */
const names = (entity: string) => ({
  insert: `report__${entity}__add`,
  update: `report__${entity}__upd`,
  move: `report__${entity}__set`,
  delete: `report__${entity}__del`,
  before: `report__${entity}__ins`,
});

/**
 * Triggers written before the month groups (migration 0013) keep only the day groups: they are
 * recreated, and the entity's groups rebuilt from its records. Triggers of another text that
 * keep the months (say the insert trigger before it stopped taking out a row a new record
 * cannot have, or those that wrote the groups before they were written behind: migration 0018)
 * are replaced alone: the rows and groups they kept are the same.
 */
const KEEPS_MONTHS = ['report_cohort_months', PENDING];
const keepsMonths = (sql: string | undefined) => KEEPS_MONTHS.some((t) => sql?.includes(t));

/** The SQL of the triggers on `table`, by name. */
function triggerSql(db: StoreDb, table: string): Map<string, string> {
  const rows = db.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
    .all(table) as { name: string; sql: string }[];
  return new Map(rows.map((t) => [t.name, t.sql]));
}

/**
 * The transitions' triggers, one pair for every entity, and report_rows' own pair. A transition
 * only rewrites its record's `entered` (a record without a row is not live, or not written yet:
 * its insert reads its transitions); the row's update triggers move it between groups, the
 * BEFORE one taking it out of the groups of its old set (read from report_rows, still old), the
 * AFTER one counting it in those of its new set. SQLite runs a trigger's WHEN inside the
 * trigger's program, whose frame (a register per value of every statement) it allocates and
 * clears each time it fires: with the group statements in the transitions' triggers, every
 * create's first transition paid for seven statements it did not run (~37,000 instructions of
 * the ~620,000 of a create's SQL, valgrind; ~9,000 left with the UPDATE alone).
 * `reenterSql`'s statements, split at its UPDATE: their order and text stay those the
 * PostgreSQL functions run.
 */
function transitionTriggers(): Map<string, string> {
  const on = (r: string) => reenterSql(`${r}.entity`, `${r}.record_id`, 'sqlite');
  const split = (r: string) => {
    const stmts = on(r);
    const at = stmts.findIndex((q) => q.startsWith('UPDATE report_rows SET entered'));
    return { leave: stmts.slice(0, at), update: stmts[at]!, enter: stmts.slice(at + 1) };
  };
  // Bulk writes keep the groups themselves (sql/reports/bulk-upkeep.ts), their own updates of
  // `entered` included: the row's triggers are off with the other report triggers then.
  const moved = `UPDATE OF entered ON report_rows WHEN OLD.entered IS NOT NEW.entered AND ${NOT_BULK}`;
  return new Map([
    [
      'report__transition_add',
      `CREATE TRIGGER report__transition_add AFTER INSERT ON stage_transitions WHEN ${NOT_BULK}\n` +
        body([split('NEW').update]),
    ],
    [
      'report__transition_del',
      `CREATE TRIGGER report__transition_del AFTER DELETE ON stage_transitions\n` +
        body([split('OLD').update]),
    ],
    [
      'report__row_leave',
      `CREATE TRIGGER report__row_leave BEFORE ${moved}\n` + body(split('OLD').leave),
    ],
    [
      'report__row_enter',
      `CREATE TRIGGER report__row_enter AFTER ${moved}\n` + body(split('NEW').enter),
    ],
  ]);
}

/** Brings the transitions' and report_rows' triggers to `transitionTriggers`, all at once. */
function ensureTransitionTriggers(db: StoreDb): void {
  const have = new Map([...triggerSql(db, 'stage_transitions'), ...triggerSql(db, 'report_rows')]);
  if (have.has('report__transition_ins')) db.sqlite.exec('DROP TRIGGER report__transition_ins');
  for (const [name, want] of transitionTriggers()) {
    const sql = have.get(name);
    if (sql === want) continue;
    if (sql !== undefined) db.sqlite.exec(`DROP TRIGGER ${name}`);
    db.sqlite.exec(want);
  }
}

/**
 * The first owners' triggers, one set for every entity: a record's kept first owner written,
 * changed or removed (report_first_owner, kept from record_history by migration 0014's triggers)
 * may change whether it was assigned within 24 hours; its row and groups then take the new
 * value (cohort-sql.ts retimeSql). Nothing runs when the value stays, as for most writes: a
 * record created owned keeps 1, one assigned later was counted by its owner when it got it.
 */
function ensureFirstOwnerTriggers(db: StoreDb): void {
  const have = triggerSql(db, 'report_first_owner');
  for (const [name, ev, row] of [
    ['report__in_time_add', 'INSERT', 'NEW'],
    ['report__in_time_upd', 'UPDATE', 'NEW'],
    ['report__in_time_del', 'DELETE', 'OLD'],
  ] as const) {
    const [e, r] = [`${row}.entity`, `${row}.record_id`];
    const want =
      `CREATE TRIGGER ${name} AFTER ${ev} ON report_first_owner WHEN ${inTimeStale(e, r)}\n` +
      body(retimeSql(e, r, 'sqlite'));
    const sql = have.get(name);
    if (sql === want) continue;
    if (sql !== undefined) db.sqlite.exec(`DROP TRIGGER ${name}`);
    db.sqlite.exec(want);
  }
}

/** The entity table's three triggers, by name, as SQLite keeps their text in sqlite_master. */
function recordTriggers(info: EntityTableInfo): Map<string, string> {
  const n = names(info.entity);
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  // An update takes out what the record counted and counts it anew. An insert only adds: a new
  // id has no report_rows row (a delete took out the row of any earlier record of that id, and
  // a rebuild those of an archived table), so taking it out ran five statements that found
  // nothing, ~40 % of the trigger's time (docs/deploy.md). A row that was there would make the
  // insert fail on report_rows' key, not count twice.
  const changed = TRACKED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const again = body([...removeSql(e, 'OLD.id', 'sqlite'), ...addSql(e, 'NEW', 'sqlite')]);
  // Most updates (an assignment, a stage move) keep the record live under its id and creation
  // time: its row is rewritten in place (moveSql). The others take it out and add it anew.
  return new Map([
    [
      n.insert,
      `CREATE TRIGGER ${n.insert} AFTER INSERT ON ${t} WHEN ${NOT_BULK}\n` +
        body(addSql(e, 'NEW', 'sqlite')),
    ],
    [
      n.update,
      `CREATE TRIGGER ${n.update} AFTER UPDATE ON ${t} WHEN (${changed}) AND NOT (${STAYS})\n${again}`,
    ],
    [
      n.move,
      `CREATE TRIGGER ${n.move} AFTER UPDATE ON ${t} WHEN (${changed}) AND ${STAYS}\n` +
        body(moveSql(e, 'NEW')),
    ],
    [
      n.delete,
      `CREATE TRIGGER ${n.delete} AFTER DELETE ON ${t}\n` + body(removeSql(e, 'OLD.id', 'sqlite')),
    ],
  ]);
}

/**
 * Makes the entity table keep report_rows and its groups in every write's transaction; when its
 * triggers were missing or older than the month groups (a table from before them, or
 * recreated), rebuilds its rows and groups from the records (the backfill). Returns whether it
 * rebuilt. Run inside a transaction.
 */
export function ensureReportTriggers(db: StoreDb, info: EntityTableInfo): boolean {
  ensureTransitionTriggers(db);
  ensureFirstOwnerTriggers(db);
  const want = recordTriggers(info);
  const have = triggerSql(db, info.table);
  const stray = [...have.keys()].filter((k) => k.startsWith('report__') && !want.has(k));
  const stale = [...want].filter(([name, sql]) => have.get(name) !== sql);
  if (stale.length === 0 && stray.length === 0) return false;
  // Judged by the three triggers every version had: the in-place move (report__<entity>__set)
  // came after the month groups, and a table without it only lacks a faster update.
  const n = names(info.entity);
  const rebuild = [n.insert, n.update, n.delete].some((k) => !keepsMonths(have.get(k)));
  if (!rebuild) {
    for (const name of stray) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(name)}`);
    for (const [name, sql] of stale) {
      db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
      db.sqlite.exec(sql);
    }
    return false;
  }
  for (const old of have.keys())
    if (old.startsWith('report__')) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(old)}`);
  // Trigger names are per database: an archived table of the same entity may still hold them.
  for (const name of [...want.keys(), names(info.entity).before])
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  for (const sql of want.values()) db.sqlite.exec(sql);
  for (const sql of rebuildSql(quoteIdent(info.table), lit(info.entity), 'sqlite'))
    db.sqlite.exec(sql);
  return true;
}
