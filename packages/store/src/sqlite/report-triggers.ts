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
import { followMark } from './report-mark';
import { FIRST_OWNER_SOURCE } from '../sql/reports/firsts-sql';
import { dropInsertTrigger, FIRSTS_SOURCES, hasInsertTrigger } from './report-firsts';
import {
  lowerSql,
  markDownSql,
  SETTLED,
  settledUpTo,
  TRANSITIONS,
  transitionSourceTriggers,
} from './report-sources';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;
/** Inserts of a bulk write skip the row triggers: the bulk call keeps the groups per batch. */
const NOT_BULK = `NOT ${BULK_FUNCTION}()`;

/**
 * Trigger names carry the entity key: a table renamed under another entity gets new ones. The
 * insert trigger was `add` (it skipped bulk inserts; `ins` the one before it, which fired on
 * every insert); since session 28 there is none (report-sources.ts): both are dropped when the
 * triggers are replaced.
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
 * report_rows' own pair of triggers: an update of its `entered` moves the row between groups,
 * the BEFORE one taking it out of the groups of its old set (read from report_rows, still old),
 * the AFTER one counting it in those of its new set (`reenterSql`'s statements, split at its
 * UPDATE: their order and text stay those the PostgreSQL functions run). The transitions' own
 * triggers (report-sources.ts) only mark records and keep report_dwell exact on a delete or an
 * update: a transition inserted is taken up by the settle.
 */
