import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type AggregateQuery, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 27, 3);
/** True for every record, on a field the groups do not hold: the records are read instead. */
const VIA_RECORDS = { '!=': [{ var: 'name' }, '-'] };

/** The applied-migration stamps of the touch groups' migration (`first`: its number) and later. */
function stamp(folder: 'drizzle' | 'drizzle-pg', first: number): string {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const mine = journal.entries.find((e) => e.tag.endsWith('_report_touch_groups'));
  expect(Number(mine?.tag.slice(0, 4))).toBe(first);
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= first)
    .map((e) => e.when)
    .join(', ');
}

/** `n` leads from `from` on, over two months, most with a touch (some two), amounts and stages. */
async function write(store: Store, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const createdAt = T0 + i * 31 * H;
    const r = await store.records(baseSpec).insert('lead', {
      name: `L${i}`,
      createdAt,
      stage: ['new', 'won', 'lost'][i % 3],
      teamId: i % 4 === 0 ? 'north' : null,
      budget: i % 5 === 0 ? null : 100 * i,
    });
    if (!r.ok) throw new Error('insert failed');
    for (let k = 0; k < (i % 7 === 0 ? 0 : 1 + (i % 2)); k++)
      await store.touches.append({
        id: `t${i}-${k}`,
        entity: 'lead',
        recordId: r.value.id,
        kind: 'form',
        sourceKey: null,
        utmSource: ['douyin', 'wechat'][(i + k) % 2]!,
        utmMedium: null,
        utmCampaign: `c${(i * 3 + k) % 4}`,
        utmContent: k === 0 ? 'A' : 'B',
        utmTerm: null,
        referrer: null,
        landingUrl: null,
        // The second touch comes first for some: the first touch is the earliest.
        at: createdAt + (k === 1 && i % 3 === 0 ? -H : k * H),
      });
  }
}

const attribution = (extra: unknown[]): AggregateQuery => ({
  filter: {
    and: [
      { '>=': [{ var: 'createdAt' }, T0 + 5 * H] },
      { '<': [{ var: 'createdAt' }, T0 + 70 * 24 * H] },
      ...extra,
    ],
  },
  by: [{ field: 'firstUtmCampaign' }, { field: 'firstUtmContent' }],
  measures: [
    { op: 'count' },
    { op: 'sum', field: 'budget', where: { in: [{ var: 'stage' }, ['won']] } },
  ],
});

/** Attribution by first touch from the groups against the records; returns the records counted. */
async function check(store: Store, rows: () => Promise<Record<string, unknown>[]>) {
  const reports = store.reports(baseSpec);
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  // PostgreSQL's full query returns its groups in no given order.
  const sorted = <T extends { keys: unknown[] }>(xs: T[]) =>
    [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));
  const fast = ok(await reports.aggregate('lead', attribution([])));
  const full = ok(await reports.aggregate('lead', attribution([VIA_RECORDS])));
  expect(sorted(fast)).toEqual(sorted(full));
  const live = await store.tables.count('e_lead');
  expect((await rows()).length).toBe(live);
  return fast.reduce((n, r) => n + r.values[0]!, 0);
}

/**
 * A populated database from before the touch groups: opening it applies the migration (the
 * tables) and the start's sync creates the triggers and fills the rows and groups from the
 * records; the triggers keep them after.
 */
async function upgrade(
  open: () => Promise<Store>,
  toPrevious: () => Promise<void>,
  rows: () => Promise<Record<string, unknown>[]>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 40);
  await store.close();
  await toPrevious();
  store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  const before = await check(store, rows);
  expect(before).toBeGreaterThan(20);
  await write(store, 40, 12);
  expect(await check(store, rows)).toBeGreaterThan(before);
  await store.close();
}

describe('migration report_touch_groups (first-touch attribution groups) on a populated database', () => {
  itOnSqliteFile(
    'sqlite: the start fills the rows and groups from the records, and the triggers keep them',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async () =>
          sql((db) => {
            for (const t of db
              .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'touch\\_\\_%' ESCAPE '\\'",
              )
              .all() as { name: string }[])
              db.exec(`DROP TRIGGER "${t.name}"`);
            db.exec('DROP TABLE report_touch_rows');
            db.exec('DROP TABLE report_touch_months');
            db.exec(
              `DELETE FROM __drizzle_migrations WHERE created_at IN (${stamp('drizzle', 19)})`,
            );
            // report_settled stays (0022 creates it if missing); 0023 adds `mark` again.
            db.exec('ALTER TABLE report_settled DROP COLUMN mark');
          }),
        async () =>
          sql(
            (db) =>
              db.prepare('SELECT * FROM report_touch_rows').all() as Record<string, unknown>[],
          ),
      );
    },
  );

  itOnPostgres(
    'postgres: the start fills the rows and groups from the records, and the triggers keep them',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            await c.query('DROP TABLE report_touch_rows, report_touch_months');
            await c.query('DROP FUNCTION report_touch_first_change() CASCADE');
            await c.query('DROP FUNCTION "report_touch__lead"() CASCADE');
            await c.query(
              `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${stamp('drizzle-pg', 20)})`,
            );
          }),
        () =>
          sql(
            async (c) =>
              (await c.query('SELECT * FROM report_touch_rows')).rows as Record<string, unknown>[],
          ),
      );
    },
  );
});
