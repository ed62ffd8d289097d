import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { foldAllReportGroups } from '../src/sqlite/report-fold';
import { settleAllReports } from '../src/sqlite/report-settle';
import { undo0017 } from './report-firsts-undo';

const H = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 27, 3);
/** True for every record, on a field the groups do not hold: the records are read instead. */
const VIA_RECORDS = { '!=': [{ var: 'name' }, '-'] };
const IN_TIME = { op: 'count' as const, where: { '<=': [{ var: 'assignDelayMs' }, DAY] } };

/** The applied-migration stamp of 0017 (the newest), on either database. */
function stamp(folder: 'drizzle' | 'drizzle-pg'): string {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= 17)
    .map((e) => e.when)
    .join(', ');
}

type Rows = () => Promise<Record<string, unknown>[]>;

/** `n` leads from `from` on: owned or not at creation, their first owner within 24 h or later. */
async function write(store: Store, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const createdAt = T0 + i * 7 * H;
    const r = await store
      .records(baseSpec)
      .insert('lead', { name: `L${i}`, createdAt, ownerId: i % 3 === 0 ? 'u1' : null });
    if (!r.ok) throw new Error('insert failed');
    if (i % 4 === 3) continue;
    await store.history.append([
      {
        id: `h${i}`,
        changeId: `c${i}`,
        entity: 'lead',
        recordId: r.value.id,
        field: 'ownerId',
        before: i % 3 === 0 ? 'u1' : null,
        after: 'u2',
        actorId: null,
        via: 'test',
        at: createdAt + (i % 5) * 11 * H,
      },
    ]);
  }
}

/** Per (time, owner): the in-time sums of one group table, zero sums left out. */
async function sums(rows: Rows, time: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const g of await rows()) {
    const k = `${Number(g[time])}|${String(g.owner_id)}`;
    out.set(k, (out.get(k) ?? 0) + Number(g.in_time));
  }
  return new Map([...out].filter(([, v]) => v !== 0));
}

/**
 * Every live record's in_time against its assignDelayMs read from the records, every group
 * against its records, and the in-time count from the groups against the records'.
 */
async function check(store: Store, tables: Record<string, Rows>): Promise<number> {
  const reports = store.reports(baseSpec);
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  const delays = ok(
    await reports.aggregate('lead', {
      by: [{ field: 'id' }],
      measures: [{ op: 'min', field: 'assignDelayMs' }],
    }),
  );
  const want = new Map(
    delays.map((r) => [String(r.keys[0]), r.values[0] !== null && r.values[0]! <= DAY ? 1 : 0]),
  );
  const rows = await tables.report_rows!();
  expect(new Map(rows.map((r) => [String(r.record_id), Number(r.in_time)]))).toEqual(want);
  const byGroup = (time: (r: Record<string, unknown>) => number) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = `${time(r)}|${String(r.owner_id)}`;
      m.set(k, (m.get(k) ?? 0) + Number(r.in_time));
    }
    return new Map([...m].filter(([, v]) => v !== 0));
  };
  const month = (r: Record<string, unknown>) => {
    const d = new Date(Number(r.day) * DAY);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
  };
  expect(await sums(tables.report_cohorts!, 'day')).toEqual(byGroup((r) => Number(r.day)));
  expect(await sums(tables.report_cohort_months!, 'month')).toEqual(byGroup(month));
  const range = [
    { '>=': [{ var: 'createdAt' }, T0 + 5 * H] },
    { '<': [{ var: 'createdAt' }, T0 + 40 * DAY] },
  ];
  const read = async (extra: unknown[]) =>
    new Map(
      ok(
        await reports.aggregate('lead', {
          filter: { and: [...range, ...extra] },
          by: [{ field: 'ownerId' }],
          measures: [IN_TIME],
        }),
      ).map((r) => [r.keys[0], r.values[0]]),
    );
  expect(await read([])).toEqual(await read([VIA_RECORDS]));
  return [...want.values()].filter((v) => v === 1).length;
}

/**
 * A populated database from before 0017 (no in_time columns; the report triggers of then, which
 * the next start replaces without rebuilding the groups): opening it applies 0017, whose
 * backfill gives every record and group its in-time value; the triggers keep them after.
 */
async function upgrade(
  open: () => Promise<Store>,
  toPrevious: () => Promise<void>,
  tables: Record<string, Rows>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 24);
  await store.close();
  await toPrevious();
  store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  const before = await check(store, tables);
  expect(before).toBeGreaterThan(5);
  expect((await tables.report_rows!()).length - before).toBeGreaterThan(5);
  await write(store, 24, 12);
  expect(await check(store, tables)).toBeGreaterThan(before);
  await store.close();
}

describe('migration 0017 (in-time counts in the report groups) on a populated database', () => {
  itOnSqliteFile(
    'sqlite: the backfill sets every row and group, and the triggers keep them',
    async (url, sql) => {
      // The rows and groups with the records waiting for their settle settled and the changes
      // written behind folded in (what reports read).
      const rows = (t: string) => async () =>
        sql((db) => {
          settleAllReports(db);
          foldAllReportGroups(db);
          return db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
        });
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async () =>
          sql((db) => {
            for (const q of undo0017('drizzle')) db.exec(q);
            // Triggers of before 0017 (they kept the month groups): replaced at the next start,
            // without a rebuild, so the groups' in-time sums are the migration's.
            for (const [name, on] of [
              ['report__lead__add', 'INSERT ON e_lead'],
              ['report__lead__upd', 'UPDATE ON e_lead'],
              ['report__lead__del', 'DELETE ON e_lead'],
              ['report__transition_add', 'INSERT ON stage_transitions'],
              ['report__transition_del', 'DELETE ON stage_transitions'],
            ])
              db.exec(
                `CREATE TRIGGER ${name} AFTER ${on} WHEN 0 BEGIN DELETE FROM report_cohort_months WHERE 0; END`,
              );
            db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamp('drizzle')})`);
          }),
        {
          report_rows: rows('report_rows'),
          report_cohorts: rows('report_cohorts'),
          report_cohort_months: rows('report_cohort_months'),
        },
      );
    },
  );

  itOnPostgres(
    'postgres: the backfill sets every row and group, and the triggers keep them',
    async (url, sql) => {
      const rows = (t: string) => () =>
        sql(async (c) => (await c.query(`SELECT * FROM ${t}`)).rows as Record<string, unknown>[]);
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            // The columns and the first owners' trigger go; the record and transition functions
            // stay (their triggers too: no rebuild), and nothing is written before the start.
            for (const q of undo0017('drizzle-pg'))
              if (!q.includes('report_record_change') && !q.includes('report_transition_change'))
                await c.query(q);
            await c.query(
              `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${stamp('drizzle-pg')})`,
            );
          }),
        {
          report_rows: rows('report_rows'),
          report_cohorts: rows('report_cohorts'),
          report_cohort_months: rows('report_cohort_months'),
        },
      );
    },
  );
});
