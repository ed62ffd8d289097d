import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { addSql, rebuildSql, reenterSql, removeSql, TRACKED } from '../sql/reports/cohort-sql';
import type { SqlExec } from '../sql/exec';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const block = (stmts: string[]) => stmts.map((s) => `    ${s};`).join('\n');

/** One function for every entity table (its key is the trigger's argument). */
const RECORD_FN = `CREATE OR REPLACE FUNCTION report_record_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE v_entity text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'INSERT' THEN
${block(removeSql('v_entity', 'NEW.id'))}
  ELSE
${block(removeSql('v_entity', 'OLD.id'))}
  END IF;
  IF TG_OP <> 'DELETE' THEN
${block(addSql('v_entity', 'NEW', 'postgres'))}
  END IF;
  RETURN NULL;
END $fn$`;

/** A transition added or removed moves a live record to the group of its new stage set. */
const TRANSITION_FN = `CREATE OR REPLACE FUNCTION report_transition_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE v_entity text; v_record text;
BEGIN
  IF TG_OP = 'DELETE' THEN v_entity := OLD.entity; v_record := OLD.record_id;
  ELSE v_entity := NEW.entity; v_record := NEW.record_id; END IF;
  IF EXISTS (SELECT 1 FROM report_rows WHERE entity = v_entity AND record_id = v_record) THEN
${block(reenterSql('v_entity', 'v_record', 'postgres'))}
  END IF;
  RETURN NULL;
END $fn$`;

async function triggersOn(x: SqlExec, table: string): Promise<Set<string>> {
  const rows = await x.all<{ name: string }>(
    'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
    [quoteIdent(table)],
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Makes the entity table keep report_rows / report_cohorts in every write's transaction; when
 * its triggers were missing (a table from before them), rebuilds its rows from the records
 * (the backfill). Returns whether it rebuilt. `x` must be in a transaction holding the DDL lock.
 */
export async function ensurePgReportTriggers(x: SqlExec, info: EntityTableInfo): Promise<boolean> {
  const ins = `report__${info.entity}__ins`;
  const upd = `report__${info.entity}__upd`;
  const have = await triggersOn(x, info.table);
  if (have.has(ins) && have.has(upd)) return false;
  if (!(await triggersOn(x, 'stage_transitions')).has('report__transition')) {
    await x.run(RECORD_FN);
    await x.run(TRANSITION_FN);
    await x.run(
      'CREATE TRIGGER report__transition AFTER INSERT OR DELETE ON stage_transitions FOR EACH ROW EXECUTE FUNCTION report_transition_change()',
    );
  }
  const t = quoteIdent(info.table);
  for (const old of have)
    if (old.startsWith('report__')) await x.run(`DROP TRIGGER ${quoteIdent(old)} ON ${t}`);
  const e = lit(info.entity);
  const changed = TRACKED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  await x.run(
    `CREATE TRIGGER ${quoteIdent(ins)} AFTER INSERT OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION report_record_change(${e})`,
  );
  await x.run(
    `CREATE TRIGGER ${quoteIdent(upd)} AFTER UPDATE ON ${t} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION report_record_change(${e})`,
  );
  for (const sql of rebuildSql(t, e, 'postgres')) await x.run(sql);
  return true;
}
