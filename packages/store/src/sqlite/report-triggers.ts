import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { addSql, rebuildSql, reenterSql, removeSql, TRACKED } from '../sql/reports/cohort-sql';
import { BULK_FUNCTION } from './bulk-flag';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;
/** Inserts of a bulk write skip the row triggers: the bulk call keeps the groups per batch. */
const NOT_BULK = `NOT ${BULK_FUNCTION}()`;

/**
 * Trigger names carry the entity key: a table renamed under another entity gets new ones. The
 * insert trigger is `add` since it skips bulk inserts; `ins` was the one before, which fired on
 * every insert (kept data exact, so it is replaced without a rebuild).
 */
const names = (entity: string) => ({
  insert: `report__${entity}__add`,
  update: `report__${entity}__upd`,
  delete: `report__${entity}__del`,
  before: `report__${entity}__ins`,
});

/**
 * The transitions' triggers, one pair for every entity: they touch only report_rows (a record
 * without a row is not live, or not written yet: its insert reads its transitions).
 */
function ensureTransitionTriggers(db: StoreDb): void {
  const has = (n: string) =>
    db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(n);
  if (has('report__transition_ins')) db.sqlite.exec('DROP TRIGGER report__transition_ins');
  for (const [name, ev, row, when] of [
    ['report__transition_add', 'INSERT', 'NEW', ` AND ${NOT_BULK}`],
    ['report__transition_del', 'DELETE', 'OLD', ''],
  ] as const) {
    if (has(name)) continue;
    db.sqlite.exec(
      `CREATE TRIGGER ${name} AFTER ${ev} ON stage_transitions` +
        ` WHEN EXISTS (SELECT 1 FROM report_rows WHERE entity = ${row}.entity AND record_id = ${row}.record_id)${when}\n` +
        body(reenterSql(`${row}.entity`, `${row}.record_id`, 'sqlite')),
    );
  }
}

/**
 * Makes the entity table keep report_rows / report_cohorts in every write's transaction; when
 * its triggers were missing (a table from before them, or recreated), rebuilds its rows from
 * the records (the backfill). Returns whether it rebuilt. Run inside a transaction.
 */
export function ensureReportTriggers(db: StoreDb, info: EntityTableInfo): boolean {
  ensureTransitionTriggers(db);
  const n = names(info.entity);
  const have = new Set(
    (
      db.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
        .all(info.table) as { name: string }[]
    ).map((t) => t.name),
  );
  if (have.has(n.insert) && have.has(n.update) && have.has(n.delete)) return false;
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  const createInsert = () =>
    db.sqlite.exec(
      `DROP TRIGGER IF EXISTS ${quoteIdent(n.insert)};\n` +
        `CREATE TRIGGER ${n.insert} AFTER INSERT ON ${t} WHEN ${NOT_BULK}\n` +
        body([...removeSql(e, 'NEW.id', 'sqlite'), ...addSql(e, 'NEW', 'sqlite')]),
    );
  // The triggers of before bulk upkeep kept the groups exact: only the insert one changes.
  if (have.has(n.before) && have.has(n.update) && have.has(n.delete)) {
    db.sqlite.exec(`DROP TRIGGER ${quoteIdent(n.before)}`);
    createInsert();
    return false;
  }
  for (const old of have)
    if (old.startsWith('report__')) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(old)}`);
  // Trigger names are per database: an archived table of the same entity may still hold them.
  for (const name of Object.values(n)) db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  // Insert and update alike: take out what the record counted (if anything), count it anew.
  const changed = TRACKED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const again = body([...removeSql(e, 'OLD.id', 'sqlite'), ...addSql(e, 'NEW', 'sqlite')]);
  createInsert();
  db.sqlite.exec(`CREATE TRIGGER ${n.update} AFTER UPDATE ON ${t} WHEN ${changed}\n${again}`);
  db.sqlite.exec(
    `CREATE TRIGGER ${n.delete} AFTER DELETE ON ${t}\n` + body(removeSql(e, 'OLD.id', 'sqlite')),
  );
  for (const sql of rebuildSql(t, e, 'sqlite')) db.sqlite.exec(sql);
  return true;
}
