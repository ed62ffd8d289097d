import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import type { SqlExec } from '../sql/exec';
import {
  TOUCH_UTM,
  touchRebuildSql,
  touchRecord,
  touchRecordSql,
  touchRemoveSql,
  touchTracked,
} from '../sql/reports/touch-sql';
import { PG_NOT_BULK } from './bulk-switch';
import {
  touchDeleteMoves,
  touchInsertMoves,
  touchRetouchMoves,
  touchUpdateMoves,
} from './touch-moves';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const block = (stmts: string[]) => stmts.map((s) => `    ${s};`).join('\n');

/**
 * report_first_touch's function, one for every entity: a record's first touch written, changed or
 * removed moves its rows to the groups of the new UTM values (sql/reports/touch-sql.ts), in one
 * upsert in key order (touch-moves.ts).
 */
const firstBody = (moves: string[]) => `
DECLARE v_entity text; v_record text;
BEGIN
  IF TG_OP = 'DELETE' THEN v_entity := OLD.entity; v_record := OLD.record_id;
  ELSE v_entity := NEW.entity; v_record := NEW.record_id; END IF;
  IF EXISTS (SELECT 1 FROM report_touch_rows WHERE ${touchRecord('v_entity', 'v_record')}) THEN
${block(moves)}
  END IF;
  RETURN NULL;
END `;
const FIRST_BODY = firstBody(touchRetouchMoves('v_entity', 'v_record'));
const FIRST_FN = `CREATE OR REPLACE FUNCTION report_touch_first_change() RETURNS trigger LANGUAGE plpgsql AS $fn$${FIRST_BODY}$fn$`;

const recordBody = (insert: string[], update: string[], remove: string[]) => `
BEGIN
  IF TG_OP = 'INSERT' THEN
${block(insert)}
  ELSIF TG_OP = 'UPDATE' THEN
${block(update)}
  ELSE
${block(remove)}
  END IF;
  RETURN NULL;
END `;

/**
 * The entity's own function: its money columns are named in it, so each entity has one. An
 * insert writes the record's rows, an update moves them to their new groups and writes them
 * anew, a delete takes them out (touch-moves.ts); the triggers' WHEN leaves out bulk inserts and
 * updates of nothing the rows hold.
 */
function recordFunction(info: EntityTableInfo): { name: string; body: string; sql: string } {
  const e = lit(info.entity);
  const name = `report_touch__${info.entity}`;
  const body = recordBody(
    touchInsertMoves(e, info, 'NEW'),
    touchUpdateMoves(e, info, 'OLD.id', 'NEW'),
    touchDeleteMoves(e, 'OLD.id'),
  );
  return {
    name,
    body,
    sql: `CREATE OR REPLACE FUNCTION ${quoteIdent(name)}() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$`,
  };
}

/**
 * The function of before session 26 (the group taken out and the new one added in two
 * statements): it kept the same rows and groups for the same money fields, so it is replaced
 * without a rebuild.
 */
export function earlierTouchBody(info: EntityTableInfo): string {
  const e = lit(info.entity);
  return recordBody(
    touchRecordSql(e, info, null, 'NEW', 'postgres'),
    touchRecordSql(e, info, 'OLD.id', 'NEW', 'postgres'),
    touchRemoveSql(touchRecord(e, 'OLD.id'), false, 'postgres'),
  );
}

const srcOf = async (x: SqlExec, fn: string) =>
  (
    await x.all<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE oid = to_regproc(?)`, [
      quoteIdent(fn),
    ])
  )[0]?.src;

async function triggersOn(x: SqlExec, table: string): Promise<Set<string>> {
  const rows = await x.all<{ name: string }>(
    'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
    [table],
  );
  return new Set(rows.map((r) => r.name));
}

/** report_first_touch's function and triggers, made once (the body replaced when it changed). */
async function ensureFirstTouch(x: SqlExec): Promise<void> {
  if ((await srcOf(x, 'report_touch_first_change')) !== FIRST_BODY) await x.run(FIRST_FN);
  const have = await triggersOn(x, 'report_first_touch');
  const changed = TOUCH_UTM.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  for (const [name, sql] of [
    [
      'touch__first_add',
      'CREATE TRIGGER touch__first_add AFTER INSERT OR DELETE ON report_first_touch FOR EACH ROW EXECUTE FUNCTION report_touch_first_change()',
    ],
    [
      'touch__first_upd',
      `CREATE TRIGGER touch__first_upd AFTER UPDATE ON report_first_touch FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION report_touch_first_change()`,
    ],
  ] as const)
    if (!have.has(name)) await x.run(sql);
}

/**
 * Makes the entity table keep its first-touch rows and groups in every write's transaction; when
 * its triggers were missing or its function of another text (a table from before them, a money
 * field added or removed), rebuilds its rows and groups from the records. Returns whether it
 * rebuilt. `x` must be in a transaction holding the DDL lock.
 */
export async function ensurePgTouchTriggers(x: SqlExec, info: EntityTableInfo): Promise<boolean> {
  await ensureFirstTouch(x);
  const fn = recordFunction(info);
  const t = quoteIdent(info.table);
  const n = (op: string) => `touch__${info.entity}__${op}`;
  const have = await triggersOn(x, t);
  const src = await srcOf(x, fn.name);
  const triggers = ['add', 'upd', 'del'].every((op) => have.has(n(op)));
  if (src === fn.body && triggers) return false;
  await x.run(fn.sql);
  if (src === earlierTouchBody(info) && triggers) return false;
  for (const op of ['add', 'upd', 'del'])
    if (have.has(n(op))) await x.run(`DROP TRIGGER ${quoteIdent(n(op))} ON ${t}`);
  const call = `FOR EACH ROW EXECUTE FUNCTION ${quoteIdent(fn.name)}()`;
  const changed = touchTracked(info)
    .map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`)
    .join(' OR ');
  await x.run(
    `CREATE TRIGGER ${quoteIdent(n('add'))} AFTER INSERT ON ${t} ${call.replace('FOR EACH ROW', `FOR EACH ROW WHEN (${PG_NOT_BULK})`)}`,
  );
  await x.run(
    `CREATE TRIGGER ${quoteIdent(n('upd'))} AFTER UPDATE ON ${t} ${call.replace('FOR EACH ROW', `FOR EACH ROW WHEN (${changed})`)}`,
  );
  await x.run(`CREATE TRIGGER ${quoteIdent(n('del'))} AFTER DELETE ON ${t} ${call}`);
  for (const sql of touchRebuildSql(t, info, 'postgres')) await x.run(sql);
  // Their new rows' statistics: the readers' plans choose by them.
  await x.run('ANALYZE report_touch_rows, report_touch_months');
  return true;
}

/**
 * Drops the entity's first-touch triggers and function when they name `column` (a money field
 * about to be dropped or converted: PostgreSQL refuses to drop a column a trigger's WHEN names).
 * The plan's closing syncIndexes step makes them anew and rebuilds the rows.
 */
export async function dropPgTouchTriggersOn(
  x: SqlExec,
  entity: string,
  column: string,
): Promise<void> {
  const name = `report_touch__${entity}`;
  if ((await srcOf(x, name))?.includes(quoteIdent(column)))
    await x.run(`DROP FUNCTION ${quoteIdent(name)}() CASCADE`);
}
