import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import {
  addSql,
  PENDING,
  inTimeStale,
  rebuildSql,
  reenterSql,
  retimeSql,
  TRACKED,
} from '../sql/reports/cohort-sql';
import { touchTracked } from '../sql/reports/touch-sql';
import { BULK_FUNCTION } from './bulk-flag';
import { DIRTY, settleView } from './report-settle';

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
  settle: `report__${entity}__settle`,
});

/**
 * Triggers written before the month groups (migration 0013) keep only the day groups: they are
 * recreated, and the entity's groups rebuilt from its records. Triggers of another text that
 * keep the months (say the insert trigger before it stopped taking out a row a new record
 * cannot have, or those that wrote the groups before they were written behind: migration 0018)
 * are replaced alone: the rows and groups they kept are the same, as are those that only mark
 * the record dirty (its settle counts it).
 */
const KEEPS_MONTHS = ['report_cohort_months', PENDING, DIRTY];
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

/**
 * The entity table's triggers, by name, as SQLite keeps their text in sqlite_master: a write of
 * what the record's report rows hold — an insert (a bulk insert keeps its rows itself), an
 * update of a column report_rows (TRACKED) or report_touch_rows (touch-sql.ts touchTracked)
 * reads, a delete — only adds the record to report_dirty (report-settle.ts), both ids when an
 * update changes its id. The rows and groups follow at the settle. Why: counting the record in
 * the write (the triggers of before, still recognised: KEEPS_MONTHS) cost ~20 % of an engine
 * create and 7 WAL pages of its commit (docs/deploy.md, session 26).
 */
function recordTriggers(info: EntityTableInfo): Map<string, string> {
  const n = names(info.entity);
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  const tracked = [...new Set([...TRACKED, ...touchTracked(info)])];
  const changed = tracked.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const mark = (...rows: string[]) =>
    body([
      `INSERT OR IGNORE INTO ${DIRTY} (entity, record_id) VALUES ${rows.map((r) => `(${e}, ${r})`).join(', ')}`,
    ]);
  return new Map([
    [
      n.insert,
      `CREATE TRIGGER ${n.insert} AFTER INSERT ON ${t} WHEN ${NOT_BULK}
${mark('NEW.id')}`,
    ],
    [
      n.update,
      `CREATE TRIGGER ${n.update} AFTER UPDATE ON ${t} WHEN ${changed}
${mark('NEW.id', 'OLD.id')}`,
    ],
    [
      n.delete,
      `CREATE TRIGGER ${n.delete} AFTER DELETE ON ${t}
${mark('OLD.id')}`,
    ],
  ]);
}

/**
 * The entity's settle view (report-settle.ts settleView) over its table, and the trigger that
 * counts a record inserted into it as the insert trigger of before did (addSql, verbatim).
 */
function settleViewSql(info: EntityTableInfo): { view: string; trigger: [string, string] } {
  const v = quoteIdent(settleView(info.entity));
  const name = names(info.entity).settle;
  return {
    view: `CREATE VIEW ${v} AS SELECT * FROM ${quoteIdent(info.table)}`,
    trigger: [
      name,
      `CREATE TRIGGER ${name} INSTEAD OF INSERT ON ${v}\n` +
        body(addSql(lit(info.entity), 'NEW', 'sqlite')),
    ],
  };
}

/** Makes the entity's settle view and its report trigger those of `settleViewSql`. */
function ensureSettleView(db: StoreDb, info: EntityTableInfo): void {
  const want = settleViewSql(info);
  const name = settleView(info.entity);
  const view = db.sqlite
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?")
    .get(name) as { sql: string } | undefined;
  // Over another table (a table of the entity archived, a new one made): made anew, its
  // triggers with it (the first-touch one then rebuilds its rows: touch-triggers.ts).
  if (view && view.sql !== want.view) db.sqlite.exec(`DROP VIEW ${quoteIdent(name)}`);
  if (view?.sql !== want.view) db.sqlite.exec(want.view);
  const [trigger, sql] = want.trigger;
  const have = triggerSql(db, name).get(trigger);
  if (have === sql) return;
  if (have !== undefined) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(trigger)}`);
  db.sqlite.exec(sql);
}

/**
 * Makes the entity table mark its records for the settle (report_rows and its groups kept
 * behind the write), with its settle view; when its triggers were missing or older than the
 * month groups (a table from before them, or recreated), rebuilds its rows and groups from the
 * records (the backfill). Returns whether it rebuilt. Run inside a transaction.
 */
export function ensureReportTriggers(db: StoreDb, info: EntityTableInfo): boolean {
  ensureTransitionTriggers(db);
  ensureFirstOwnerTriggers(db);
  ensureSettleView(db, info);
  const want = recordTriggers(info);
  const have = triggerSql(db, info.table);
  const stray = [...have.keys()].filter((k) => k.startsWith('report__') && !want.has(k));
  const stale = [...want].filter(([name, sql]) => have.get(name) !== sql);
  if (stale.length === 0 && stray.length === 0) return false;
  // Judged by the three triggers every version had: the in-place move (report__<entity>__set)
  // came after the month groups, and a table without it only lacks a faster update. Triggers
  // that counted the record in its write leave its rows up to date: the new ones mark it later.
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
  for (const name of [...want.keys(), n.before, `report__${info.entity}__set`])
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  for (const sql of want.values()) db.sqlite.exec(sql);
  for (const sql of rebuildSql(quoteIdent(info.table), lit(info.entity), 'sqlite'))
    db.sqlite.exec(sql);
  return true;
}

/**
 * The entity table's dirty update trigger, when it names `column` (a money field about to be
 * dropped or converted), made anew over the columns report_rows reads alone: report_rows stays
 * exact through the migration, and its closing syncIndexes step makes the whole trigger again
 * (the first-touch rows are rebuilt then: touch-triggers.ts dropTouchTriggersOn).
 */
export function narrowDirtyTrigger(db: StoreDb, table: string, column: string): void {
  for (const [name, sql] of triggerSql(db, table)) {
    const entity = /^report__(.+)__upd$/.exec(name)?.[1];
    if (!entity || !sql.includes(quoteIdent(column)) || !sql.includes(DIRTY)) continue;
    const changed = TRACKED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
    db.sqlite.exec(`DROP TRIGGER ${quoteIdent(name)}`);
    db.sqlite.exec(sql.replace(/ WHEN .*\n/, ` WHEN ${changed}\n`));
  }
}
