import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { undo0014 } from './report-firsts-undo';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 9, 5);

/**
 * The applied-migration stamps of 0014 and the later ones (`when` in the journal): the migrator
 * applies what is newer than the newest stamp, so the later ones are forgotten too (and applied
 * again: 0015 converts tables already in its shape to the same shape; the entries index of SQLite's
 * 0016 and PostgreSQL's 0015 is built again; PostgreSQL's 0016 rebuilds report_entries).
 */
function stamps(folder: 'drizzle' | 'drizzle-pg'): string {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= 14)
    .map((e) => e.when)
    .join(', ');
}

/** Raw SQL on the database, `?` placeholders (numbered for PostgreSQL by the caller's runner). */
type Run = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Before 0014, each record's first owner and first touch, as the reports computed them: the
 * correlated subqueries over record_history and touches by (at, id). What the kept tables must
 * give after the upgrade, per live lead: `id|assign delay|first campaign|first content|term`.
 */
const OLD = `SELECT r.id,
  COALESCE((SELECT CASE WHEN h."before" IS NULL THEN h.at - r.created_at ELSE 0 END FROM record_history h
    WHERE h.entity = 'lead' AND h.record_id = r.id AND h.field = 'ownerId' ORDER BY h.at, h.id LIMIT 1),
    CASE WHEN r.owner_id IS NOT NULL THEN 0 END) AS delay,
  (SELECT t.utm_campaign FROM touches t WHERE t.entity = 'lead' AND t.record_id = r.id ORDER BY t.at, t.id LIMIT 1) AS campaign,
  (SELECT t.utm_content FROM touches t WHERE t.entity = 'lead' AND t.record_id = r.id ORDER BY t.at, t.id LIMIT 1) AS content,
  (SELECT t.utm_term FROM touches t WHERE t.entity = 'lead' AND t.record_id = r.id ORDER BY t.at, t.id LIMIT 1) AS term
  FROM e_lead r WHERE r.deleted_at IS NULL`;

async function oldAnswers(run: Run): Promise<string[]> {
  const rows = await run(OLD);
  return rows
    .map((r) => {
      const delay = r.delay === null ? null : Number(r.delay);
      return `${String(r.id)}|${delay}|${String(r.campaign)}|${String(r.content)}|${String(r.term)}`;
    })
    .sort();
}

/** The same through the store's reports (the virtual fields over the kept tables). */
async function answers(store: Store): Promise<string[]> {
  const repo = store.reports(baseSpec);
  const out = new Map<string, string[]>();
  const add = (id: unknown, v: unknown) =>
    out.set(String(id), [...(out.get(String(id)) ?? []), String(v ?? null)]);
  const delays = await repo.aggregate('lead', {
    by: [{ field: 'id' }],
    measures: [{ op: 'min', field: 'assignDelayMs' }],
  });
  if (!delays.ok) throw new Error('report failed');
  for (const r of delays.value) add(r.keys[0], r.values[0]);
  for (const field of ['firstUtmCampaign', 'firstUtmContent', 'firstUtmTerm']) {
    const rows = await repo.aggregate('lead', {
      by: [{ field: 'id' }, { field }],
      measures: [{ op: 'count' }],
    });
    if (!rows.ok) throw new Error('report failed');
    for (const r of rows.value) add(r.keys[0], r.keys[1]);
  }
  return [...out].map(([id, vs]) => `${id}|${vs.join('|')}`).sort();
}

