import type Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { openStore } from '../src/index';
import type { AggregateQuery } from '../src/api/reports';
import { reportRepo } from '../src/sql/reports/report-repo';
import { sqliteExec } from '../src/sqlite/exec';
import { baseSpec } from './fixtures';
import { withMillionLeadStats } from './million-lead-stats';
import { itOnSqliteFile } from './on-databases';
import { writeWalks } from './report-walks';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 + 90 * DAY;
const CUTOFF = NOW - 5 * DAY;
const OPEN = ['new', 'qualified', 'trial'];

/** What the stale follow-ups widget asks: owned open records per owner, their last follow-ups. */
const stale: AggregateQuery = {
  filter: { and: [{ '!=': [{ var: 'ownerId' }, null] }, { in: [{ var: 'stage' }, OPEN] }] },
  by: [{ field: 'ownerId' }],
  measures: [
    { op: 'count' },
    { op: 'count', where: { '<=': [{ var: 'lastActivityAt' }, CUTOFF] } },
    { op: 'min', field: 'lastActivityAt', where: { '<=': [{ var: 'lastActivityAt' }, CUTOFF] } },
    {
      op: 'count',
      where: {
        and: [
          { '==': [{ var: 'lastActivityAt' }, null] },
          { '<=': [{ var: 'createdAt' }, CUTOFF] },
        ],
      },
    },
  ],
};

type Row = { owner_id: string | null; stage: string | null; la: number | null; at: number };

/** The same numbers from every live row, in the test. */
function bruteForce(rows: Row[]) {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    if (r.owner_id === null || !OPEN.includes(r.stage ?? '')) continue;
    const g = by.get(r.owner_id) ?? [0, 0, Infinity, 0];
    g[0]! += 1;
    if (r.la !== null && r.la <= CUTOFF) {
      g[1]! += 1;
      g[2] = Math.min(g[2]!, r.la);
    }
    if (r.la === null && r.at <= CUTOFF) g[3]! += 1;
    by.set(r.owner_id, g);
  }
  return [...by]
    .map(([k, g]) => ({ keys: [k], values: [g[0], g[1], g[2] === Infinity ? null : g[2], g[3]] }))
    .sort((a, b) => String(a.keys[0]).localeCompare(String(b.keys[0])));
}

/**
 * SQLite's owner index holds last_activity_at after the scope columns, so the stale follow-ups
 * read (owned open records grouped by owner) is answered from the index alone in owner order,
 * not by reading the table and sorting it; a database whose owner index predates that gets it
 * rebuilt when its tables are synced at start.
 */
describe('the owner index and stale follow-ups (SQLite)', () => {
  itOnSqliteFile(
    'rebuilds an older owner index at sync; stale counts read it alone',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeWalks(store, 0, 60, { t0: T0, everyMs: DAY, stepMs: 3_600_000, prefix: 'S' });
      await store.close();
      // Stages, and follow-ups on some leads (the activity log's column) before the cutoff; and the
      // owner index as the previous version made it.
      sql((db) => {
        db.exec(
          `UPDATE e_lead SET last_activity_at = CASE WHEN rid % 5 <> 0 THEN created_at + (rid % 7) * ${DAY} END,
           stage = CASE rid % 4 WHEN 0 THEN 'won' WHEN 1 THEN 'new' WHEN 2 THEN 'trial' ELSE 'qualified' END`,
        );
        db.exec('DROP INDEX ix_e_lead__owner');
        db.exec(
          'CREATE INDEX "ix_e_lead__owner" ON "e_lead" ("owner_id", "created_at", "stage", "team_id", "deleted_at")',
        );
      });
      const ownerIndex = () =>
        sql(
          (db) =>
            (
              db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'ix_e_lead__owner'`).get() as {
                sql: string;
              }
            ).sql,
        );
      // Reads the statement the report repository runs, and the plan SQLite makes for it (with
      // the statistics SQLite samples at 1,000,000 leads, as report-wide-range.test does).
      const readStale = (db: Database.Database) => {
        const ran: { sql: string; params: readonly unknown[] }[] = [];
        const x = sqliteExec(() => db);
        const watched = {
          ...x,
          all: <R>(s: string, p: readonly unknown[] = []) => {
            if (s.startsWith('SELECT "owner_id" AS k0')) ran.push({ sql: s, params: p });
            return x.all<R>(s, p);
          },
        };
        return {
          ran,
          answer: reportRepo(watched, baseSpec, 'sqlite', 'en').aggregate('lead', stale),
        };
      };
      const planOf = async () => {
        const Db = (await import('better-sqlite3')).default;
        const db = new Db(url);
        try {
          withMillionLeadStats(db);
          const { ran, answer } = readStale(db);
          const r = await answer;
          if (!r.ok) throw new Error(r.error.message);
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${ran[0]!.sql}`).all(...ran[0]!.params) as {
            detail: string;
          }[];
          return { rows: r.value, plan: plan.map((p) => p.detail).join('\n') };
        } finally {
          db.close();
        }
      };
      const before = await planOf();
      // The old index does not hold last_activity_at: the table is read and sorted by owner.
      expect(before.plan).not.toContain('COVERING INDEX ix_e_lead__owner');
      expect(before.plan).toContain('TEMP B-TREE FOR GROUP BY');

      const again = await openStore({ url, locale: 'en' });
      await again.migrations.syncEntityTables(baseSpec);
      await again.close();
      expect(ownerIndex()).toBe(
        'CREATE INDEX "ix_e_lead__owner" ON "e_lead" ("owner_id", "created_at", "stage", "team_id", "deleted_at", "last_activity_at", "id")',
      );
      // Its statistics are taken again (dropping the old index dropped them).
      const stats = sql((db) =>
        db.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_e_lead__owner'`).all(),
      );
      expect(stats).toHaveLength(1);
      const after = await planOf();
      expect(after.plan).toContain('USING COVERING INDEX ix_e_lead__owner');
      expect(after.plan).not.toContain('TEMP B-TREE');
      // Both reads answer what every row says.
      const rows = sql(
        (db) =>
          db
            .prepare(
              'SELECT owner_id, stage, last_activity_at AS la, created_at AS at FROM e_lead WHERE deleted_at IS NULL',
            )
            .all() as Row[],
      );
      const expected = bruteForce(rows);
      expect(expected.length).toBe(2);
      expect(expected.some((g) => (g.values[1] as number) > 0 && (g.values[3] as number) > 0)).toBe(
        true,
      );
      const sorted = (x: typeof before.rows) =>
        [...x].sort((a, b) => String(a.keys[0]).localeCompare(String(b.keys[0])));
      expect(sorted(before.rows)).toEqual(expected);
      expect(sorted(after.rows)).toEqual(expected);
    },
  );
});
