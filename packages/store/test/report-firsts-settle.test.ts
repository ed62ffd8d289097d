import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { contents, rebuilt } from './report-group-rows';
import { ok, rng } from './contract/seeded';
import { undoFirstsTakeUp } from './session27';

const H = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 1, 3, 9);
const CAMPAIGNS = ['spring', 'autumn', null];

/**
 * Each live lead's first owner and first touch as the reports computed them before migration
 * 0014 (report-firsts-upgrade.test.ts): the first row by (at, id) of its own history and touches.
 * `id|assign delay|first source|first campaign`.
 */
const OWN = `SELECT r.id,
  COALESCE((SELECT CASE WHEN h."before" IS NULL THEN h.at - r.created_at ELSE 0 END FROM record_history h
    WHERE h.entity = 'lead' AND h.record_id = r.id AND h.field = 'ownerId' ORDER BY h.at, h.id LIMIT 1),
    CASE WHEN r.owner_id IS NOT NULL THEN 0 END) AS delay,
  (SELECT t.utm_source FROM touches t WHERE t.entity = 'lead' AND t.record_id = r.id ORDER BY t.at, t.id LIMIT 1) AS source,
  (SELECT t.utm_campaign FROM touches t WHERE t.entity = 'lead' AND t.record_id = r.id ORDER BY t.at, t.id LIMIT 1) AS campaign
  FROM e_lead r WHERE r.deleted_at IS NULL`;

const own = (sql: SqliteRun) =>
  sql((db) =>
    (db.prepare(OWN).all() as Record<string, unknown>[])
      .map((r) => `${String(r.id)}|${String(r.delay)}|${String(r.source)}|${String(r.campaign)}`)
      .sort(),
  );

/** The same through the store's virtual fields: a report grouped by record, and list filters. */
async function answers(store: Store): Promise<string[]> {
  const reports = store.reports(baseSpec);
  const rows = await ok(
    reports.aggregate('lead', {
      by: [{ field: 'id' }, { field: 'firstUtmSource' }],
      measures: [{ op: 'min', field: 'assignDelayMs' }],
    }),
  );
  const campaigns = await ok(
    reports.aggregate('lead', {
      by: [{ field: 'id' }, { field: 'firstUtmCampaign' }],
      measures: [{ op: 'count' }],
    }),
  );
  const campaign = new Map(campaigns.map((r) => [String(r.keys[0]), String(r.keys[1] ?? null)]));
  return rows
    .map((r) => {
      const id = String(r.keys[0]);
      return `${id}|${String(r.values[0])}|${String(r.keys[1] ?? null)}|${campaign.get(id)}`;
    })
    .sort();
}

/** The ids a list filter on a virtual field finds. */
async function listed(store: Store, filter: unknown): Promise<string[]> {
  const page = await ok(store.records(baseSpec).list('lead', { filter, limit: 1000 }));
  return page.records.map((r) => r.id).sort();
}

/** The kept tables' rows, as text, and the same computed from every history row and touch. */
const kept = (sql: SqliteRun) =>
  sql((db) =>
    ['report_first_owner', 'report_first_touch'].map((t) =>
      (db.prepare(`SELECT * FROM ${t} ORDER BY entity, record_id`).all() as object[]).map((r) =>
        Object.values(r).map(String).join('|'),
      ),
    ),
  );
const keptFromScratch = (sql: SqliteRun) =>
  sql((db) => {
    db.exec('BEGIN');
    try {
      db.exec('DELETE FROM report_first_owner; DELETE FROM report_first_touch');
      db.exec(
        `INSERT INTO report_first_owner SELECT entity, record_id, at, id, from_none FROM (SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END AS from_none, row_number() OVER (PARTITION BY entity, record_id ORDER BY at, id) AS n FROM record_history WHERE field = 'ownerId') WHERE n = 1;
         INSERT INTO report_first_touch SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM (SELECT *, row_number() OVER (PARTITION BY entity, record_id ORDER BY at, id) AS n FROM touches) WHERE n = 1;`,
      );
      return ['report_first_owner', 'report_first_touch'].map((t) =>
        (db.prepare(`SELECT * FROM ${t} ORDER BY entity, record_id`).all() as object[]).map((r) =>
          Object.values(r).map(String).join('|'),
        ),
      );
    } finally {
      db.exec('ROLLBACK');
    }
  });

