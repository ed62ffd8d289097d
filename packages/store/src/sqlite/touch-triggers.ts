import type { StoreDb } from '../db/open-database';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import {
  TOUCH_UTM,
  touchRebuildSql,
  touchRecord,
  touchMoveSql,
  touchRecordSql,
  touchRemoveSql,
  touchRetouchSql,
  touchTracked,
} from '../sql/reports/touch-sql';
import { STAYS } from '../sql/reports/cohort-sql';
import { BULK_FUNCTION } from './bulk-flag';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;

/** The SQL of the triggers on `table` whose name starts with `prefix`, by name. */
function triggerSql(db: StoreDb, table: string, prefix: string): Map<string, string> {
  const rows = db.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
    .all(table) as { name: string; sql: string }[];
  return new Map(rows.filter((t) => t.name.startsWith(prefix)).map((t) => [t.name, t.sql]));
}

/** Replaces the triggers of `have` that differ from `want` (and drops the others); true if any did. */
function bringTo(db: StoreDb, have: Map<string, string>, want: Map<string, string>): boolean {
  const stale = [...want].filter(([name, sql]) => have.get(name) !== sql);
  const stray = [...have.keys()].filter((n) => !want.has(n));
  for (const name of [...stray, ...stale.map(([n]) => n)])
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  for (const [, sql] of stale) db.sqlite.exec(sql);
  return stale.length > 0 || stray.length > 0;
}

/**
 * report_first_touch's triggers, one set for every entity: a record's first touch written,
 * changed or removed moves its rows to the groups of the new UTM values (touch-sql.ts). A first
 * touch whose UTM values stay (a later touch of the same values) moves nothing; the groups'
 * changes are queued (touch-sql.ts TOUCH_PENDING).
 */
function firstTouchTriggers(): Map<string, string> {
  const changed = TOUCH_UTM.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const on = (row: 'NEW' | 'OLD') => {
    const [e, r] = [`${row}.entity`, `${row}.record_id`];
    return `EXISTS (SELECT 1 FROM report_touch_rows WHERE ${touchRecord(e, r)})`;
  };
  return new Map([
    [
      'touch__first_add',
      `CREATE TRIGGER touch__first_add AFTER INSERT ON report_first_touch WHEN ${on('NEW')}\n` +
        body(touchRetouchSql('NEW.entity', 'NEW.record_id', 'sqlite')),
    ],
    [
      'touch__first_upd',
      `CREATE TRIGGER touch__first_upd AFTER UPDATE ON report_first_touch WHEN (${changed}) AND ${on('NEW')}\n` +
        body(touchRetouchSql('NEW.entity', 'NEW.record_id', 'sqlite')),
    ],
    [
      'touch__first_del',
      `CREATE TRIGGER touch__first_del AFTER DELETE ON report_first_touch WHEN ${on('OLD')}\n` +
        body(touchRetouchSql('OLD.entity', 'OLD.record_id', 'sqlite')),
    ],
  ]);
}

/**
 * The entity table's triggers: an insert writes the record's rows (a bulk insert leaves them to
 * refreshTouches), an update of what they hold (creation time, team, stage, a money field)
 * rewrites them in place when the record stays live under its id and creation time (`set`,
 * cohort-sql.ts STAYS), else (a deletion, a restore) takes them out and writes them anew
 * (`upd`), a delete takes them out. The triggers of
 * before: `behind` false, those of before migration 0020, which upserted the groups in the
 * write; `inPlace` false, those of before the in-place `set` (session 26).
 */
function recordTriggers(info: EntityTableInfo, behind = true, inPlace = true): Map<string, string> {
  const e = lit(info.entity);
  const t = quoteIdent(info.table);
  const n = (op: string) => `touch__${info.entity}__${op}`;
  const changed = touchTracked(info)
    .map((c) => `OLD.${c} IS NOT NEW.${c}`)
    .join(' OR ');
  const again = body(touchRecordSql(e, info, 'OLD.id', 'NEW', 'sqlite', behind));
  return new Map([
    [
      n('add'),
      `CREATE TRIGGER ${quoteIdent(n('add'))} AFTER INSERT ON ${t} WHEN NOT ${BULK_FUNCTION}()\n` +
        body(touchRecordSql(e, info, null, 'NEW', 'sqlite', behind)),
    ],
    [
      n('upd'),
      `CREATE TRIGGER ${quoteIdent(n('upd'))} AFTER UPDATE ON ${t} WHEN ${inPlace ? `(${changed}) AND NOT (${STAYS})` : changed}\n${again}`,
    ],
    ...(inPlace
      ? [
          [
            n('set'),
            `CREATE TRIGGER ${quoteIdent(n('set'))} AFTER UPDATE ON ${t} WHEN (${changed}) AND ${STAYS}\n` +
              body(touchMoveSql(e, info, 'NEW')),
          ] as [string, string],
        ]
      : []),
    [
      n('del'),
      `CREATE TRIGGER ${quoteIdent(n('del'))} AFTER DELETE ON ${t}\n` +
        body(touchRemoveSql(touchRecord(e, 'OLD.id'), false, 'sqlite', behind)),
    ],
  ]);
}

/**
 * Makes the entity table keep its first-touch rows in every write's transaction and queue its
 * groups' changes (touch-sql.ts TOUCH_PENDING); when its triggers were missing or of another text
 * (a table from before them, or a money field added or removed), rebuilds its rows and groups
 * from the records. Run inside a transaction.
 */
export function ensureTouchTriggers(db: StoreDb, info: EntityTableInfo): boolean {
  bringTo(db, triggerSql(db, 'report_first_touch', 'touch__'), firstTouchTriggers());
  const want = recordTriggers(info);
  // Trigger names are per database: an archived table of the same entity may still hold them.
  const prefix = `touch__${info.entity}__`;
  const have = triggerSql(db, info.table, prefix);
  const same = (w: Map<string, string>) =>
    [...w].every(([name, sql]) => have.get(name) === sql) && have.size === w.size;
  if (same(want)) return false;
  // The triggers of before the groups were written behind (migration 0020), and those of before
  // the in-place move, kept them exact in every write: replaced, nothing to rebuild (a rebuild
  // reads every record).
  const exact = same(recordTriggers(info, false, false)) || same(recordTriggers(info, true, false));
  for (const name of want.keys()) db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  for (const sql of want.values()) db.sqlite.exec(sql);
  if (!exact)
    for (const sql of touchRebuildSql(quoteIdent(info.table), info, 'sqlite')) db.sqlite.exec(sql);
  return true;
}

/**
 * Drops the entity table's first-touch triggers when they name `column` (a money field about to
 * be dropped or converted: SQLite refuses to drop a column a trigger names). The plan's closing
 * syncIndexes step makes them anew and rebuilds the rows (ensureTouchTriggers).
 */
export function dropTouchTriggersOn(db: StoreDb, table: string, column: string): void {
  for (const [name, sql] of triggerSql(db, table, 'touch__'))
    if (sql.includes(quoteIdent(column))) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(name)}`);
}
