import { describe, expect } from 'vitest';
import { entityTable } from '../src/entity/entity-table';
import {
  openStore,
  type AggregateQuery,
  type Store,
  type StoredRecord,
  type Touch,
} from '../src/index';
import { touchFoldSql, touchRebuildSql, TOUCH_PENDING } from '../src/sql/reports/touch-sql';
import { settleAllReports } from '../src/sqlite/report-settle';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { expectDwellExact, expectDwellReadsExact } from './report-dwell-exact';
import { contents, rebuilt, waiting } from './report-group-rows';
import { ok, rng } from './contract/seeded';
import { toSession26 } from './session26';
import { undo0022 } from './session27';

const H = 3_600_000;
const DAY = 86_400_000;
// Late in January: the records span February whole, January and March in part (day and month
// groups, and the first-touch months, all read).
const T0 = Date.UTC(2026, 0, 24, 9, 30);
const at = (m: number, d: number) => Date.UTC(2026, m, d);
/** True for every record, on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };
const RANKS = { new: 0, qualified: 1, trial: 2, won: 3 };
const STAGES = ['new', 'qualified', 'trial', 'won', 'lost'];
const RANGES: [number | undefined, number | undefined][] = [
  [undefined, undefined],
  [at(1, 1), at(2, 1)],
  [T0 + 5 * H, at(2, 20) + 7 * H],
];
const context = { now: T0, user: { id: 'u2', teams: ['north'], roles: ['sales'] } };

const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
const within = (from?: number, to?: number): unknown[] => [
  ...(from === undefined ? [] : [{ '>=': [{ var: 'createdAt' }, from] }]),
  ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
];

/**
 * Every kind of report read the kept rows answer — counts and averages per stage and owner
 * (report_cohorts), the in-time count (their in_time), the furthest stage per owner (reach),
 * attribution by first touch with an amount (report_touch_months) — for every range, with and
 * without a rep's scope, against the same query forced over the records. Returns how many
 * records the widest read counted.
 */
async function expectExact(store: Store): Promise<number> {
  const reports = store.reports(baseSpec);
  const pair = async <T>(read: (extra: unknown[]) => Promise<T[]>) => {
    const [fast, full] = [await read([]), await read([FULL])];
    expect(sorted(fast)).toEqual(sorted(full));
    return fast;
  };
  let widest = 0;
  for (const [from, to] of RANGES)
    for (const scope of [undefined, { '==': [{ var: 'ownerId' }, { var: '$user.id' }] }]) {
      const base = { ...(scope ? { scope } : {}), context };
      // (No condition at all: no filter — an empty `and` is false.)
      const filter = (extra: unknown[]) => {
        const all = [...within(from, to), ...extra];
        return all.length ? { and: all } : undefined;
      };
      const cohorts = await pair(async (extra) =>
        (
          await ok(
            reports.aggregate('lead', {
              ...base,
              ...(filter(extra) ? { filter: filter(extra) } : {}),
              by: [{ field: 'stage' }, { field: 'ownerId' }],
              measures: [
                { op: 'count' },
                { op: 'avg', field: 'createdAt' },
                { op: 'count', where: { '<=': [{ var: 'assignDelayMs' }, DAY] } },
              ],
            } as AggregateQuery),
          )
        ).map((r) => [r.keys, r.values.map((v) => (v === null ? v : Math.round(v)))]),
      );
      widest = Math.max(
        widest,
        cohorts.reduce((n, r) => n + Number((r as [unknown, number[]])[1][0]), 0),
      );
      await pair(async (extra) =>
        (
          await ok(
            reports.reach('lead', {
              ...base,
              ...(filter(extra) ? { filter: filter(extra) } : {}),
              ranks: RANKS,
              mark: ['lost'],
              by: 'ownerId',
            }),
          )
        ).map((r) => [r.rank, r.key, r.records, r.marked]),
      );
      await pair(async (extra) =>
        (
          await ok(
            reports.aggregate('lead', {
              ...base,
              ...(filter(extra) ? { filter: filter(extra) } : {}),
              by: [{ field: 'firstUtmCampaign' }, { field: 'teamId' }],
              measures: [{ op: 'count' }, { op: 'sum', field: 'budget' }],
            }),
          )
        ).map((r) => [r.keys, r.values]),
      );
    }
  return widest;
}

