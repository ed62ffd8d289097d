import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import {
  addSql,
  enteredSql,
  inTimeStale,
  rebuildSql,
  reenterSql,
  removeSql,
  retimeSql,
  TRACKED,
} from '../sql/reports/cohort-sql';
import type { SqlExec } from '../sql/exec';
import { ownerRebuildSql, ownerShiftSql } from '../sql/reports/owner-entries-sql';
import { PG_NOT_BULK } from './bulk-switch';

/** The record columns whose change moves its stage entries to another owner and team, or out. */
const MOVED = ['id', 'owner_id', 'team_id', 'deleted_at']
  .map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`)
  .join(' OR ');

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const block = (stmts: string[]) => stmts.map((s) => `    ${s};`).join('\n');

/**
 * One function for every entity table (its key is the trigger's argument). An insert only adds
 * the record: a new id has no report_rows row to take out (sqlite/report-triggers.ts says why).
 * When the record comes, goes (deleted, restored) or changes owner or team, its stage entries
 * move in report_owner_entries (owner-entries-sql.ts) — not on the other changes (a stage move),
 * which leave them where they are.
 */
const RECORD_BODY = `
DECLARE v_entity text := TG_ARGV[0]; v_moved boolean := TG_OP <> 'UPDATE';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    v_moved := ${MOVED};
  END IF;
  IF v_moved AND TG_OP <> 'INSERT' THEN
${block(ownerShiftSql('r.entity = v_entity AND r.record_id = OLD.id', -1))}
  END IF;
  IF TG_OP <> 'INSERT' THEN
${block(removeSql('v_entity', 'OLD.id', 'postgres'))}
  END IF;
  IF TG_OP <> 'DELETE' THEN
${block(addSql('v_entity', 'NEW', 'postgres'))}
  END IF;
  IF v_moved AND TG_OP <> 'DELETE' THEN
${block(ownerShiftSql('r.entity = v_entity AND r.record_id = NEW.id', 1))}
  END IF;
  RETURN NULL;
END `;
const RECORD_FN = `CREATE OR REPLACE FUNCTION report_record_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${RECORD_BODY}$fn$`;

/**
 * A transition added or removed moves a live record to the group of its new stage set. Only
 * when the set changed: a transition into a stage the record had entered (a re-entry: from trial
 * on a quarter of the bench's walks step back and come forward again), or the removal of one of
 * two entries into a stage, leaves it in its group, where taking it out and adding it back wrote
 * the day and month groups twice each for nothing. The set is computed once (reenterSql's own
 * UPDATE computes it again: it takes the variable instead).
 */
const TRANSITION_BODY = `
DECLARE v_entity text; v_record text; v_was text; v_now text;
BEGIN
  IF TG_OP = 'DELETE' THEN v_entity := OLD.entity; v_record := OLD.record_id;
  ELSE v_entity := NEW.entity; v_record := NEW.record_id; END IF;
  SELECT entered INTO v_was FROM report_rows WHERE entity = v_entity AND record_id = v_record;
  IF FOUND THEN
    v_now := ${enteredSql('v_entity', 'v_record', 'postgres')};
    IF v_now <> v_was THEN
${block(
  reenterSql('v_entity', 'v_record', 'postgres').map((s) =>
    s.replace(enteredSql('v_entity', 'v_record', 'postgres'), 'v_now'),
  ),
)}
    END IF;
  END IF;
  RETURN NULL;
END `;
const TRANSITION_FN = `CREATE OR REPLACE FUNCTION report_transition_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${TRANSITION_BODY}$fn$`;

/**
 * A record's kept first owner written, changed or removed: when that changes whether it was
 * assigned within 24 hours, its row and groups take the new value (sqlite/report-triggers.ts).
 */
const IN_TIME_BODY = `
DECLARE v_entity text; v_record text;
BEGIN
  IF TG_OP = 'DELETE' THEN v_entity := OLD.entity; v_record := OLD.record_id;
  ELSE v_entity := NEW.entity; v_record := NEW.record_id; END IF;
  IF ${inTimeStale('v_entity', 'v_record')} THEN
${block(retimeSql('v_entity', 'v_record', 'postgres'))}
  END IF;
  RETURN NULL;