const count = (sql: SqliteRun, q: string) => sql((db) => (db.prepare(q).get() as { n: number }).n);

const historyRow = (id: string, recordId: string, before: string | null, at: number) => ({
  id,
  changeId: `c-${id}`,
  entity: 'lead',
  recordId,
  field: 'ownerId',
  before,
  after: 'u2',
  actorId: null,
  via: 'test',
  at,
});

const touch = (
  id: string,
  recordId: string,
  at: number,
  source: string,
  campaign: string | null,
) => ({
  id,
  entity: 'lead',
  recordId,
  kind: 'form',
  sourceKey: 'apply',
  utmSource: source,
  utmMedium: null,
  utmCampaign: campaign,
  utmContent: null,
  utmTerm: null,
  referrer: null,
  landingUrl: null,
  at,
});

describe('SQLite: first owners and first touches taken up by the settle', () => {
  itOnSqliteFile(
    "a create's first owner and first touch are not written in its transaction; lists and reports read them from its rows until the settle takes them up",
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const id = await store.transaction(async (tx) => {
        const r = await ok(
          tx
            .records(baseSpec)
            .insert('lead', { name: 'A', ownerId: 'u1', createdAt: T0 }, { now: T0 }),
        );
        await tx.history.append([historyRow('h1', r.id, null, T0 + 2 * H)]);
        await tx.touches.append(touch('t1', r.id, T0, 'douyin', 'spring'));
        return r.id;
      });
      // Nothing in the kept tables: the create wrote its rows only.
      expect(count(sql, 'SELECT count(*) AS n FROM report_first_owner')).toBe(0);
      expect(count(sql, 'SELECT count(*) AS n FROM report_first_touch')).toBe(0);
      expect(await listed(store, { '==': [{ var: 'firstUtmSource' }, 'douyin'] })).toEqual([id]);
      expect(await listed(store, { '==': [{ var: 'assignDelayMs' }, 2 * H] })).toEqual([id]);
      // A report read on the reader while the writer holds a transaction (no settle possible).
      await store.transaction(async () => {
        expect(await answers(store)).toEqual([`${id}|${2 * H}|douyin|spring`]);
        expect(await listed(store, { '==': [{ var: 'firstUtmCampaign' }, 'spring'] })).toEqual([
          id,
        ]);
      });
      expect(count(sql, 'SELECT count(*) AS n FROM report_first_owner')).toBe(0);
      // The settle takes them up; a record settled before them gets its in-time value after.
      await store.maintenance.settleReports(null);
      expect(kept(sql)).toEqual(keptFromScratch(sql));
      expect(kept(sql)[0]).toHaveLength(1);
      expect(await answers(store)).toEqual([`${id}|${2 * H}|douyin|spring`]);
      // A record settled first, its first owner and first touch written later (out of order).
      const b = await ok(
        store.records(baseSpec).insert('lead', { name: 'B', createdAt: T0 + H }, { now: T0 + H }),
      );
      await store.maintenance.settleReports(null);
      await store.history.append([historyRow('h2', b.id, null, T0 + 30 * H)]);
      await store.touches.append(touch('t2', b.id, T0 + 2 * H, 'wechat', null));
      expect(await listed(store, { '>': [{ var: 'assignDelayMs' }, DAY] })).toEqual([b.id]);
      expect(await answers(store)).toEqual(own(sql));
      expect(contents(sql)).toEqual(rebuilt(sql));
      expect(kept(sql)).toEqual(keptFromScratch(sql));
      await store.close();
    },
  );

  itOnSqliteFile(
    'over random histories (rows out of time order, deleted, rewritten, renumbered by a dump restore) every read answers as the rows do, settled or not, and each settle leaves the kept rows exact',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const random = rng(29);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const ids: string[] = [];
      let n = 0;
      let k = 0;
      const checks = { settled: 0, waiting: 0 };
      const check = async () => {
        const want = own(sql);
        const waiting = count(
          sql,
          "SELECT count(*) AS n FROM touches WHERE rowid > (SELECT upto FROM report_settled WHERE source = 'touches')",
        );
        checks[waiting > 0 ? 'waiting' : 'settled']++;
        // On the reader, the writer holding a transaction: read from the records (no settle).
        await store.transaction(async () => expect(await answers(store)).toEqual(want));
        const douyin = want.filter((w) => w.split('|')[2] === 'douyin').map((w) => w.split('|')[0]);
        expect(await listed(store, { '==': [{ var: 'firstUtmSource' }, 'douyin'] })).toEqual(
          douyin.sort(),
        );
        const late = want
          .filter((w) => w.split('|')[1] !== 'null' && Number(w.split('|')[1]) > DAY)
          .map((w) => w.split('|')[0]);
        expect(await listed(store, { '>': [{ var: 'assignDelayMs' }, DAY] })).toEqual(late.sort());
        // On the writer (it settles for the kept report rows' reads first).
        expect(await answers(store)).toEqual(want);
      };
      for (let round = 0; round < 12; round++) {
        for (let i = 0; i < 6; i++) {
          const op = random();
          if (op < 0.3 || ids.length < 3) {
            const createdAt = T0 + n * 5 * H;
            const owned = random() < 0.5;
            const r = await ok(
              store
                .records(baseSpec)
                .insert(
                  'lead',
                  { name: `L${n}`, ownerId: owned ? 'u1' : null, createdAt },
                  { now: createdAt },
                ),
            );
            ids.push(r.id);
            n++;
          } else if (op < 0.55) {
            const id = pick(ids);
            const base = T0 + Math.floor(random() * 80) * H;
            await store.history.append([
              historyRow(`h${k}a`, id, random() < 0.5 ? null : 'u1', base + 3 * H),
              historyRow(`h${k++}b`, id, 'u1', base),
            ]);
          } else if (op < 0.8) {
            const id = pick(ids);
            const at = T0 + Math.floor(random() * 80) * H;
            await store.touches.append(
              touch(`t${k++}`, id, at, pick(['douyin', 'wechat', 'site']), pick(CAMPAIGNS)),
            );
          } else if (op < 0.88) {
            // Raw deletes no store call makes: the first rows, the last rows (their rowids taken
            // again by the next insert), any.
            const order = pick(['at, id', 'rowid DESC', 'random()']);
            sql((db) =>
              db.exec(
                `DELETE FROM record_history WHERE rowid IN (SELECT rowid FROM record_history ORDER BY ${order} LIMIT 2);` +
                  `DELETE FROM touches WHERE rowid IN (SELECT rowid FROM touches ORDER BY ${order} LIMIT 1)`,
              ),
            );
          } else if (op < 0.94) {
            sql((db) =>
              db.exec(
                `UPDATE touches SET at = at - ${30 * H} WHERE rowid % 3 = ${i % 3};` +
                  `UPDATE record_history SET at = at + ${20 * H} WHERE rowid % 4 = ${i % 4}`,
              ),
            );
          } else await store.maintenance.settleReports(null);
        }
        await check();
        if (round % 4 === 3) {
          // A restore from a plain `sqlite3 .dump`: the rows inserted anew without their rowids
          // (and without triggers firing), numbered 1, 2, … again in their order — lower, the
          // first rows taken up having been deleted.
          await store.maintenance.settleReports(null);
          sql((db) =>
            db.exec(
              'DELETE FROM record_history WHERE rowid IN (SELECT rowid FROM record_history ORDER BY rowid LIMIT 3);' +
                'DELETE FROM touches WHERE rowid IN (SELECT rowid FROM touches ORDER BY rowid LIMIT 2)',
            ),
          );
          await store.close();
          sql((db) => {
            db.exec('BEGIN');
            for (const t of ['record_history', 'touches']) {
              const triggers = db
                .prepare(
                  "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                )
                .all(t) as { name: string; sql: string }[];
              for (const g of triggers) db.exec(`DROP TRIGGER ${g.name}`);
              const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[])
                .map((c) => `"${c.name}"`)
                .join(', ');
              db.exec(`CREATE TEMP TABLE keep AS SELECT ${cols} FROM ${t} ORDER BY rowid`);
              db.exec(`DELETE FROM ${t}`);
              db.exec(`INSERT INTO ${t} (${cols}) SELECT ${cols} FROM keep ORDER BY rowid`);
              db.exec('DROP TABLE keep');
              for (const g of triggers) db.exec(g.sql);
            }
            db.exec('COMMIT');
          });
          store = await openStore({ url, locale: 'en' });
          await store.migrations.syncEntityTables(baseSpec);
          await check();
          // Rows written after the restore, earlier than every row of their records: first.
          for (const id of ids.slice(0, 3)) {
            await store.history.append([historyRow(`h${k}r`, id, null, T0 - DAY + k)]);
            await store.touches.append(touch(`t${k++}r`, id, T0 - DAY, 'douyin', 'restored'));
          }
          await check();
        }
        if (round % 3 === 2) {
          await store.maintenance.settleReports(null);
          expect(kept(sql)).toEqual(keptFromScratch(sql));
          expect(contents(sql)).toEqual(rebuilt(sql));
        }
      }
      await store.maintenance.settleReports(null);
      expect(kept(sql)).toEqual(keptFromScratch(sql));
      expect(contents(sql)).toEqual(rebuilt(sql));
      // Both kinds of snapshot were met.
      expect(checks.waiting).toBeGreaterThan(3);
      expect(checks.settled).toBeGreaterThan(0);
      await store.close();
    },
  );

  itOnSqliteFile(
    "session 28's insert triggers on record_history and touches are replaced at the next start without a rebuild; the rows written after wait for the settle",
    async (url, sql) => {
      const triggers = () =>
        sql((db) =>
          (
            db
              .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('record_history', 'touches') ORDER BY name",
              )
              .all() as { name: string }[]
          ).map((t) => t.name),
        );
      const write = async (store: Store, from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const createdAt = T0 + i * 7 * H;
          const r = await ok(
            store
              .records(baseSpec)
              .insert('lead', { name: `U${i}`, ownerId: null, createdAt }, { now: createdAt }),
          );
          await store.history.append([
            historyRow(`h${i}b`, r.id, 'u1', createdAt + 9 * H),
            historyRow(`h${i}a`, r.id, null, createdAt + (i % 4) * 10 * H),
          ]);
          await store.touches.append(touch(`t${i}b`, r.id, createdAt + H, 'site', 'late'));
          await store.touches.append(touch(`t${i}a`, r.id, createdAt, 'douyin', pick(i)));
        }
      };
      const pick = (i: number) => CAMPAIGNS[i % CAMPAIGNS.length]!;
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const fresh = triggers();
      expect(fresh).toEqual([
        'report__first_owner_del',
        'report__first_owner_upd',
        'report__first_touch_del',
        'report__first_touch_upd',
        'report__history_mark',
        'report__touch_mark',
      ]);
      await write(store, 0, 6);
      await store.close();
      // Back to session 28: the rows waiting taken up, 0014's insert triggers again, no `upto`.
      sql((db) => {
        for (const q of undoFirstsTakeUp()) db.exec(q);
        db.exec("DELETE FROM report_settled WHERE source IN ('record_history', 'touches')");
      });
      expect(triggers()).toEqual([
        'report__first_owner_add',
        'report__first_owner_del',
        'report__first_owner_upd',
        'report__first_touch_add',
        'report__first_touch_del',
        'report__first_touch_upd',
      ]);
      // Written by session 28's triggers (no sync: the start of then), kept in the write.
      store = await openStore({ url, locale: 'en' });
      await write(store, 6, 10);
      await store.close();
      expect(kept(sql)).toEqual(keptFromScratch(sql));
      // A row no rebuild would keep: it stays only if the start replaces the triggers alone.
      sql((db) =>
        db.exec(
          "INSERT INTO report_first_touch (entity, record_id, at, touch_id) VALUES ('gone', 'x', 0, 'x')",
        ),
      );
      const before = kept(sql);
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(triggers()).toEqual(fresh);
      expect(kept(sql)).toEqual(before);
      expect(
        sql((db) =>
          db
            .prepare(
              "SELECT s.source, s.upto = (SELECT max(rowid) FROM record_history) AS last, s.mark FROM report_settled s WHERE s.source = 'record_history'",
            )
            .get(),
        ),
      ).toEqual({ source: 'record_history', last: 1, mark: 'h9a' });
      // Later rows wait for the settle; every read answers as the rows do.
      await write(store, 10, 14);
      expect(kept(sql)).toEqual(before);
      expect(await answers(store)).toEqual(own(sql));
      await store.maintenance.settleReports(null);
      sql((db) => db.exec("DELETE FROM report_first_touch WHERE entity = 'gone'"));
      expect(kept(sql)).toEqual(keptFromScratch(sql));
      expect(contents(sql)).toEqual(rebuilt(sql));
      await store.close();
    },
  );
});
