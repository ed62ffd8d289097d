import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { entityTable } from '../src/entity/entity-table';
import { reportWhere, type Where } from '../src/sql/reports/scope';
import { wideCreatedAt } from '../src/sql/reports/wide-range';
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
 * Which report periods SQLite reads from the table instead of the created_at index: only wide
 * ones, and only when the plan would start from that index (a rep's owner_id index is kept).
 */
describe('wideCreatedAt (SQLite)', () => {
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
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const decide = async (filter: unknown, scope?: unknown) => {
    const where = reportWhere(lead, { filter, scope }, 'sqlite', 'en') as Where | null;
    return (
      (
        await wideCreatedAt(
          sqliteExec(() => db),
          lead,
          filter,
          where,
        )
      )?.column ?? null
    );
  };

  it('reads a period over a quarter of the records from the table', async () => {
    expect(await decide(range(T0 + 10 * DAY, T0 + 40 * DAY))).toBe('+"created_at"');
  });

  it('keeps the index for a narrow period, a reader scope on another index, or no period', async () => {
    expect(await decide(range(T0 + 10 * DAY, T0 + 12 * DAY))).toBeNull();
    expect(
      await decide(range(T0 + 10 * DAY, T0 + 40 * DAY), { '==': [{ var: 'ownerId' }, 'u1'] }),
    ).toBeNull();
    expect(await decide({ '==': [{ var: 'stage' }, 'won'] })).toBeNull();
  });
});
