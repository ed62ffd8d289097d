import type { StoreDb } from '../db/open-database';
import { quoteIdent, tableName } from '../entity/entity-table';
import { prepared } from './exec';

type Db = StoreDb;
const stmt = (db: Db, sql: string) => prepared(db.sqlite, sql);
/** BEGIN IMMEDIATE, or a savepoint inside the open transaction. */
const writeTransaction = <T>(db: Db, fn: () => T): T =>
  db.sqlite.inTransaction ? db.transaction(fn) : db.sqlite.transaction(fn).immediate();

/** Counter table (a system migration of the store): open records per (entity, owner), kept by triggers on the entity table. */
const COUNTS = 'owner_open_loads';

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** The three trigger statements for `entity` with `closed` (won/lost) stages, exactly as SQLite stores them. */
function triggerSql(entity: string, closed: readonly string[]): { name: string; sql: string }[] {
  const table = tableName(entity);
  const t = quoteIdent(table);
  const e = sqlString(entity);
  const open = (row: 'NEW' | 'OLD') =>
    `${row}.owner_id IS NOT NULL AND ${row}.deleted_at IS NULL` +
    (closed.length
      ? ` AND (${row}.stage IS NULL OR ${row}.stage NOT IN (${closed.map(sqlString).join(', ')}))`
      : '');
  const add = (row: 'NEW' | 'OLD', delta: 1 | -1) =>
    `INSERT INTO ${COUNTS} (entity, owner_id, open) SELECT ${e}, ${row}.owner_id, ${delta} WHERE ${open(row)} ` +
    `ON CONFLICT (entity, owner_id) DO UPDATE SET open = open + ${delta};`;
  const name = (kind: string) => `${COUNTS}__${table}__${kind}`;
  return [
    {
      name: name('ins'),
      sql: `CREATE TRIGGER ${quoteIdent(name('ins'))} AFTER INSERT ON ${t} BEGIN ${add('NEW', 1)} END`,
    },
    {
      name: name('del'),
      sql: `CREATE TRIGGER ${quoteIdent(name('del'))} AFTER DELETE ON ${t} BEGIN ${add('OLD', -1)} END`,
    },
    {
      name: name('upd'),
      sql: `CREATE TRIGGER ${quoteIdent(name('upd'))} AFTER UPDATE OF owner_id, stage, deleted_at ON ${t} BEGIN ${add('OLD', -1)} ${add('NEW', 1)} END`,
    },
  ];
}

/** Per connection: schema_version at which the triggers of (table, closed stages) were last found in place. */
const verified = new WeakMap<StoreDb['sqlite'], Map<string, number>>();

function schemaVersion(db: Db): number {
  return (stmt(db, 'PRAGMA schema_version').get() as { schema_version: number }).schema_version;
}

/**
 * True when the entity table carries exactly the expected triggers (a migration may have
 * rebuilt or renamed it). Any DDL, on any connection, bumps schema_version, so a check that
 * passed stays valid until the schema version moves.
 */
function triggersInPlace(
  db: Db,
  table: string,
  closed: readonly string[],
  expected: () => { name: string; sql: string }[],
): boolean {
  let seen = verified.get(db.sqlite);
  if (!seen) verified.set(db.sqlite, (seen = new Map()));
  const key = `${table}\u0000${closed.join('\u0000')}`;
  const version = schemaVersion(db);
  if (seen.get(key) === version) return true;
  const ok = triggersMatch(db, table, expected());
  if (ok) seen.set(key, version);
  return ok;
}

function triggersMatch(db: Db, table: string, expected: { name: string; sql: string }[]): boolean {
  const rows = stmt(
    db,
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND substr(name, 1, ${COUNTS.length + 2}) = '${COUNTS}__'`,
  ).all(table) as { name: string; sql: string }[];
  if (rows.length !== expected.length) return false;
  const have = new Map(rows.map((r) => [r.name, r.sql]));
  return expected.every((x) => have.get(x.name) === x.sql);
}

/** (Re)creates the triggers of `entity` and recounts its open records once. */
function install(
  db: Db,
  entity: string,
  expected: { name: string; sql: string }[],
  countSql: string,
  closed: readonly string[],
): void {
  const table = tableName(entity);
  writeTransaction(db, () => {
    const stale = db.sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND (tbl_name = ? OR name IN (${expected.map(() => '?').join(', ')}))`,
      )
      .all(table, ...expected.map((x) => x.name)) as { name: string }[];
    for (const r of stale)
      if (r.name.startsWith(`${COUNTS}__`)) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(r.name)}`);
    for (const x of expected) db.sqlite.exec(x.sql);
    db.sqlite.prepare(`DELETE FROM ${COUNTS} WHERE entity = ?`).run(entity);
    db.sqlite
      .prepare(
        `INSERT INTO ${COUNTS} (entity, owner_id, open) SELECT ?, owner_id, COUNT(*) FROM (${countSql}) GROUP BY owner_id`,
      )
      .run(entity, ...closed);
  });
}

/**
 * Open (not deleted, not won/lost) records of `entity` owned by each of `userIds`. Read from a
 * counter table that triggers keep in the same transaction as every write, so least-loaded
 * assignment costs a primary-key look-up per candidate instead of counting every record the
 * candidates own (which grows with the table). The triggers are checked on every call and
 * (re)installed with a one-off recount when missing or when the closed stages changed; if that
 * is not possible (say a read-only connection) the records are counted directly.
 */
export function openLoadCounts(
  db: Db,
  entity: string,
  closed: readonly string[],
  userIds: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  if (userIds.length === 0) return out;
  const table = tableName(entity);
  const stageCond = closed.length
    ? ` AND (stage IS NULL OR stage NOT IN (${closed.map(() => '?').join(',')}))`
    : '';
  const openRows = `SELECT owner_id FROM ${quoteIdent(table)} WHERE deleted_at IS NULL AND owner_id IS NOT NULL${stageCond}`;
  const marks = userIds.map(() => '?').join(',');
  let counted = triggersInPlace(db, table, closed, () => triggerSql(entity, closed));
  if (!counted) {
    try {
      install(db, entity, triggerSql(entity, closed), openRows, closed);
      counted = true;
    } catch {
      counted = false;
    }
  }
  const rows = counted
    ? (stmt(
        db,
        `SELECT owner_id AS o, open AS n FROM ${COUNTS} WHERE entity = ? AND owner_id IN (${marks})`,
      ).all(entity, ...userIds) as { o: string; n: number }[])
    : (stmt(
        db,
        `SELECT owner_id AS o, COUNT(*) AS n FROM ${quoteIdent(table)} WHERE deleted_at IS NULL AND owner_id IN (${marks})${stageCond} GROUP BY owner_id`,
      ).all(...userIds, ...closed) as { o: string; n: number }[]);
  for (const r of rows) if (r.n !== 0) out[r.o] = r.n;
  return out;
}
