import type Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { openStore, type Store, type StoredRecord } from '../src/index';
import { ok } from './contract/seeded';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { expectDwellExact, expectDwellReadsExact } from './report-dwell-exact';
import { contents, rebuilt } from './report-group-rows';

const H = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 24, 9, 30);
const STAGES = ['new', 'qualified', 'trial', 'won', 'lost'];
const RANGES: [number | undefined, number | undefined][] = [
  [undefined, undefined],
  [T0 + 3 * DAY, T0 + 20 * DAY],
];

async function leads(store: Store, n: number): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await ok(
        store.records(baseSpec).insert('lead', {
          name: `R${i}`,
          createdAt: T0 + (i % 25) * DAY,
          ownerId: i % 3 ? 'u1' : 'u2',
          stage: 'new',
        }),
      ),
    );
  return out;
}

/** `n` moves over `records` (seeded by `k`), each with the stage it left and its dwell time. */
async function moves(store: Store, records: StoredRecord[], n: number, k: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = records[(i * 7 + k) % records.length]!;
    await store.transitions.append({
      entity: 'lead',
      recordId: r.id,
      fromStage: STAGES[(i + k) % 4]!,
      toStage: STAGES[(i + k + 1) % 5]!,
      actorId: null,
      via: 'test',
      at: r.createdAt + ((i + k) % 30) * H,
      dwellMs: (1 + ((i * 13 + k) % 50)) * H,
    });
  }
}

/** The transitions' ids by rowid, read past the store. */
const rowids = (sql: SqliteRun) =>
  new Map(
    sql(
      (db) =>
        db.prepare('SELECT rowid AS r, id FROM stage_transitions').all() as {
          r: number;
          id: string;
        }[],
    ).map((x) => [x.id, x.r]),
  );

const settled = (sql: SqliteRun) =>
  sql(
    (db) =>
      db
        .prepare("SELECT upto, mark FROM report_settled WHERE source = 'stage_transitions'")
        .get() as { upto: number; mark: string | null },
  );

/**
 * Time in stage and stage entries, over every range, against the same read forced over the
 * records and moves (brute force); the records' kept rows (their `entered`) against a rebuild.
 * Returns how many moves the widest dwell read counted.
 */
async function expectReadsExact(store: Store, sql: SqliteRun): Promise<number> {
  const counted = await expectDwellReadsExact(store, RANGES);
  expectDwellExact(sql);
  expect(contents(sql)).toEqual(rebuilt(sql));
  return counted;
}

/**
 * What a restore from `sqlite3 .dump` does to stage_transitions: its INSERTs carry no rowid (the
 * key is a text id), so the rows are numbered 1, 2, … anew in their order, with no trigger
 * firing (the dump creates them last). `drop` ids are left out of the dump as well.
 */
function numberAnew(sql: SqliteRun, drop: string[] = []): void {
  sql((db: Database.Database) => {
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
      .all('stage_transitions') as { name: string; sql: string }[];
    db.transaction(() => {
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
      db.exec('CREATE TEMP TABLE dumped AS SELECT * FROM stage_transitions ORDER BY rowid');
      for (const id of drop) db.prepare('DELETE FROM dumped WHERE id = ?').run(id);
      db.exec('DELETE FROM stage_transitions');
      db.exec('INSERT INTO stage_transitions SELECT * FROM temp.dumped ORDER BY rowid');
      db.exec('DROP TABLE temp.dumped');
      for (const t of triggers) db.exec(t.sql);
    })();
  });
}

/**
 * Moves taken up by a settle, then some deleted in the middle (gaps below `upto`) and more
 * appended above it, not taken up: the state a dump or a VACUUM meets.
 */
async function withGaps(store: Store, sql: SqliteRun): Promise<StoredRecord[]> {
  const records = await leads(store, 40);
  await moves(store, records, 200, 1);
  expect(await expectReadsExact(store, sql)).toBeGreaterThan(50);
  expect(settled(sql).upto).toBe(200);
  sql((db) => db.exec('DELETE FROM stage_transitions WHERE rowid BETWEEN 20 AND 150'));
  await moves(store, records, 30, 2);
  return records;
}

describe('SQLite: the settle finds `upto` again when the transitions are numbered anew', () => {
  itOnSqliteFile(
    'VACUUM keeps the rowids of stage_transitions (it has indexes): gaps stay, later moves are counted once',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const records = await withGaps(store, sql);
      const before = rowids(sql);
      sql((db) => db.exec('VACUUM'));
      expect(rowids(sql)).toEqual(before);
      await moves(store, records, 25, 3);
      expect(await expectReadsExact(store, sql)).toBeGreaterThan(50);
      // The row at `upto` deleted while rows above wait: `upto` and its mark go to the row
      // before, and the rows above are still taken up once.
      const { upto } = settled(sql);
      await moves(store, records, 5, 4);
      sql((db) => db.prepare('DELETE FROM stage_transitions WHERE rowid = ?').run(upto));
      const below = sql(
        (db) =>
          db
            .prepare(
              'SELECT rowid AS r, id FROM stage_transitions WHERE rowid < ? ORDER BY rowid DESC LIMIT 1',
            )
            .get(upto) as { r: number; id: string },
      );
      expect(settled(sql)).toEqual({ upto: below.r, mark: below.id });
      await expectReadsExact(store, sql);
      await store.close();
    },
  );

  itOnSqliteFile(
    'a restore from a dump numbers the moves anew: moves taken up, waiting and added after are each counted once',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const records = await withGaps(store, sql);
      await store.close();
      const before = rowids(sql);
      const { upto, mark } = settled(sql);
      numberAnew(sql);
      const after = rowids(sql);
      // Renumbered: the marked row (and the 30 waiting above it) moved down, past the gap.
      expect(after.size).toBe(before.size);
      expect(after.get(mark!)).toBe(before.get(mark!)! - 131);
      expect(Math.max(...after.values())).toBeLessThan(upto);
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      // Added after the restore: rowids below the old `upto` again.
      await moves(store, records, 40, 5);
      expect(await expectReadsExact(store, sql)).toBeGreaterThan(100);
      expect(settled(sql).upto).toBe(Math.max(...rowids(sql).values()));
      await store.close();
    },
  );

  itOnSqliteFile(
    'a restore without the marked move (so no telling which moves were taken up) counts the moves again from scratch',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const records = await withGaps(store, sql);
      await store.close();
      numberAnew(sql, [settled(sql).mark!]);
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await moves(store, records, 40, 6);
      expect(await expectReadsExact(store, sql)).toBeGreaterThan(100);
      await store.close();
    },
  );
});
