import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { addSums, grains, PENDING, SUMS } from '../src/sql/reports/cohort-sql';
import { baseSpec } from './fixtures';
import { toSession26 } from './session26';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { undo0018 } from './report-firsts-undo';
import { contents, rebuilt } from './report-group-rows';
import { writeWalks } from './report-walks';

/** 0018's stamp: forgotten, the migrator applies it again. */
function stamp(): string {
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= 18)
    .map((e) => e.when)
    .join(', ');
}

/**
 * A trigger's text as it was before 0018: each queued change of a group (one pending row) is
 * the upserts of both grains, a take-out followed by the deletes of the groups it emptied.
 */
function writingGroups(sql: string): string {
  const queued = new RegExp(
    `INSERT INTO ${PENDING} \\([^)]*\\) SELECT entity, day, owner_id, team_id, stage, entered, (-?)1, .*? FROM report_rows WHERE (entity = [^\\s;]+ AND record_id = [^\\s;]+)`,
    'g',
  );
  return sql.replace(queued, (_, s: string, where: string) =>
    grains('sqlite')
      .map(
        (g) =>
          `INSERT INTO ${g.table} (${g.key}, ${SUMS}) SELECT ${g.values}, ${s}1, ${s}created_at,` +
          ` ${s}COALESCE(stage_at, 0), ${s}(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END),` +
          ` ${s}in_time FROM report_rows WHERE ${where} ${addSums(g)}`,
      )
      .concat(
        s === '-'
          ? grains('sqlite').map(
              (g) =>
                `DELETE FROM ${g.table} WHERE records = 0 AND (${g.key}) IN (SELECT ${g.values} FROM report_rows WHERE ${where})`,
            )
          : [],
      )
      .join(';\n  '),
  );
}

/** The report triggers, by name. */
const reportTriggers = (sql: SqliteRun) =>
  sql(
    (db) =>
      db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report\\_%' ESCAPE '\\' ORDER BY name",
        )
        .all() as { name: string; sql: string }[],
  );

const write = (store: Store, from: number, n: number) =>
  writeWalks(store, from, n, {
    t0: Date.UTC(2026, 2, 20, 9),
    everyMs: 11 * 3_600_000,
    stepMs: 86_400_000,
    prefix: 'Q',
  });

describe('migration 0018 (report groups written behind) on a populated database', () => {
  // PostgreSQL keeps its groups in the write's transaction: 0018 is SQLite's alone.
  itOnSqliteFile(
    'sqlite: the triggers that wrote the groups are replaced without a rebuild, the groups stay exact, later changes are queued',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await write(store, 0, 24);
      await store.close();
      // What this version makes; the test starts from session 26's (counted in the write).
      const fresh = reportTriggers(sql);
      sql(toSession26);
      const now = reportTriggers(sql);
      expect(now.filter((t) => t.sql.includes(PENDING)).length).toBeGreaterThan(4);
      // Back to before 0018, written to further by the triggers of then.
      sql((db) => {
        for (const q of undo0018(false)) db.exec(q);
        for (const t of now.filter((x) => x.sql.includes(PENDING))) {
          db.exec(`DROP TRIGGER ${t.name}`);
          db.exec(writingGroups(t.sql));
        }
        db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamp()})`);
      });
      expect(reportTriggers(sql).some((t) => t.sql.includes(PENDING))).toBe(false);
      store = await openStore({ url, locale: 'en' });
      await store.close();
      // 0018 applied by the open (its table is there, empty); the old triggers still in place.
      expect(sql((db) => db.prepare(`SELECT count(*) AS n FROM ${PENDING}`).get())).toEqual({
        n: 0,
      });
      const before = contents(sql);
      expect(before[1]!.length).toBeGreaterThan(10);
      expect(before).toEqual(rebuilt(sql));
      const mark = sql((db) => {
        // A group no rebuild would make: it stays only if the sync replaces the triggers alone.
        db.exec(
          "INSERT INTO report_cohorts (entity, day, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at, in_time) VALUES ('lead', 1, 'mark', '', '', '', 1, 0, 0, 0, 0)",
        );
        return db.prepare("SELECT count(*) AS n FROM report_cohorts WHERE owner_id = 'mark'").get();
      });
      expect(mark).toEqual({ n: 1 });
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(reportTriggers(sql)).toEqual(fresh);
      expect(
        sql((db) =>
          db.prepare("SELECT count(*) AS n FROM report_cohorts WHERE owner_id = 'mark'").get(),
        ),
      ).toEqual({ n: 1 });
      sql((db) => db.exec("DELETE FROM report_cohorts WHERE owner_id = 'mark'"));
      // Later writes queue their changes; the groups with them folded are exact.
      await write(store, 24, 24);
      expect(await store.records(baseSpec).reportBacklog()).toBe(true);
      await store.close();
      const after = contents(sql);
      expect(after).not.toEqual(before);
      expect(after).toEqual(rebuilt(sql));
    },
  );
});
