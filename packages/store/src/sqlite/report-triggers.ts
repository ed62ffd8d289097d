import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { addSql, rebuildSql, reenterSql, removeSql, TRACKED } from '../sql/reports/cohort-sql';
import { transitionAddSql, transitionRemoveSql } from '../sql/reports/flow-sql';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;

/**
 * Trigger names carry the entity key (a table renamed under another entity gets new ones) and
 * a version: `report2__` (the period funnel and dwell tables) replaces `report__`, so an older
 * database rebuilds its groups once.
 */
const names = (entity: string) => ({
  insert: `report2__${entity}__ins`,
  update: `report2__${entity}__upd`,
  delete: `report2__${entity}__del`,
});

const OLD_TRANSITION_TRIGGERS = ['report__transition_ins', 'report__transition_del'];

/**
 * The transitions' triggers, one set for every entity: a live record's groups (a record without
 * a report_rows row is not live, or not written yet: its insert reads its transitions) and,
 * for every transition, the report_moves / report_reentries logs.
 */
function ensureTransitionTriggers(db: StoreDb): void {
  const has = (n: string) =>
    db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(n);
  for (const name of OLD_TRANSITION_TRIGGERS) db.sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  for (const [name, ev, row] of [
    ['report2__transition_ins', 'INSERT', 'NEW'],
    ['report2__transition_del', 'DELETE', 'OLD'],
  ] as const) {
    if (has(name)) continue;
    db.sqlite.exec(
      `CREATE TRIGGER ${name} AFTER ${ev} ON stage_transitions` +
        ` WHEN EXISTS (SELECT 1 FROM report_rows WHERE entity = ${row}.entity AND record_id = ${row}.record_id)\n` +
        body(reenterSql(`${row}.entity`, `${row}.record_id`, 'sqlite')),
    );
  }
  for (const [name, ev, stmts] of [
    ['report2__flow_ins', 'INSERT', transitionAddSql('NEW')],
    ['report2__flow_del', 'DELETE', transitionRemoveSql('OLD')],
  ] as const)
    if (!has(name))
      db.sqlite.exec(`CREATE TRIGGER ${name} AFTER ${ev} ON stage_transitions\n${body(stmts)}`);
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
    if (/^report\d*__/.test(old)) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(old)}`);
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
