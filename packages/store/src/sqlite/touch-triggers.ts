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
import { narrowDirtyTrigger } from './report-triggers';
import { settleView } from './report-settle';

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
 * The entity table's triggers of before the settle (session 27), recognised at the start: they
 * kept the rows exact in every write, and are replaced without a rebuild. An insert wrote the
 * record's rows (a bulk insert left them to refreshTouches), an update of what they hold
 * (creation time, team, stage, a money field) rewrote them in place when the record stayed live
 * under its id and creation time (`set`, cohort-sql.ts STAYS), else (a deletion, a restore) took
 * them out and wrote them anew (`upd`), a delete took them out. `behind` false: those of before
 * migration 0020, which upserted the groups in the write; `inPlace` false: those of before the
 * in-place `set` (session 26).
 */
function oldRecordTriggers(
  info: EntityTableInfo,
  behind: boolean,
  inPlace: boolean,
): Map<string, string> {
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
 * The trigger on the entity's settle view (report-settle.ts) that writes a record's first-touch
 * rows and queues its groups' changes as the insert trigger of before did (touchRecordSql,
 * verbatim): its text names the entity's money fields.
 */
function settleTrigger(info: EntityTableInfo): [string, string] {
  const name = `touch__${info.entity}__settle`;
  return [
    name,
    `CREATE TRIGGER ${quoteIdent(name)} INSTEAD OF INSERT ON ${quoteIdent(settleView(info.entity))}\n` +
      body(touchRecordSql(lit(info.entity), info, null, 'NEW', 'sqlite')),
  ];
}

/**
 * Makes the entity's first-touch rows kept at the settle (the entity table's dirty triggers:
 * report-triggers.ts) and their groups' changes queued (touch-sql.ts TOUCH_PENDING); when the
 * settle's trigger was missing or of another text (a table from before it, a money field added
 * or removed) and the table's triggers of before were not there to keep the rows exact, rebuilds
 * its rows and groups from the records. After ensureReportTriggers (the view). Run inside a
 * transaction.
 */
export function ensureTouchTriggers(db: StoreDb, info: EntityTableInfo): boolean {
  bringTo(db, triggerSql(db, 'report_first_touch', 'touch__'), firstTouchTriggers());
  const [name, want] = settleTrigger(info);
  const view = settleView(info.entity);
  const prefix = `touch__${info.entity}__`;
  const before = triggerSql(db, info.table, prefix);
  const had = triggerSql(db, view, prefix).get(name);
  if (had === want && before.size === 0) return false;
  // The triggers of before the settle, before the groups were written behind (migration 0020)
  // and before the in-place move kept the rows exact in every write: replaced, nothing to
  // rebuild (a rebuild reads every record).
  const same = (w: Map<string, string>) =>
    [...w].every(([n, sql]) => before.get(n) === sql) && before.size === w.size;
  const exact =
    had === want ||
    same(oldRecordTriggers(info, true, true)) ||
    same(oldRecordTriggers(info, false, false)) ||
    same(oldRecordTriggers(info, true, false));
  // Trigger names are per database: an archived table of the same entity may still hold them.
  for (const op of ['add', 'upd', 'set', 'del'])
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(prefix + op)}`);
  if (had !== want) {
    db.sqlite.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
    db.sqlite.exec(want);
  }
  if (!exact)
    for (const sql of touchRebuildSql(quoteIdent(info.table), info, 'sqlite')) db.sqlite.exec(sql);
  return true;
}

/**
 * Drops the first-touch triggers that name `column` (a money field about to be dropped or
 * converted: SQLite refuses to drop a column a trigger names) — the settle view's, a table's of
 * before — and narrows the table's dirty trigger to the columns report_rows reads. The plan's
 * closing syncIndexes step makes them anew and rebuilds the rows (ensureTouchTriggers).
 */
export function dropTouchTriggersOn(db: StoreDb, table: string, column: string): void {
  const views = (
    db.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view'").all() as {
      name: string;
      sql: string;
    }[]
  ).filter(
    (v) => v.name.startsWith('report_settle__') && v.sql.endsWith(` FROM ${quoteIdent(table)}`),
  );
  for (const t of [table, ...views.map((v) => v.name)])
    for (const [name, sql] of triggerSql(db, t, 'touch__'))
      if (sql.includes(quoteIdent(column))) db.sqlite.exec(`DROP TRIGGER ${quoteIdent(name)}`);
  narrowDirtyTrigger(db, table, column);
}
