import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { undo0014 } from './report-firsts-undo';
import { writeWalks } from './report-walks';
import { undo0022 } from './session27';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 9, 5);
const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
/** Always true on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'id' }, ''] };
/** Q1 in Asia/Shanghai (whole months, whole days and partial days), whole UTC months, open. */
const RANGES: [number, number | undefined][] = [
  [Date.UTC(2025, 11, 31, 16), Date.UTC(2026, 2, 31, 16)],
  [Date.UTC(2026, 1, 1), Date.UTC(2026, 3, 1)],
  [Date.UTC(2026, 0, 15, 3), undefined],
];

/**
 * The applied-migration stamps of 0013 and the later ones (`when` in the journal): the migrator
 * applies what is newer than the newest stamp, so the later ones are forgotten (and undone) too.
 */
function stamps(folder: 'drizzle' | 'drizzle-pg'): string {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= 13)
    .map((e) => e.when)
    .join(', ');
}

/** `n` leads from `from` on, 31 hours apart (January to April), walking part of the pipeline. */
const write = (store: Store, from: number, n: number) =>
  writeWalks(store, from, n, { t0: T0, everyMs: 31 * H, stepMs: H, prefix: 'U' });

/** The leaderboard's reads and a count per stage over every range, from the groups or in full. */
async function answers(store: Store, full: boolean): Promise<unknown[]> {
  const repo = store.reports(baseSpec);
  const out: unknown[] = [];
  for (const [from, to] of RANGES) {
    const filter = {
      and: [
        { '>=': [{ var: 'createdAt' }, from] },
        ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
        ...(full ? [FULL] : []),
      ],
    };
    const reach = await repo.reach('lead', { ranks: RANKS, by: 'ownerId', mark: ['lost'], filter });
    const counts = await repo.aggregate('lead', {
      by: [{ field: 'stage' }],
      measures: [{ op: 'count' }],
      filter,
    });
    if (!reach.ok || !counts.ok) throw new Error('report failed');
    out.push(
      reach.value.map((x) => `${x.rank}|${String(x.key)}|${x.records}|${x.marked}`).sort(),
      counts.value.map((x) => `${String(x.keys[0])}|${x.values[0]}`).sort(),
    );
  }
  return out;
}

/**
 * A populated database of migration 0012 (its triggers keep the day groups only; no
 * report_cohort_months), written to further under those triggers: opening it applies 0013 as
 * shipped, the start's sync recreates the triggers and rebuilds rows, days and months from the
 * records, every answer equals the full query's, and later single and bulk writes keep it so.
 */
async function upgrade(
  open: () => Promise<Store>,
  toPrevious: () => Promise<void>,
  forget0013: () => Promise<void>,
  monthRows: () => Promise<number>,
  postgres = false,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 40);
  await store.close();
  await toPrevious();
  store = await open();
  await write(store, 40, 30);
  await store.close();
  await forget0013();
  store = await open();
  // The migrator has applied 0013 as shipped (an empty table until the start's sync) and, on
  // PostgreSQL, 0019, which rebuilds both group tables from report_rows.
  if (postgres) expect(await monthRows()).toBeGreaterThan(10);
  else expect(await monthRows()).toBe(0);
  await store.migrations.syncEntityTables(baseSpec);
  expect(await monthRows()).toBeGreaterThan(10);
  const full = await answers(store, true);
  expect(await answers(store, false)).toEqual(full);
  await write(store, 70, 10);
  await store.records(baseSpec).insertMany(
    'lead',
    Array.from({ length: 40 }, (_, i) => ({
      name: `M${i}`,
      ownerId: ['u1', 'u2'][i % 2],
      createdAt: T0 + i * 53 * H,
    })),
  );
  const after = await answers(store, true);
  expect(after).not.toEqual(full);
  expect(await answers(store, false)).toEqual(after);
  await store.close();
}

/** A trigger's or function's SQL without the statements that keep the month groups. */
const withoutMonths = (sql: string, sep: string) =>
  sql
    .split(sep)
    .filter((s) => !s.includes('report_cohort_months'))
    .join(sep);

/** The month groups are gone already (before 0013): nothing of theirs to undo. */
const noMonths = (q: string) => !q.includes('report_cohort_months');

describe('migration 0013 (month groups) on a populated database', () => {
  itOnSqliteFile(
    'sqlite: rebuilds the day and month groups at the next start and keeps them exact',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async () =>
          sql((db) => {
            for (const q of undo0022()) db.exec(q);
            const triggers = db
              .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report\\_\\_%' ESCAPE '\\' AND name NOT LIKE 'report\\_\\_dwell%' ESCAPE '\\' AND name NOT LIKE 'report\\_\\_first%' ESCAPE '\\'",
              )
              .all() as { name: string; sql: string }[];
            // The entity's four (the update's two: in place, and out and in), the transitions' two,
            // the first owners' three (in_time), report_rows' two.
            expect(triggers.length).toBe(11);
            for (const t of triggers) {
              db.exec(`DROP TRIGGER ${t.name}`);
              db.exec(withoutMonths(t.sql, ';\n'));
            }
            db.exec('DROP TABLE report_cohort_months');
          }),
        async () =>
          sql((db) => {
            for (const q of undo0014('drizzle').filter(noMonths)) db.exec(q);
            db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamps('drizzle')})`);
          }),
        async () =>
          sql(
            (db) =>
              (db.prepare('SELECT count(*) AS n FROM report_cohort_months').get() as { n: number })
                .n,
          ),
      );
    },
  );

  itOnPostgres(
    'postgres: drops the day-only trigger functions, rebuilds at the next start and keeps them exact',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            for (const fn of ['report_record_change', 'report_transition_change']) {
              const { rows } = await c.query<{ def: string }>(
                `SELECT pg_get_functiondef(to_regproc('${fn}')) AS def`,
              );
              await c.query(withoutMonths(rows[0]!.def, '\n'));
            }
            await c.query('DROP TABLE report_cohort_months');
          }),
        () =>
          sql(async (c) => {
            for (const q of undo0014('drizzle-pg').filter(noMonths)) await c.query(q);
            await c.query(
              `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${stamps('drizzle-pg')})`,
            );
          }),
        () =>
          sql(async (c) => {
            const { rows } = await c.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM report_cohort_months',
            );
            return rows[0]!.n;
          }),
        true,
      );
    },
  );
});