/** `n` leads from `from` on, each with owner history and touches (some out of time order). */
async function write(store: Store, from: number, n: number): Promise<void> {
  const records = store.records(baseSpec);
  for (let i = from; i < from + n; i++) {
    const createdAt = T0 + i * 7 * H;
    const r = await records.insert('lead', {
      name: `U${i}`,
      ownerId: i % 3 === 0 ? null : 'u1',
      createdAt,
    });
    if (!r.ok) throw new Error('insert failed');
    const id = r.value.id;
    const owner = (k: number, before: string | null, at: number) => ({
      id: `h${i}-${k}`,
      changeId: `c${i}-${k}`,
      entity: 'lead',
      recordId: id,
      field: 'ownerId',
      before,
      after: 'u2',
      actorId: null,
      via: 'test',
      at,
    });
    // The later reassignment is written first; some records never get an ownerId row.
    if (i % 4 !== 1)
      await store.history.append([
        owner(2, 'u2', createdAt + (20 + (i % 5)) * H),
        owner(1, i % 3 === 0 ? null : 'u1', createdAt + (i % 7) * 5 * H),
      ]);
    const touch = (k: number, at: number, campaign: string | null) => ({
      id: `t${i}-${k}`,
      entity: 'lead',
      recordId: id,
      kind: 'form',
      sourceKey: 'apply',
      utmSource: 'douyin',
      utmMedium: null,
      utmCampaign: campaign,
      utmContent: k % 2 ? 'A' : 'B',
      utmTerm: i % 2 ? 'kw' : null,
      referrer: null,
      landingUrl: null,
      at,
    });
    if (i % 5 !== 2)
      await store.touches.appendMany([
        touch(2, createdAt + 3 * H, 'late'),
        touch(1, createdAt + (i % 2 ? 3 : 1) * H, i % 3 ? 'spring' : null),
      ]);
  }
}

/**
 * A populated database from before 0014 (no kept tables, no triggers), written to further by
 * the code of then: opening it applies 0014, whose backfill gives every record the answers the
 * old subqueries give; later writes, a raw update and a raw delete keep them so.
 */
async function upgrade(
  open: () => Promise<Store>,
  run: Run,
  toPrevious: () => Promise<void>,
  forget0014: () => Promise<void>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 12);
  await store.close();
  await toPrevious();
  store = await open();
  await write(store, 12, 12);
  await store.close();
  await forget0014();
  store = await open();
  const before = await oldAnswers(run);
  expect(before.filter((a) => a.includes('|spring|')).length).toBeGreaterThan(5);
  expect(before.filter((a) => /\|[1-9]\d*\|/.test(a)).length).toBeGreaterThan(2);
  expect(await answers(store)).toEqual(before);
  await write(store, 24, 4);
  // Raw changes no store call makes: the triggers recompute the record's first row.
  await run(`UPDATE touches SET at = at - ${10 * H} WHERE id = 't3-2'`);
  await run(`DELETE FROM record_history WHERE id = 'h4-1'`);
  await run(`UPDATE record_history SET at = at + ${40 * H} WHERE id = 'h5-1'`);
  const after = await oldAnswers(run);
  expect(after).not.toEqual(before);
  expect(await answers(store)).toEqual(after);
  await store.close();
}

describe('migration 0014 (first owner and first touch kept) on a populated database', () => {
  itOnSqliteFile(
    'sqlite: the backfill gives the answers of the old subqueries, and the triggers keep them',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async (q) =>
          sql((db) => {
            const s = db.prepare(q);
            if (s.reader) return s.all() as Record<string, unknown>[];
            s.run();
            return [];
          }),
        async () =>
          sql((db) => {
            for (const q of undo0014('drizzle')) db.exec(q);
          }),
        async () =>
          sql((db) => {
            db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamps('drizzle')})`);
            // report_settled stays (0022 creates it if missing); 0023 adds `mark` again.
            db.exec('ALTER TABLE report_settled DROP COLUMN mark');
          }),
      );
    },
  );

  itOnPostgres(
    'postgres: the backfill gives the answers of the old subqueries, and the triggers keep them',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        (q) => sql(async (c) => (await c.query(q)).rows as Record<string, unknown>[]),
        () =>
          sql(async (c) => {
            for (const q of undo0014('drizzle-pg')) await c.query(q);
          }),
        () =>
          sql(async (c) => {
            await c.query(
              `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${stamps('drizzle-pg')})`,
            );
          }),
      );
    },
  );
});
