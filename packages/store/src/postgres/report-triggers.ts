import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { enteredSql, inTimeSql, rebuildSql, TRACKED } from '../sql/reports/cohort-sql';
import type { SqlExec } from '../sql/exec';
import { ownerRebuildSql } from '../sql/reports/owner-entries-sql';
import { PG_NOT_BULK } from './bulk-switch';
import { copyOld, groupMoves, moveVariables, ownerMoves, readOld, rowWrite } from './report-moves';

/** The record columns whose change moves its stage entries to another owner and team, or out. */
const MOVED = ['id', 'owner_id', 'team_id', 'deleted_at']
  .map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`)
  .join(' OR ');

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const block = (stmts: string[]) => stmts.map((s) => `    ${s};`).join('\n');

/**
 * One function for every entity table (its key is the trigger's argument): the record's
 * report_rows row as it was (`o_*`, when it had one) and as it is now (`n_*`, when it is live),
 * and the move between them (report-moves.ts: owner entries, then each grain's groups, one
 * statement each in key order; then the row itself, updated in place). Its stage entries move
 * in report_owner_entries only when it comes, goes or changes owner or team, not on a stage move.
 */
const RECORD_BODY = `
DECLARE v_entity text := TG_ARGV[0]; v_moved boolean := TG_OP <> 'UPDATE'; ${moveVariables}
BEGIN
  IF TG_OP = 'UPDATE' THEN
    v_moved := ${MOVED};
  END IF;
  IF TG_OP <> 'INSERT' THEN
    ${readOld('v_entity', 'OLD.id')};
    v_old := FOUND;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
    v_new := true;
    n_id := NEW.id; n_day := NEW.created_at / 86400000; n_owner := COALESCE(NEW.owner_id, '');
    n_team := COALESCE(NEW.team_id, ''); n_stage := COALESCE(NEW.stage, '');
    n_entered := ${enteredSql('v_entity', 'NEW.id', 'postgres')};
    n_created := NEW.created_at; n_stage_at := NEW.stage_entered_at; n_shard := hashtext(NEW.id) & 15;
    n_in_time := ${inTimeSql('v_entity', 'NEW.id', 'NEW.created_at', "n_owner <> ''")};
  END IF;
  IF v_moved THEN
${block(ownerMoves('v_entity'))}
  END IF;
${block([...groupMoves('v_entity'), ...rowWrite('v_entity')])}
  RETURN NULL;