END `;
const IN_TIME_FN = `CREATE OR REPLACE FUNCTION report_in_time_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${IN_TIME_BODY}$fn$`;

async function triggersOn(x: SqlExec, table: string): Promise<Set<string>> {
  const rows = await x.all<{ name: string }>(
    'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
    [quoteIdent(table)],
  );
  return new Set(rows.map((r) => r.name));
}

/** The transitions' triggers: inserts of a bulk write skip them (the bulk call keeps the groups). */
async function ensureTransitionTriggers(x: SqlExec): Promise<void> {
  const have = await triggersOn(x, 'stage_transitions');
  if (have.has('report__transition_add') && have.has('report__transition_del')) return;
  await x.run(RECORD_FN);
  await x.run(TRANSITION_FN);
  // `report__transition` (insert or delete, bulk or not) was the one before bulk upkeep.
  for (const old of ['report__transition', 'report__transition_add', 'report__transition_del'])
    if (have.has(old)) await x.run(`DROP TRIGGER ${old} ON stage_transitions`);
  await x.run(
    `CREATE TRIGGER report__transition_add AFTER INSERT ON stage_transitions FOR EACH ROW WHEN (${PG_NOT_BULK}) EXECUTE FUNCTION report_transition_change()`,
  );
  await x.run(
    'CREATE TRIGGER report__transition_del AFTER DELETE ON stage_transitions FOR EACH ROW EXECUTE FUNCTION report_transition_change()',
  );
}

/**
 * Replaces the record and transition functions when their body is another (the one before the
 * insert stopped taking out a row, or before the groups summed in_time): they keep the same rows
 * and groups, so nothing is rebuilt. Creates the first owners' in-time function and trigger.
 */
async function ensureRecordFunction(x: SqlExec): Promise<void> {
  const src = async (fn: string) =>
    (
      await x.all<{ src: string }>(
        `SELECT prosrc AS src FROM pg_proc WHERE oid = to_regproc('${fn}')`,
      )
    )[0]?.src;
  if ((await src('report_record_change')) !== RECORD_BODY) await x.run(RECORD_FN);
  // The groups' sums grew in_time (migration 0017): a transition moving a record between groups
  // must carry it, so an older body is replaced as the record function's is.
  const transition = await src('report_transition_change');
  if (transition !== undefined && transition !== TRANSITION_BODY) await x.run(TRANSITION_FN);
  if ((await src('report_in_time_change')) !== IN_TIME_BODY) await x.run(IN_TIME_FN);
  const have = await triggersOn(x, 'report_first_owner');
  if (!have.has('report__in_time'))
    await x.run(
      'CREATE TRIGGER report__in_time AFTER INSERT OR UPDATE OR DELETE ON report_first_owner FOR EACH ROW EXECUTE FUNCTION report_in_time_change()',
    );
}

/**
 * Makes the entity table keep report_rows and its day and month groups in every write's transaction; when
 * its triggers were missing (a table from before them), rebuilds its rows from the records
 * (the backfill). Returns whether it rebuilt. `x` must be in a transaction holding the DDL lock.
 */
export async function ensurePgReportTriggers(x: SqlExec, info: EntityTableInfo): Promise<boolean> {
  // `add` skips the inserts of a bulk write. Migration 0013 dropped the trigger functions (and
  // with them every report trigger) of before the month groups, so missing triggers mean a rebuild.
  const add = `report__${info.entity}__add`;
  const del = `report__${info.entity}__del`;
  const upd = `report__${info.entity}__upd`;
  const have = await triggersOn(x, info.table);
  await ensureRecordFunction(x);
  if (have.has(add) && have.has(del) && have.has(upd)) return false;
  await ensureTransitionTriggers(x);
  const t = quoteIdent(info.table);
  const e = lit(info.entity);
  const createAddDel = async () => {
    await x.run(
      `CREATE TRIGGER ${quoteIdent(add)} AFTER INSERT ON ${t} FOR EACH ROW WHEN (${PG_NOT_BULK}) EXECUTE FUNCTION report_record_change(${e})`,
    );
    await x.run(
      `CREATE TRIGGER ${quoteIdent(del)} AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION report_record_change(${e})`,
    );
  };
  for (const old of have)
    if (old.startsWith('report__')) await x.run(`DROP TRIGGER ${quoteIdent(old)} ON ${t}`);
  const changed = TRACKED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  await createAddDel();
  await x.run(
    `CREATE TRIGGER ${quoteIdent(upd)} AFTER UPDATE ON ${t} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION report_record_change(${e})`,
  );
  for (const sql of [...rebuildSql(t, e, 'postgres'), ...ownerRebuildSql(e)]) await x.run(sql);
  return true;
}
