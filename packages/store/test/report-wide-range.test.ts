import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { entityTable } from '../src/entity/entity-table';
import { reportWhere, type Where } from '../src/sql/reports/scope';
import { wideRead } from '../src/sql/reports/wide-range';
import { sqliteExec } from '../src/sqlite/exec';
import { baseSpec } from './fixtures';
import { writeWalks } from './report-walks';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const lead = entityTable(baseSpec.entities.find((e) => e.key === 'lead')!);
const range = (from: number, to: number) => ({
  and: [{ '>=': [{ var: 'createdAt' }, from] }, { '<': [{ var: 'createdAt' }, to] }],
});

/**
 * How SQLite reads report aggregates instead of through the index its planner picked: wide
 * periods and conditions over many records from the table, or from an index holding every
 * column they read; a narrow period and a reader's own records (the owner index, record ids)
 * keep their index.
 */
describe('wideRead (SQLite): report aggregates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-wide-'));
  const file = join(dir, 'wide.db');
  let db: Database.Database;
  beforeAll(async () => {
    const store = await openStore({ url: file, locale: 'en' });
    await store.migrations.syncEntityTables(baseSpec);
    // 100 leads a day apart: creation spans 99 days.
    await writeWalks(store, 0, 100, { t0: T0, everyMs: DAY, stepMs: 3_600_000, prefix: 'W' });
    await store.close();
    db = new Database(file);
    // What SQLite's sampled statistics (analysis_limit 1000) say at 1,000,000 leads: about a
    // thousand rows per owner and per stage, so its planner takes both indexes for narrow ones.
    db.exec('ANALYZE');
    db.exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'e_lead'`);
    const stat = db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('e_lead', ?, ?)`);
    for (const [idx, s] of [
      ['ix_e_lead__owner', '1000000 1001 1 1 1 1'],
      ['ix_e_lead__stage', '1000000 1001 1 1 1 1'],
      ['ix_e_lead__created', '1000000 1'],
      ['sqlite_autoindex_e_lead_1', '1000000 1'],
    ])
      stat.run(idx, s);
    db.exec('ANALYZE sqlite_schema');
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // What a report aggregate asks: counts and a field (not in any index) of the selected records,
  // or (`select`) only what an index holds. null: the planner's own plan; else the table clause.
  const decide = async (
    filter: unknown,
    scope?: unknown,
    groupBy?: string,
    select?: string,
    sqlite = sqliteExec(() => db),
  ) => {
    const where = reportWhere(lead, { filter, scope }, 'sqlite', 'en') as Where | null;
    const sqlWith = (clause: string) =>
      `SELECT ${select ?? 'count(*), max("name")'} FROM "e_lead"${clause && ` ${clause}`}` +
      ` WHERE deleted_at IS NULL` +
      (where ? ` AND ${where.sql}` : '') +
      (groupBy ? ` GROUP BY ${groupBy}` : '');
    return wideRead(sqlite, lead, filter, sqlWith, where?.params ?? []);
  };
  const TABLE = 'NOT INDEXED';

  it('reads a period over a quarter of the records from the table, grouped by owner too', async () => {
    expect(await decide(range(T0 + 10 * DAY, T0 + 40 * DAY))).toBe(TABLE);
    expect(await decide(range(T0 + 10 * DAY, T0 + 40 * DAY), undefined, 'owner_id')).toBe(TABLE);
  });

  it('reads the table for conditions its sampled statistics take for narrow ones', async () => {
    // Stale follow-ups: the owned open records per owner (owner_id > NULL through the owner index).
    const ownedOpen = {
      and: [{ '!=': [{ var: 'ownerId' }, null] }, { in: [{ var: 'stage' }, ['new', 'trial']] }],
    };
    expect(await decide(ownedOpen, undefined, 'owner_id')).toBe(TABLE);
    // A stage over all time (the stage index).
    expect(await decide({ '==': [{ var: 'stage' }, 'won'] })).toBe(TABLE);
  });

  it('keeps the index for a narrow period or a reader scope on the owner', async () => {
    expect(await decide(range(T0 + 10 * DAY, T0 + 12 * DAY))).toBe(null);
    expect(await decide(range(T0 + 10 * DAY, T0 + 12 * DAY), undefined, 'owner_id')).toBe(null);
    const mine = { '==': [{ var: 'ownerId' }, 'u1'] };
    expect(await decide(range(T0 + 10 * DAY, T0 + 40 * DAY), mine)).toBe(null);
    expect(await decide({ '!=': [{ var: 'ownerId' }, null] }, mine, 'owner_id')).toBe(null);
  });

  it('reads a wide period from an index that holds every column the query reads', async () => {
    // A time series of the creation time: the owner index (owner_id, created_at, stage, team_id,
    // deleted_at) holds it, as do the stage's and the indexed field's: a scan of index pages
    // instead of the table (or the created_at index's lookup per row).
    const bucket = `CASE WHEN created_at < ${T0 + 20 * DAY} THEN 0 ELSE 1 END`;
    const covered = await decide(
      range(T0 + 10 * DAY, T0 + 40 * DAY),
      undefined,
      'k',
      `${bucket} AS k, count(*)`,
    );
    expect(covered).toMatch(/^INDEXED BY "ix_e_lead__(owner|stage|f_city)"$/);
    // Its answer is the table's.
    const where = reportWhere(
      lead,
      { filter: range(T0 + 10 * DAY, T0 + 40 * DAY) },
      'sqlite',
      'en',
    ) as Where;
    const read = (clause: string) =>
      db
        .prepare(
          `SELECT ${bucket} AS k, count(*) AS n FROM "e_lead" ${clause} WHERE deleted_at IS NULL AND ${where.sql} GROUP BY k ORDER BY k`,
        )
        .all(...where.params);
    expect(read(covered!)).toEqual(read('NOT INDEXED'));
    expect(read(covered!)).toEqual([
      { k: 0, n: 10 },
      { k: 1, n: 20 },
    ]);
  });

  it('asks for the plans once per statement shape and schema version', async () => {
    // One executor, as a store's report repository keeps; the plans it asks are counted.
    const sqlite = sqliteExec(() => db);
    let plans = 0;
    const counted = {
      ...sqlite,
      all: <R>(sql: string, params?: readonly unknown[]) => {
        if (sql.startsWith('EXPLAIN QUERY PLAN')) plans++;
        return sqlite.all<R>(sql, params);
      },
    };
    const wide = (from: number) =>
      decide(range(from, from + 30 * DAY), undefined, undefined, undefined, counted);
    expect(await wide(T0 + 10 * DAY)).toBe(TABLE);
    // Its own plan and one per index of the table.
    expect(plans).toBeGreaterThan(1);
    plans = 0;
    // The same shape over another wide period, and again: no plan asked, the same answer.
    expect(await wide(T0 + 20 * DAY)).toBe(TABLE);
    expect(await wide(T0 + 10 * DAY)).toBe(TABLE);
    expect(plans).toBe(0);
    // Another shape (grouped by owner) is planned for itself.
    expect(
      await decide(range(T0 + 10 * DAY, T0 + 40 * DAY), undefined, 'owner_id', undefined, counted),
    ).toBe(TABLE);
    expect(plans).toBeGreaterThan(0);
    // A new index that holds every column the query reads changes the schema version: the
    // plans are asked again and the answer follows the index.
    plans = 0;
    db.exec('CREATE INDEX ix_wide_test ON e_lead (created_at, deleted_at, name)');
    try {
      const after = await wide(T0 + 10 * DAY);
      expect(plans).toBeGreaterThan(0);
      expect(after).not.toBe(TABLE);
    } finally {
      db.exec('DROP INDEX ix_wide_test');
    }
    plans = 0;
    expect(await wide(T0 + 10 * DAY)).toBe(TABLE);
    expect(plans).toBeGreaterThan(0);
  });
});