/** The records waiting for their settle, read past the store (report-group-rows.ts). */
const dirty = waiting;

/** The first-touch rows and month groups as text, sorted (queued changes folded in). */
const touchContents = (sql: SqliteRun) =>
  sql((db) => {
    for (const q of touchFoldSql(`(SELECT max(rowid) FROM ${TOUCH_PENDING})`)) db.exec(q);
    return ['report_touch_rows', 'report_touch_months'].map((t) =>
      (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
        .map((r) => Object.values(r).map(String).join('|'))
        .sort(),
    );
  });
/** The same rebuilt from the records (rolled back): what exact rows and groups hold. */
const touchRebuilt = (sql: SqliteRun) =>
  sql((db) => {
    db.exec('BEGIN');
    try {
      const info = entityTable(baseSpec.entities[0]!, baseSpec);
      for (const q of touchRebuildSql('e_lead', info, 'sqlite')) db.exec(q);
      return touchContents((f) => f(db));
    } finally {
      db.exec('ROLLBACK');
    }
  });

/** Every kept row and group, settled and folded, against a rebuild from the records. */
function expectRowsExact(sql: SqliteRun): void {
  sql(settleAllReports);
  expect(contents(sql)).toEqual(rebuilt(sql));
  expect(touchContents(sql)).toEqual(touchRebuilt(sql));
}

/** Writes of every kind the kept rows follow, none settled: creates, touches, moves, deletes. */
async function writeMixed(store: Store, seed: number, n: number): Promise<StoredRecord[]> {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const records = store.records(baseSpec);
  const touch = (l: StoredRecord, i: number): Touch => ({
    id: `t${seed}-${i}`,
    entity: 'lead',
    recordId: l.id,
    kind: 'form',
    sourceKey: null,
    utmSource: pick(['douyin', 'wechat']),
    utmMedium: null,
    utmCampaign: pick(['c1', 'c2', null]),
    utmContent: null,
    utmTerm: null,
    referrer: null,
    landingUrl: null,
    at: l.createdAt + Math.floor(next() * 30) * H,
  });
  const live: StoredRecord[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = T0 + Math.floor(next() * 50 * DAY);
    const l = await ok(
      records.insert(
        'lead',
        {
          name: `S${seed}-${i}`,
          createdAt,
          ownerId: pick(['u1', 'u2', null]),
          teamId: pick(['north', null]),
          stage: 'new',
          budget: next() < 0.3 ? null : 100 * (1 + i),
        },
        { now: createdAt },
      ),
    );
    if (i % 4 !== 0) await store.touches.append(touch(l, i));
    live.push(l);
  }
  for (let i = 0; i < n; i++) {
    const k = Math.floor(next() * live.length);
    const rec = live[k]!;
    const to = pick(STAGES);
    if (i % 2) {
      await store.transitions.append({
        entity: 'lead',
        recordId: rec.id,
        fromStage: (rec.stage as string | null) ?? null,
        toStage: to,
        actorId: null,
        via: 'test',
        at: rec.createdAt + H,
        dwellMs: H,
      });
      live[k] = await ok(records.update('lead', rec.id, { stage: to }, rec.version));
    } else {
      const patch = {
        ownerId: pick(['u1', 'u2', null]),
        budget: 7 * i,
        teamId: pick(['north', null]),
      };
      live[k] = await ok(records.update('lead', rec.id, patch, rec.version));
    }
  }
  const [gone, back] = [live[1]!, live[2]!];
  await ok(records.softDelete('lead', gone.id));
  await ok(records.softDelete('lead', back.id));
  await ok(records.restore('lead', back.id));
  return live;
}

describe('SQLite: report rows kept behind the writes (report_dirty), settled before every read', () => {
  itOnSqliteFile(
    'writes leave records dirty; every kind of report read settles them first and answers as the records do',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeMixed(store, 1, 30);
      // Nothing counted yet: the writes only marked their records.
      expect(dirty(sql)).toBe(30);
      expect(sql((db) => db.prepare('SELECT count(*) AS n FROM report_rows').get())).toEqual({
        n: 0,
      });
      expect(await expectExact(store)).toBeGreaterThan(20);
      expect(dirty(sql)).toBe(0);
      // Written again on top of settled rows: the reads settle the changes.
      await writeMixed(store, 2, 12);
      expect(dirty(sql)).toBe(12);
      expect(await expectExact(store)).toBeGreaterThan(30);
      // The idle upkeep's settle (in batches) leaves what a rebuild makes.
      await writeMixed(store, 3, 10);
      expect(await store.transaction((tx) => tx.records(baseSpec).foldReportGroups(4))).toBe(4);
      expect(dirty(sql)).toBeGreaterThan(0);
      while (await store.records(baseSpec).reportBacklog())
        await store.transaction((tx) => tx.records(baseSpec).foldReportGroups(4));
      expect(dirty(sql)).toBe(0);
      expectRowsExact(sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    'a read while a write transaction is open (on the reader, which cannot settle) answers from the records, as of its snapshot',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeMixed(store, 4, 20);
      expect(dirty(sql)).toBeGreaterThan(0);
      const count = (extra: unknown[]) =>
        store
          .reports(baseSpec)
          .aggregate('lead', {
            ...(extra.length ? { filter: { and: extra } } : {}),
            by: [{ field: 'ownerId' }],
            measures: [{ op: 'count' }],
          })
          .then((r) => (r.ok ? r.value.reduce((n, x) => n + (x.values[0] ?? 0), 0) : -1));
      // Time in stage (report_dwell, its moves not counted yet: read from the moves instead).
      const dwell = (extra: unknown[]) =>
        ok(
          store.reports(baseSpec).dwell('lead', {
            at: { from: at(1, 1), to: at(2, 1) },
            ...(extra.length ? { filter: { and: extra } } : {}),
          }),
        ).then((r) => r.map((x) => [x.stage, x.count, Math.round(x.mean), x.median, x.p90]));
      let during: number[] = [];
      let dwellDuring: unknown[][] = [];
      await store.transaction(async (tx) => {
        await ok(
          tx.records(baseSpec).insert('lead', { name: 'in-tx', ownerId: 'u2', createdAt: T0 }),
        );
        // The writer holds this transaction: the store's reads run on the reader, which cannot
        // settle, and must not wait for the writer (this very transaction waits for them).
        during = await Promise.all([count([]), count([FULL])]);
        dwellDuring = await Promise.all([dwell([]), dwell([FULL])]);
      });
      // 19 live records before (one of 20 deleted); the uncommitted create is not seen.
      expect(during).toEqual([19, 19]);
      expect(dwellDuring[0]!.length).toBeGreaterThan(0);
      expect(dwellDuring[0]).toEqual(dwellDuring[1]);
      expect(dirty(sql)).toBeGreaterThan(0);
      // Settled by the next read on the writer: the same.
      expect(await dwell([])).toEqual(dwellDuring[0]);
      expect(await expectExact(store)).toBe(20);
      expect(dirty(sql)).toBe(0);
      await store.close();
    },
  );

  itOnSqliteFile(
    'a record deleted and created again under its id while dirty counts once, as it is now',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const live = await writeMixed(store, 5, 16);
      await expectExact(store);
      const [a, b] = [live[3]!, live[5]!];
      // Changed (dirty), then gone from the table, then created again with other values.
      await ok(store.records(baseSpec).update('lead', a.id, { ownerId: 'u9' }, a.version));
      sql((db) => db.prepare('DELETE FROM e_lead WHERE id IN (?, ?)').run(a.id, b.id));
      expect(dirty(sql)).toBe(2);
      await ok(
        store.records(baseSpec).insert('lead', {
          id: a.id,
          name: 'again',
          ownerId: 'u1',
          teamId: 'north',
          createdAt: at(1, 14),
          budget: 5,
        }),
      );
      // b gone for good; a's rows are those of its new record, counted once (15 live before).
      expect(await expectExact(store)).toBe(14);
      const rows = sql(
        (db) =>
          db
            .prepare('SELECT record_id, owner_id FROM report_rows WHERE record_id IN (?, ?)')
            .all(a.id, b.id) as { record_id: string; owner_id: string }[],
      );
      expect(rows).toEqual([{ record_id: a.id, owner_id: 'u1' }]);
      expectRowsExact(sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    'bulk writes (inserts, transitions) over dirty records stay exact',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const live = await writeMixed(store, 6, 20);
      await expectExact(store);
      // Dirty again: updated, not settled.
      // (Not live[1] and live[2]: deleted and restored after `live` was taken.)
      for (const r of live.slice(3, 11))
        await ok(store.records(baseSpec).update('lead', r.id, { ownerId: 'u3' }, r.version));
      expect(dirty(sql)).toBe(8);
      // A bulk insert (its rows kept by the batch, triggers off) and bulk transitions of every
      // record, the dirty ones among them.
      const made = await store.records(baseSpec).insertMany(
        'lead',
        Array.from({ length: 20 }, (_, i) => ({
          name: `B${i}`,
          createdAt: T0 + i * 2 * DAY,
          ownerId: i % 2 ? 'u1' : null,
          budget: i * 3,
        })),
      );
      expect(made.every((r) => r.ok)).toBe(true);
      await store.transitions.appendMany(
        live.map((r) => ({
          entity: 'lead',
          recordId: r.id,
          fromStage: null,
          toStage: 'trial',
          actorId: null,
          via: 'test',
          at: r.createdAt + 2 * H,
          dwellMs: null,
        })),
      );
      // And a batch of moves with their dwell times, counted into report_dwell once.
      await store.transitions.appendMany(
        live.map((r, i) => ({
          entity: 'lead',
          recordId: r.id,
          fromStage: 'trial',
          toStage: 'won',
          actorId: null,
          via: 'test',
          at: r.createdAt + 3 * H,
          dwellMs: (i + 1) * H,
        })),
      );
      // The batches kept their records' rows: the rows they inserted are taken up without
      // marking them (report-sources.ts takeUpBulk).
      expect(dirty(sql)).toBe(8);
      expect(await expectExact(store)).toBe(39);
      expect(await expectDwellReadsExact(store, RANGES)).toBeGreaterThan(20);
      expectRowsExact(sql);
      expectDwellExact(sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    'transitions and records inserted wait for the settle: each move counts in report_dwell once (deleted before or after its settle, rewritten, its rowid taken again), and every read answers as the records do',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const live = await writeMixed(store, 5, 30);
      // Nothing counted in the writes: no trigger on an insert (report-sources.ts).
      expect(sql((db) => db.prepare('SELECT count(*) AS n FROM report_dwell').get())).toEqual({
        n: 0,
      });
      expect(dirty(sql)).toBe(30);
      expect(await expectDwellReadsExact(store, RANGES)).toBeGreaterThan(5);
      expect(dirty(sql)).toBe(0);
      expectDwellExact(sql);
      const move = (recordId: string, at: number) => ({
        entity: 'lead',
        recordId,
        fromStage: 'new',
        toStage: 'trial',
        actorId: null,
        via: 'test',
        at,
        dwellMs: 5 * H,
      });
      const last = async () =>
        sql(
          (db) =>
            db.prepare('SELECT id FROM stage_transitions ORDER BY rowid DESC LIMIT 1').get() as {
              id: string;
            },
        ).id;
      // A counted move taken back; one added and taken back before any settle.
      const [a, b] = [live[3]!, live[8]!];
      const counted = (await store.transitions.listFor('lead', a.id)).find((t) => t.dwellMs);
      if (counted) await store.transitions.remove([counted.id]);
      await store.transitions.append(move(b.id, b.createdAt + 3 * H));
      await store.transitions.remove([await last()]);
      expectDwellExact(sql);
      // The last row counted, then deleted: the next insert may take its rowid again.
      await store.transitions.append(move(a.id, a.createdAt + 4 * H));
      expectDwellExact(sql);
      const rowid = () =>
        sql(
          (db) =>
            (db.prepare('SELECT max(rowid) AS n FROM stage_transitions').get() as { n: number }).n,
        );
      const top = rowid();
      await store.transitions.remove([await last()]);
      await store.transitions.append(move(b.id, b.createdAt + 6 * H));
      expect(rowid()).toBe(top);
      expectDwellExact(sql);
      // Moves rewritten in place, counted and not yet counted.
      await store.transitions.append(move(a.id, a.createdAt + 7 * H));
      sql((db) =>
        db.exec(
          `UPDATE stage_transitions SET at = at + ${DAY}, dwell_ms = dwell_ms * 3 + 1 WHERE dwell_ms IS NOT NULL AND rowid % 3 = 0`,
        ),
      );
      expectDwellExact(sql);
      // The entity table's last record deleted for good once settled, and a new one taking its
      // rowid: taken up too.
      await expectExact(store);
      const lastRecord = () =>
        sql((db) => db.prepare('SELECT max(rowid) AS n FROM e_lead').get() as { n: number }).n;
      const topRecord = lastRecord();
      // (Its moves and touches with it, as a purge does: the reads count no record's moves.)
      sql((db) =>
        db.exec(
          ['stage_transitions', 'touches', 'record_history']
            .map(
              (t) =>
                `DELETE FROM ${t} WHERE record_id = (SELECT id FROM e_lead WHERE rowid = ${topRecord});`,
            )
            .join('\n') + `DELETE FROM e_lead WHERE rowid = ${topRecord}`,
        ),
      );
      await ok(
        store
          .records(baseSpec)
          .insert(
            'lead',
            { name: 'again', createdAt: T0 + 3 * DAY, ownerId: 'u2', stage: 'new' },
            { now: T0 + 3 * DAY },
          ),
      );
      expect(lastRecord()).toBe(topRecord);
      expect(dirty(sql)).toBeGreaterThan(0);
      expect(await expectExact(store)).toBeGreaterThan(20);
      expect(await expectDwellReadsExact(store, RANGES)).toBeGreaterThan(5);
      expectRowsExact(sql);
      expectDwellExact(sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    "session 27's triggers (an insert marked its record, a transition counted its move) are replaced at the next start without a rebuild; the rows inserted after wait for the settle",
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeMixed(store, 9, 24);
      await store.close();
      const mine = (db: Parameters<Parameters<SqliteRun>[0]>[0]) =>
        db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('e_lead', 'stage_transitions') ORDER BY name",
          )
          .all() as { name: string; sql: string }[];
      const fresh = sql(mine);
      expect(fresh.map((t) => t.name)).toEqual([
        'report__lead__del',
        'report__lead__upd',
        'report__transition_del',
        'report__transition_upd',
      ]);
      sql((db) => {
        for (const q of undo0022()) db.exec(q);
      });
      expect(sql(mine).map((t) => t.name)).toEqual([
        'report__dwell_add',
        'report__dwell_del',
        'report__dwell_upd',
        'report__lead__add',
        'report__lead__del',
        'report__lead__upd',
        'report__transition_add',
        'report__transition_del',
      ]);
      // Written under session 27's triggers (the migration applied again, its table empty
      // until the start's sync): inserts marked, moves counted in the write.
      store = await openStore({ url, locale: 'en' });
      await writeMixed(store, 10, 12);
      await store.close();
      sql((db) => {
        expect(db.prepare('SELECT count(*) AS n FROM report_settled').get()).toEqual({ n: 0 });
        // A group no rebuild would make: it stays only if the start replaces the triggers alone.
        db.exec("INSERT INTO report_cohorts VALUES ('lead', 1, 'mark', '', '', '', 1, 0, 0, 0, 0)");
      });
      const dwellBefore = sql((db) =>
        db.prepare('SELECT * FROM report_dwell WHERE moves <> 0 ORDER BY 1, 2, 3, 4').all(),
      );
      expect(dwellBefore.length).toBeGreaterThan(3);
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(sql(mine)).toEqual(fresh);
      // Every row so far taken up: the records marked wait in report_dirty, no move counted again.
      expect(
        sql((db) => db.prepare('SELECT source, entity FROM report_settled ORDER BY 1').all()),
      ).toEqual([
        { source: 'e_lead', entity: 'lead' },
        { source: 'record_history', entity: null },
        { source: 'stage_transitions', entity: null },
        { source: 'touches', entity: null },
      ]);
      expect(
        sql((db) =>
          db.prepare('SELECT * FROM report_dwell WHERE moves <> 0 ORDER BY 1, 2, 3, 4').all(),
        ),
      ).toEqual(dwellBefore);
      expectDwellExact(sql);
      sql((db) => {
        expect(
          db.prepare("SELECT count(*) AS n FROM report_cohorts WHERE owner_id = 'mark'").get(),
        ).toEqual({ n: 1 });
        db.exec("DELETE FROM report_cohorts WHERE owner_id = 'mark'");
      });
      expectRowsExact(sql);
      // Later writes wait for the settle; reads count them.
      await writeMixed(store, 11, 12);
      expect(dirty(sql)).toBeGreaterThan(10);
      expect(await expectExact(store)).toBeGreaterThan(30);
      expect(await expectDwellReadsExact(store, RANGES)).toBeGreaterThan(5);
      expectRowsExact(sql);
      expectDwellExact(sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    "session 26's triggers (counted in the write) are replaced at the next start without a rebuild; later writes wait for the settle",
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeMixed(store, 7, 24);
      await store.close();
      const lead = (db: Parameters<Parameters<SqliteRun>[0]>[0]) =>
        db
          .prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE (type = 'trigger' AND tbl_name IN ('e_lead', 'report_settle__lead')) OR name IN ('report_settle__lead', 'report_dirty') ORDER BY name",
          )
          .all();
      const fresh = sql(lead);
      sql(toSession26);
      expect(sql(lead).map((t) => (t as { name: string }).name)).toEqual([
        'report__lead__add',
        'report__lead__del',
        'report__lead__set',
        'report__lead__upd',
        'touch__lead__add',
        'touch__lead__del',
        'touch__lead__set',
        'touch__lead__upd',
      ]);
      sql((db) => {
        // Written to by the triggers of then, which count each record in its write.
        db.exec("UPDATE e_lead SET owner_id = 'u7', budget = 3 WHERE name IN ('S7-1', 'S7-4')");
        // Groups no rebuild would make: they stay only if the start replaces the triggers alone.
        db.exec("INSERT INTO report_cohorts VALUES ('lead', 1, 'mark', '', '', '', 1, 0, 0, 0, 0)");
        db.exec(
          "INSERT INTO report_touch_months VALUES ('lead', 1, 'budget', '', '', '', '', '=mark', '', 1, 0, 0)",
        );
      });
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(sql(lead)).toEqual(fresh);
      expect(dirty(sql)).toBe(0);
      sql((db) => {
        expect(
          db.prepare("SELECT count(*) AS n FROM report_cohorts WHERE owner_id = 'mark'").get(),
        ).toEqual({ n: 1 });
        expect(
          db
            .prepare("SELECT count(*) AS n FROM report_touch_months WHERE utm_campaign = '=mark'")
            .get(),
        ).toEqual({ n: 1 });
        db.exec("DELETE FROM report_cohorts WHERE owner_id = 'mark'");
        db.exec("DELETE FROM report_touch_months WHERE utm_campaign = '=mark'");
      });
      expectRowsExact(sql);
      // Later writes (raw too) only mark their records; reads and the settle count them.
      sql((db) =>
        db.exec(
          "UPDATE e_lead SET stage = 'won', team_id = 'north' WHERE name IN ('S7-2', 'S7-3')",
        ),
      );
      await writeMixed(store, 8, 6);
      expect(dirty(sql)).toBe(8);
      expect(await expectExact(store)).toBeGreaterThan(25);
      expectRowsExact(sql);
      await store.close();
    },
  );
});