END `;
const RECORD_FN = `CREATE OR REPLACE FUNCTION report_record_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${RECORD_BODY}$fn$`;

/** report_entries' key of transition `t` (OLD or NEW): its shard is its record's. */
const entryKey = (t: string) =>
  `${t}.entity, ${t}.at / 86400000, ${t}.to_stage, COALESCE(${t}.prev_entry_at / 86400000, -1), hashtext(${t}.record_id) & 15`;
const ENTRY_KEY = 'entity, day, stage, prev_day, shard';
/** report_owner_entries' key of transition `t` of a record owned by `owner` in `team`. */
const ownerKey = (t: string, owner: string, team: string) =>
  `${t}.entity, ${t}.at / 86400000, ${owner}, ${team}, ${t}.to_stage, COALESCE(${t}.prev_entry_at / 86400000, -1),` +
  ` CASE WHEN ${owner} = '' THEN hashtext(${t}.record_id) & 15 ELSE 0 END`;
const OWNER_KEY = 'entity, day, owner_id, team_id, stage, prev_day, shard';

/**
 * A transition changed (a raw UPDATE of its key columns; the store never updates one): its
 * entry leaves its old keys for its new ones, each table in one statement in key order. The
 * groups stay (as before this function took over report_entry_change's work).
 */
const TRANSITION_UPDATE = [
  `INSERT INTO report_entries (${ENTRY_KEY}, entries) SELECT k1, k2, k3, k4, k5, sum(d) FROM` +
    ` (SELECT ${entryKey('OLD')}, -1 UNION ALL SELECT ${entryKey('NEW')}, 1) x (k1, k2, k3, k4, k5, d)` +
    ` GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5` +
    ` ON CONFLICT (${ENTRY_KEY}) DO UPDATE SET entries = report_entries.entries + excluded.entries`,
  `DELETE FROM report_entries WHERE (${ENTRY_KEY}) = (${entryKey('OLD')}) AND entries = 0`,
  `SELECT owner_id, team_id INTO n_owner, n_team FROM report_rows WHERE entity = NEW.entity AND record_id = NEW.record_id`,
  'v_new := FOUND',
  `INSERT INTO report_owner_entries (${OWNER_KEY}, entries) SELECT k1, k2, k3, k4, k5, k6, k7, sum(d) FROM` +
    ` (SELECT ${ownerKey('OLD', 'o_owner', 'o_team')}, -1 WHERE v_old UNION ALL SELECT ${ownerKey('NEW', 'n_owner', 'n_team')}, 1 WHERE v_new)` +
    ` x (k1, k2, k3, k4, k5, k6, k7, d) GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7` +
    ` ON CONFLICT (${OWNER_KEY}) DO UPDATE SET entries = report_owner_entries.entries + excluded.entries`,
  `IF v_old THEN DELETE FROM report_owner_entries WHERE (${OWNER_KEY}) = (${ownerKey('OLD', 'o_owner', 'o_team')}) AND entries = 0; END IF`,
];

/**
 * Every report upkeep of a transition in one function (it was two, report_entry_change and this,
 * each looking up the record's report_rows row): its entry in report_entries, then, when its
 * record is live, under the record's owner and team in report_owner_entries, then the record
 * moved to the groups of its new set of entered stages — only when the set changed: a re-entry
 * (15 % of the bench's transitions) or the removal of one of two entries into a stage leaves it
 * where it is. Inserts of a bulk write keep the entries but leave the groups to the bulk upkeep.
 */
const TRANSITION_BODY = `
DECLARE v_entity text; v_record text; v_now text; ${moveVariables}
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_entity := NEW.entity; v_record := NEW.record_id;
    INSERT INTO report_entries (${ENTRY_KEY}, entries) VALUES (${entryKey('NEW')}, 1) ON CONFLICT (${ENTRY_KEY}) DO UPDATE SET entries = report_entries.entries + 1;
    ${readOld('v_entity', 'v_record')};
    IF NOT FOUND THEN RETURN NULL; END IF;
    INSERT INTO report_owner_entries (${OWNER_KEY}, entries) VALUES (${ownerKey('NEW', 'o_owner', 'o_team')}, 1) ON CONFLICT (${OWNER_KEY}) DO UPDATE SET entries = report_owner_entries.entries + 1;
    IF NOT (${PG_NOT_BULK}) THEN RETURN NULL; END IF;
  ELSE
    v_entity := OLD.entity; v_record := OLD.record_id;
    ${readOld('v_entity', 'v_record')};
    v_old := FOUND;
    IF TG_OP = 'UPDATE' THEN
${block(TRANSITION_UPDATE)}
      RETURN NULL;
    END IF;
    UPDATE report_entries SET entries = entries - 1 WHERE (${ENTRY_KEY}) = (${entryKey('OLD')});
    DELETE FROM report_entries WHERE (${ENTRY_KEY}) = (${entryKey('OLD')}) AND entries = 0;
    IF NOT v_old THEN RETURN NULL; END IF;
    UPDATE report_owner_entries SET entries = entries - 1 WHERE (${OWNER_KEY}) = (${ownerKey('OLD', 'o_owner', 'o_team')});
    DELETE FROM report_owner_entries WHERE (${OWNER_KEY}) = (${ownerKey('OLD', 'o_owner', 'o_team')}) AND entries = 0;
  END IF;
  v_now := ${enteredSql('v_entity', 'v_record', 'postgres')};
  IF v_now = o_entered THEN RETURN NULL; END IF;
  ${copyOld}
  n_entered := v_now; v_old := true; v_new := true;
${block(groupMoves('v_entity'))}
  UPDATE report_rows SET entered = n_entered WHERE entity = v_entity AND record_id = v_record;
  RETURN NULL;
