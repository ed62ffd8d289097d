import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { reenterSql } from '../src/sql/reports/cohort-sql';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { contents, rebuilt } from './report-group-rows';
import { writeWalks } from './report-walks';
import { undo0022 } from './session27';

/** The report triggers of a table, by name. */
const triggersOn = (sql: SqliteRun, table: string) =>
  sql(
    (db) =>
      new Map(
        (
          db
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
            .all(table) as { name: string; sql: string }[]
        ).map((t) => [t.name, t.sql]),
      ),
  );

/**
 * The transitions' triggers as they were before report_rows had its own: each moved the record
 * between groups itself, all seven statements in one trigger.
 */
const toOlderTriggers = (sql: SqliteRun) =>
  sql((db) => {
    // Session 27's first (the transitions' insert trigger), then older.
    for (const q of undo0022()) db.exec(q);
    db.exec('DROP TRIGGER report__row_leave');
    db.exec('DROP TRIGGER report__row_enter');
    for (const [name, ev, row, when] of [
      ['report__transition_add', 'INSERT', 'NEW', ' AND NOT trellis_bulk()'],
      ['report__transition_del', 'DELETE', 'OLD', ''],
    ] as const) {
      db.exec(`DROP TRIGGER ${name}`);
      db.exec(
        `CREATE TRIGGER ${name} AFTER ${ev} ON stage_transitions` +
          ` WHEN EXISTS (SELECT 1 FROM report_rows WHERE entity = ${row}.entity AND record_id = ${row}.record_id)${when}\n` +
          `BEGIN\n  ${reenterSql(`${row}.entity`, `${row}.record_id`, 'sqlite').join(';\n  ')};\nEND`,
      );
    }
  });

const write = (store: Store, from: number, n: number) =>
  writeWalks(store, from, n, {
    t0: Date.UTC(2026, 4, 3, 9),
    everyMs: 13 * 3_600_000,
    stepMs: 86_400_000,
    prefix: 'T',
  });

describe("SQLite: a transition rewrites its record's entered stages, report_rows' triggers move the groups", () => {
  itOnSqliteFile(
    'the older triggers are replaced at sync, and the groups stay exact through adds, removals and bulk appends',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await store.close();
      toOlderTriggers(sql);
      store = await openStore({ url, locale: 'en' });
      await write(store, 0, 30);
      await store.close();
      const before = contents(sql);
      expect(before[0]!.length).toBeGreaterThan(20);
      expect(before).toEqual(rebuilt(sql));

      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      // No trigger on a transition's insert (session 28: the settle takes up the transitions
      // inserted, report-sources.ts); a delete or an update marks its record, and no group
      // statement runs in the write.
      const onTransitions = triggersOn(sql, 'stage_transitions');
      expect([...onTransitions.keys()].sort()).toEqual([
        'report__transition_del',
        'report__transition_upd',
      ]);
      for (const text of onTransitions.values()) {
        expect(text).toContain('report_dirty');
        expect(text).not.toContain('report_cohorts');
        expect(text).not.toContain('report_group_pending');
      }
      expect([...triggersOn(sql, 'report_rows').keys()].sort()).toEqual([
        'report__row_enter',
        'report__row_leave',
      ]);
      expect(contents(sql)).toEqual(before);

      // Single writes (inserts, transitions after their record, stage updates) …
      await write(store, 30, 30);
      const leads = await store.tables.rows('e_lead');
      const id = String(leads[7]!.id);
      // … a transition taken back, one that enters a stage again, a soft delete …
      const [last] = (await store.transitions.listFor('lead', id)).slice(-1);
      await store.transitions.remove([last!.id]);
      const again = {
        entity: 'lead',
        fromStage: null,
        actorId: null,
        via: 'test',
        dwellMs: null,
      } as const;
      await store.transitions.append({ ...again, recordId: id, toStage: 'new', at: last!.at });
      expect((await store.records(baseSpec).softDelete('lead', String(leads[11]!.id))).ok).toBe(
        true,
      );
      // … and a bulk append (the triggers off, the groups moved once for the batch).
      await store.transitions.appendMany(
        leads.slice(0, 40).map((r, i) => ({
          ...again,
          recordId: String(r.id),
          toStage: ['trial', 'lost', 'won'][i % 3]!,
          at: Date.UTC(2026, 6, 1) + i,
        })),
      );
      await store.close();
      const after = contents(sql);
      expect(after).not.toEqual(before);
      expect(after).toEqual(rebuilt(sql));
    },
  );
});