function transitionTriggers(): Map<string, string> {
  const on = (r: string) => reenterSql(`${r}.entity`, `${r}.record_id`, 'sqlite');
  const split = (r: string) => {
    const stmts = on(r);
    const at = stmts.findIndex((q) => q.startsWith('UPDATE report_rows SET entered'));
    return { leave: stmts.slice(0, at), enter: stmts.slice(at + 1) };
  };
  // Bulk writes keep the groups themselves (sql/reports/bulk-upkeep.ts), their own updates of
  // `entered` included: the row's triggers are off with the other report triggers then.
  const moved = `UPDATE OF entered ON report_rows WHEN OLD.entered IS NOT NEW.entered AND ${NOT_BULK}`;
  return new Map([
    ...transitionSourceTriggers(),
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

/**
 * The transitions' triggers of before (session 27 and earlier): an insert rewrote its record's
 * `entered` (report__transition_add) and counted its move (report__dwell_add, migration 0012);
 * with them every transition so far is counted.
 */
const OLD_TRANSITION_TRIGGERS = [
  'report__transition_ins',
  'report__transition_add',
  'report__dwell_add',
  'report__dwell_del',
  'report__dwell_upd',
];

/**
 * Brings the transitions' and report_rows' triggers to `transitionTriggers`, all at once; when
 * the move-counting insert trigger of before was there (or the transitions had no row in
 * report_settled), every transition so far is counted: the settle takes up those after.
 */
function ensureTransitionTriggers(db: StoreDb): void {
  const have = new Map([...triggerSql(db, TRANSITIONS), ...triggerSql(db, 'report_rows')]);
  const old = OLD_TRANSITION_TRIGGERS.filter((n) => have.has(n));
  const known =
    db.sqlite.prepare(`SELECT 1 FROM ${SETTLED} WHERE source = ?`).get(TRANSITIONS) !== undefined;
  for (const name of old) db.sqlite.exec(`DROP TRIGGER ${name}`);
  for (const [name, want] of transitionTriggers()) {
    const sql = have.get(name);
    if (sql === want) continue;
    if (sql !== undefined) db.sqlite.exec(`DROP TRIGGER ${name}`);
    db.sqlite.exec(want);
  }
  // The moves so far were counted by report__dwell_add; without it (a test's older triggers)
  // the settle takes up those above `upto` still.
  if (have.has('report__dwell_add') || !known) settledUpTo(db.sqlite, TRANSITIONS, null);
  // A database restored from a dump has its transitions numbered anew: `upto` follows its row.
  else followMark(db.sqlite);
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

/** The delete trigger that keeps a first-owner or first-touch source's `upto` on a row (its mark). */
const markTrigger = (source: string) => {
  const name = `report__${source === FIRST_OWNER_SOURCE ? 'history' : 'touch'}_mark`;
  return {
    name,
    sql: `CREATE TRIGGER ${name} AFTER DELETE ON ${source}\n` + body([markDownSql(source)]),
  };
};

/**
 * record_history's and touches' rows taken up by the settle (report-firsts.ts): migration 0014's
 * insert triggers dropped — when they were there, every row so far is kept and `upto` is the
 * last rowid; a source without a row then (none known to exist) is taken up from its first row —
 * and the delete trigger that moves `upto` and its mark down with the row at `upto` made.
 */
function ensureFirstsSources(db: StoreDb): void {
  for (const source of FIRSTS_SOURCES) {
    const mark = markTrigger(source);
    if (triggerSql(db, source).get(mark.name) !== mark.sql) {
      db.sqlite.exec(`DROP TRIGGER IF EXISTS ${mark.name}`);
      db.sqlite.exec(mark.sql);
    }
    const kept = hasInsertTrigger(db, source);
    if (kept) dropInsertTrigger(db, source);
    const known =
      db.sqlite.prepare(`SELECT 1 FROM ${SETTLED} WHERE source = ?`).get(source) !== undefined;
    if (kept) settledUpTo(db.sqlite, source, null);
    else if (!known)
      db.sqlite
        .prepare(`INSERT INTO ${SETTLED} (source, entity, upto, mark) VALUES (?, NULL, 0, NULL)`)
        .run(source);
  }
}

/**
 * The entity table's triggers, by name, as SQLite keeps their text in sqlite_master: an update
 * of a column report_rows (TRACKED) or report_touch_rows (touch-sql.ts touchTracked) reads, or a
 * delete, only adds the record to report_dirty (report-settle.ts), both ids when an update
 * changes its id; the delete also keeps report_settled's `upto` at most the table's last rowid.
 * An insert has none: the settle takes up the rows above `upto` (report-sources.ts; the marking
 * insert trigger of session 27 was ~6 % of an engine create and 1.2 of its WAL pages). The rows
 * and groups follow at the settle. Why: counting the record in the write (the triggers of
 * before, still recognised: KEEPS_MONTHS) cost ~20 % of an engine create and 7 WAL pages of its
 * commit (docs/deploy.md, session 26).
 */
function recordTriggers(info: EntityTableInfo): Map<string, string> {
  const n = names(info.entity);
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  const tracked = [...new Set([...TRACKED, ...touchTracked(info)])];
  const changed = tracked.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const markSql = (...rows: string[]) =>
    `INSERT OR IGNORE INTO ${DIRTY} (entity, record_id) VALUES ${rows.map((r) => `(${e}, ${r})`).join(', ')}`;
  const mark = (...rows: string[]) => body([markSql(...rows)]);
  return new Map([
    [
      n.update,
      `CREATE TRIGGER ${n.update} AFTER UPDATE ON ${t} WHEN ${changed}
${mark('NEW.id', 'OLD.id')}`,
    ],
    [
      n.delete,
      `CREATE TRIGGER ${n.delete} AFTER DELETE ON ${t}
${body([markSql('OLD.id'), lowerSql(info.table)])}`,
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
  ensureFirstsSources(db);
  ensureFirstOwnerTriggers(db);
  ensureSettleView(db, info);
  const want = recordTriggers(info);
  const have = triggerSql(db, info.table);
  const stray = [...have.keys()].filter((k) => k.startsWith('report__') && !want.has(k));
  const stale = [...want].filter(([name, sql]) => have.get(name) !== sql);
  const row = db.sqlite
    .prepare(`SELECT entity FROM ${SETTLED} WHERE source = ?`)
    .get(info.table) as { entity: string | null } | undefined;
  if (stale.length === 0 && stray.length === 0) {
    if (row?.entity !== info.entity) settledUpTo(db.sqlite, info.table, info.entity);
    return false;
  }
  // Judged by the update and delete triggers every version had, and the insert trigger when
  // there is one (none since session 28: report-sources.ts; `ins`, the one of before bulk
  // upkeep, is older than the month groups). The in-place move (report__<entity>__set) came
  // after the month groups, and a table without it only lacks a faster update. Triggers that counted
  // the record in its write, or marked it, leave its rows up to date or its record dirty: the
  // settle takes up the rows inserted after.
  const n = names(info.entity);
  const insert = have.get(n.insert);
  const rebuild =
    [n.update, n.delete].some((k) => !keepsMonths(have.get(k))) ||
    have.has(n.before) ||
    (insert !== undefined && !keepsMonths(insert));
  if (!rebuild) {
    for (const name of stray) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(name)}`);
    for (const [name, sql] of stale) {
      db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
      db.sqlite.exec(sql);
    }
    settledUpTo(db.sqlite, info.table, info.entity);
    return false;
  }
  for (const old of have.keys())
    if (old.startsWith('report__')) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(old)}`);
  // Trigger names are per database: an archived table of the same entity may still hold them.
  for (const name of [...want.keys(), n.insert, n.before, `report__${info.entity}__set`])
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  for (const sql of want.values()) db.sqlite.exec(sql);
  for (const sql of rebuildSql(quoteIdent(info.table), lit(info.entity), 'sqlite'))
    db.sqlite.exec(sql);
  settledUpTo(db.sqlite, info.table, info.entity);
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
