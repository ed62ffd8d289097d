import type { EntityTableInfo, IndexDef } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import type { SqlExec } from '../../sql/exec';
import {
  createIndexSql,
  createSearchTableSql,
  createTableSql,
  searchTableName,
} from '../records/ddl';
import { pgSearchRow } from '../records/search';
import { ensurePgReportTriggers } from '../report-triggers';
import { ensurePgTouchTriggers } from '../touch-triggers';
import { managedIndexes } from './introspect';

/** Creates the table, its search table, its indexes and its report triggers. */
export async function createEntityTable(x: SqlExec, info: EntityTableInfo): Promise<void> {
  await x.run(createTableSql(info));
  await ensureSearchTable(x, info);
  await syncIndexes(x, info);
  await ensurePgReportTriggers(x, info);
  await ensurePgTouchTriggers(x, info);
}

export async function ensureSearchTable(x: SqlExec, info: EntityTableInfo): Promise<void> {
  for (const sql of createSearchTableSql(info.table)) await x.run(sql);
}

/** Column list and condition of an index definition, compared without quotes, spaces or parentheses. */
const shape = (columns: string, where: string | undefined) =>
  `${columns}|${where ?? ''}`.replace(/[\s"()]/g, '').toLowerCase();

/**
 * The shape of an index as pg_indexes prints it: `CREATE INDEX name ON public.t USING btree
 * (a NULLS FIRST, b NULLS FIRST) WHERE (c IS NOT NULL)`. The column list ends at the first `)`
 * the condition (or the end) follows: a greedy match ran to the condition's own `)`, so a
 * partial index never matched its definition and every sync rebuilt it (the SLA and recycle
 * bin indexes at each start: ~0.3–0.4 s each at 1,000,000 leads, the table locked meanwhile).
 */
const shapeOf = (sql: string) => {
  const m = /USING \w+ \((.*?)\)(?: WHERE (.*))?$/.exec(sql);
  return m ? shape(m[1] ?? '', m[2]) : '';
};

/** The indexes PostgreSQL makes (SQLite's attribution indexes are its alone). */
const pgIndexes = (info: EntityTableInfo) => info.indexes.filter((d) => !d.sqliteOnly);

/** Makes the managed indexes of a table exactly the ones the spec asks for (indexes hold no data). */
export async function syncIndexes(x: SqlExec, info: EntityTableInfo): Promise<void> {
  const wanted = new Map(pgIndexes(info).map((d) => [d.name, d]));
  for (const ix of await managedIndexes(x, info.table)) {
    const want = wanted.get(ix.name);
    if (shapeOf(ix.sql) !== (want ? expected(want) : null))
      await x.run(`DROP INDEX ${quoteIdent(ix.name)}`);
  }
  for (const def of wanted.values()) await x.run(createIndexSql(info.table, def));
}

const expected = (def: IndexDef) =>
  shape(
    [...def.columns, ...(def.pgTail ?? [])].map((c) => `${c} NULLS FIRST`).join(','),
    def.where,
  );

/**
 * An existing table's indexes over system columns only, made as this version defines them (a
 * definition that changed is rebuilt: the creation and owner indexes gained their PostgreSQL
 * tails), and the data health index a widget asks for (health-columns.ts), made when the table
 * holds every column it names and dropped when no widget asks any more. Indexes led by field
 * columns are left to spec migrations: the table may not hold a spec's new field yet. Returns
 * whether any was built.
 */
export async function syncSystemIndexes(x: SqlExec, info: EntityTableInfo): Promise<boolean> {
  const system = new Set(info.systemColumns.map((c) => c.name));
  const present = new Set(
    (
      await x.all<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
        [info.table],
      )
    ).map((c) => c.name),
  );
  const have = new Map((await managedIndexes(x, info.table)).map((ix) => [ix.name, ix.sql]));
  let built = false;
  for (const def of pgIndexes(info)) {
    if (!def.columns.every((c) => system.has(c))) continue;
    if (!(def.pgTail ?? []).every((c) => (def.pgOnly ? present : system).has(c))) continue;
    const sql = have.get(def.name);
    if (sql !== undefined && shapeOf(sql) === expected(def)) continue;
    if (sql !== undefined) await x.run(`DROP INDEX ${quoteIdent(def.name)}`);
    await x.run(createIndexSql(info.table, def));
    built = true;
  }
  const health = `ix_${info.table}__health`;
  if (have.has(health) && !info.indexes.some((d) => d.name === health)) {
    await x.run(`DROP INDEX ${quoteIdent(health)}`);
    built = true;
  }
  return built;
}

/**
 * Renames a table with the indexes and sequences named after it (PostgreSQL names a primary
 * key, unique constraint and identity sequence after the table; a new table of the old name
 * would collide with them).
 */
export async function renameTable(x: SqlExec, from: string, to: string): Promise<void> {
  await x.run(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
  const owned = await x.all<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND left(c.relname, ?) = ?
       AND (c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = to_regclass(?))
         OR c.oid IN (SELECT objid FROM pg_depend WHERE refobjid = to_regclass(?) AND classid = 'pg_class'::regclass AND deptype IN ('a', 'i')))`,
    [from.length + 1, `${from}_`, quoteIdent(to), quoteIdent(to)],
  );
  for (const o of owned) {
    const renamed = `${to}${o.name.slice(from.length)}`;
    const what = o.kind === 'S' ? 'SEQUENCE' : 'INDEX';
    // Managed indexes are named ix_<table>__…: those are dropped and recreated, not renamed.
    await x.run(`ALTER ${what} ${quoteIdent(o.name)} RENAME TO ${quoteIdent(renamed)}`);
  }
}

/** Rebuilds an entity's search rows from its records (after its search fields changed). */
export async function rebuildSearch(x: SqlExec, info: EntityTableInfo): Promise<void> {
  await ensureSearchTable(x, info);
  const s = quoteIdent(searchTableName(info.table));
  await x.run(`DELETE FROM ${s}`);
  if (info.searchFields.length === 0) return;
  const cols = info.searchFields.map(quoteIdent).join(', ');
  let last = 0;
  for (;;) {
    const rows = await x.all<Record<string, unknown>>(
      `SELECT rid, ${cols} FROM ${quoteIdent(info.table)} WHERE rid > ? ORDER BY rid LIMIT 2000`,
      [last],
    );
    const docs = rows
      .map((r) => ({ rid: Number(r.rid), doc: pgSearchRow(info.searchFields.map((f) => r[f])) }))
      .filter((d) => d.doc.body !== '');
    if (docs.length)
      await x.run(
        `INSERT INTO ${s} (rid, body, grams) SELECT r.rid, r.body, ARRAY(SELECT jsonb_array_elements_text(r.grams)) FROM unnest(?::bigint[], ?::text[], ?::jsonb[]) AS r(rid, body, grams)`,
        [
          docs.map((d) => d.rid),
          docs.map((d) => d.doc.body),
          docs.map((d) => JSON.stringify(d.doc.grams)),
        ],
      );
    if (rows.length < 2000) break;
    last = Number(rows[rows.length - 1]?.rid);
  }
}
