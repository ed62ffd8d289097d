import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { undo0018 } from './report-firsts-undo';
import { contents, rebuilt, TABLES } from './report-group-rows';
import { writeWalks } from './report-walks';

/** The applied-migration stamps of 0015 and later ones: the migrator applies what is newer. */
function stamps(): string {
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= 15)
    .map((e) => e.when)
    .join(', ');
}

/**
 * Takes the three tables back to their shape before 0015 (as 0009 and 0013 made them: rowid
 * tables with their key's own b-tree), rows kept, as 0015 itself converts them. report_rows'
 * own triggers (later than 0015) go with the dropped table: they are put back, so the writes
 * before the upgrade move the groups as the transitions' triggers of now expect.
 */
const toRowidTables = (sql: SqliteRun) =>
  sql((db) => {
    const own = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (?, ?, ?)")
      .pluck()
      .all(...TABLES) as string[];
    db.exec('PRAGMA legacy_alter_table = ON');
    for (const t of TABLES) {
      const text = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
        .pluck()
        .get(t) as string;
      db.exec(
        text
          .replace(/^CREATE TABLE "?\w+"?/, `CREATE TABLE ${t}__old`)
          .replace(/\s*WITHOUT ROWID\s*$/, ''),
      );
      db.exec(`INSERT INTO ${t}__old SELECT * FROM ${t}`);
      db.exec(`DROP TABLE ${t}`);
      db.exec(`ALTER TABLE ${t}__old RENAME TO ${t}`);
    }
    db.exec('PRAGMA legacy_alter_table = OFF');
    for (const q of own) db.exec(q);
  });

/** Whether each table is WITHOUT ROWID. */
const withoutRowid = (sql: SqliteRun) =>
  sql((db) =>
    Object.fromEntries(
      TABLES.map((t) => [
        t,
        (db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(t) as { wr: number })
          .wr === 1,
      ]),
    ),
  );

/** The report triggers' text, by name. */
const triggers = (sql: SqliteRun) =>
  sql((db) =>
    db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all(),
  );

const write = (store: Store, from: number, n: number) =>
  writeWalks(store, from, n, {
    t0: Date.UTC(2026, 2, 20, 9),
    everyMs: 11 * 3_600_000,
    stepMs: 86_400_000,
    prefix: 'W',
  });

describe('migration 0015 (report_rows and its groups WITHOUT ROWID) on a populated database', () => {
  // PostgreSQL tables have no rowid: 0015 is SQLite's alone.
  itOnSqliteFile(
    'sqlite: every row and group is kept, the triggers too, and later writes keep the groups exact',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await write(store, 0, 30);
      await store.close();
      expect(withoutRowid(sql)).toEqual({
        report_rows: true,
        report_cohorts: true,
        report_cohort_months: true,
      });
      // Back to the shape before 0015, written to further by the triggers of then.
      toRowidTables(sql);
      expect(withoutRowid(sql)).toEqual({
        report_rows: false,
        report_cohorts: false,
        report_cohort_months: false,
      });
      store = await openStore({ url, locale: 'en' });
      await write(store, 30, 30);
      await store.close();
      const before = contents(sql);
      expect(before[0]!.length).toBeGreaterThan(40);
      expect(before).toEqual(rebuilt(sql));
      // (undo0018 drops the settle view's triggers with 0021's table: the open makes them again.)
      const triggersBefore = triggers(sql);
      sql((db) => {
        for (const q of undo0018()) db.exec(q);
        db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamps()})`);
      });

      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(withoutRowid(sql)).toEqual({
        report_rows: true,
        report_cohorts: true,
        report_cohort_months: true,
      });
      expect(contents(sql)).toEqual(before);
      expect(triggers(sql)).toEqual(triggersBefore);
      // Single writes (inserts, transitions, stage updates) and a soft delete afterwards.
      await write(store, 60, 25);
      const some = await store.tables.rows('e_lead');
      const gone = await store.records(baseSpec).softDelete('lead', String(some[3]!.id));
      expect(gone.ok).toBe(true);
      await store.close();
      const after = contents(sql);
      expect(after).not.toEqual(before);
      expect(after).toEqual(rebuilt(sql));
    },
  );
});
