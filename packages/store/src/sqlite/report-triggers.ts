import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { addSql, rebuildSql, reenterSql, removeSql, TRACKED } from '../sql/reports/cohort-sql';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;

/** Trigger names carry the entity key: a table renamed under another entity gets new ones. */
const names = (entity: string) => ({
  insert: `report__${entity}__ins`,
  update: `report__${entity}__upd`,
  delete: `report__${entity}__del`,
});

/**
 * The transitions' triggers, one pair for every entity: they touch only report_rows (a record
 * without a row is not live, or not written yet: its insert reads its transitions).
 */
function ensureTransitionTriggers(db: StoreDb): void {
  const has = (n: string) =>
    db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(n);
  for (const [name, ev, row] of [
    ['report__transition_ins', 'INSERT', 'NEW'],
    ['report__transition_del', 'DELETE', 'OLD'],
  ] as const) {
    if (has(name)) continue;
    db.sqlite.exec(
      `CREATE TRIGGER ${name} AFTER ${ev} ON stage_transitions` +
        ` WHEN EXISTS (SELECT 1 FROM report_rows WHERE entity = ${row}.entity AND record_id = ${row}.record_id)\n` +
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
  for (const old of have)
    if (old.startsWith('report__')) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(old)}`);
  // Trigger names are per database: an archived table of the same entity may still hold them.
  for (const name of Object.values(n)) db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  // Insert and update alike: take out what the record counted (if anything), count it anew.
  const changed = TRACKED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const again = body([...removeSql(e, 'OLD.id'), ...addSql(e, 'NEW', 'sqlite')]);
  db.sqlite.exec(
    `CREATE TRIGGER ${n.insert} AFTER INSERT ON ${t}\n` +
      body([...removeSql(e, 'NEW.id'), ...addSql(e, 'NEW', 'sqlite')]),
  );
  db.sqlite.exec(`CREATE TRIGGER ${n.update} AFTER UPDATE ON ${t} WHEN ${changed}\n${again}`);
  db.sqlite.exec(
    `CREATE TRIGGER ${n.delete} AFTER DELETE ON ${t}\n` + body(removeSql(e, 'OLD.id')),
  );
  for (const sql of rebuildSql(t, e, 'sqlite')) db.sqlite.exec(sql);
  return true;
}