END `;
const TRANSITION_FN = `CREATE OR REPLACE FUNCTION report_transition_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${TRANSITION_BODY}$fn$`;

/**
 * A record's kept first owner written, changed or removed: when that changes whether it was
 * assigned within 24 hours, its row takes the new value and moves between groups.
 */
const IN_TIME_BODY = `
DECLARE v_entity text; v_record text; v_now integer; ${moveVariables}
BEGIN
  IF TG_OP = 'DELETE' THEN v_entity := OLD.entity; v_record := OLD.record_id;
  ELSE v_entity := NEW.entity; v_record := NEW.record_id; END IF;
  ${readOld('v_entity', 'v_record')};
  IF NOT FOUND THEN RETURN NULL; END IF;
  v_now := ${inTimeSql('v_entity', 'v_record', 'o_created', "o_owner <> ''")};
  IF v_now = o_in_time THEN RETURN NULL; END IF;
  ${copyOld}
  n_in_time := v_now; v_old := true; v_new := true;
${block(groupMoves('v_entity'))}
  UPDATE report_rows SET in_time = n_in_time WHERE entity = v_entity AND record_id = v_record;
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

/** The transitions' report triggers, all on report_transition_change: their name and event. */
const TRANSITION_TRIGGERS = [
  ['report__transition_add', 'INSERT'],
  ['report__transition_del', 'DELETE'],
  ['report__transition_upd', 'UPDATE OF entity, record_id, to_stage, at, prev_entry_at'],
] as const;

const functionSource = async (x: SqlExec, fn: string) =>
  (
    await x.all<{ src: string }>(
      `SELECT prosrc AS src FROM pg_proc WHERE oid = to_regproc('${fn}')`,
    )
  )[0]?.src;

/**
 * The transitions' function (replaced when its body is another) and triggers, made anew when
 * they are another set: until session 25 `report__entries` (migrations 0016, 0018:
 * report_entry_change) kept report_entries and report_owner_entries beside them, and
 * `report__transition_add` skipped bulk inserts (its WHEN). The one function keeps the same
 * rows, so nothing is rebuilt. Run at every start after the migrations (boot.ts: a database
 * that applies 0016 or 0018 gets report__entries back) and with the entities' triggers.
 */
export async function ensurePgTransitionTriggers(
  x: SqlExec,
  opts: { onlyOld?: boolean } = {},
): Promise<void> {
  if (opts.onlyOld) {
    // At the start: only a database whose migrations made report__entries (a start that
    // applies an older set of migrations, as upgrade tests do, keeps what it has until its sync).
    const old = await x.all(
      "SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('stage_transitions') AND tgname = 'report__entries'",
    );
    if (old.length === 0) return;
  }
  if ((await functionSource(x, 'report_transition_change')) !== TRANSITION_BODY)
    await x.run(TRANSITION_FN);
  const rows = await x.all<{ name: string; qual: boolean }>(
    "SELECT tgname AS name, tgqual IS NOT NULL AS qual FROM pg_trigger WHERE tgrelid = to_regclass('stage_transitions') AND NOT tgisinternal",
  );
  const have = new Map(rows.map((r) => [r.name, r.qual]));
  const current =
    !have.has('report__entries') &&
    !have.has('report__transition') &&
    TRANSITION_TRIGGERS.every(([name]) => have.get(name) === false);
  if (current) return;
  for (const old of [
    'report__entries',
    'report__transition',
    ...TRANSITION_TRIGGERS.map(([n]) => n),
  ])
    if (have.has(old)) await x.run(`DROP TRIGGER ${old} ON stage_transitions`);
  await x.run('DROP FUNCTION IF EXISTS report_entry_change()');
  for (const [name, on] of TRANSITION_TRIGGERS)
    await x.run(
      `CREATE TRIGGER ${name} AFTER ${on} ON stage_transitions FOR EACH ROW EXECUTE FUNCTION report_transition_change()`,
    );
}

/**
 * Replaces the record, transition and in-time functions when their body is another (an older
 * session's): they keep the same rows and groups, so nothing is rebuilt. Makes the
 * transitions' triggers and the first owners' in-time trigger when missing.
 */
async function ensureRecordFunction(x: SqlExec): Promise<void> {
  if ((await functionSource(x, 'report_record_change')) !== RECORD_BODY) await x.run(RECORD_FN);
  await ensurePgTransitionTriggers(x);
  if ((await functionSource(x, 'report_in_time_change')) !== IN_TIME_BODY) await x.run(IN_TIME_FN);
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
