import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { migratedDatabase, releaseDatabase } from './pg-databases';

const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 9);
/** Always true on a field report_cohorts lacks: the full query over the records. */
const FULL = { '!=': [{ var: 'id' }, ''] };

async function write(store: Store, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const at = T0 + i * 7 * 3_600_000;
    const r = await store
      .records(baseSpec)
      .insert(
        'lead',
        { name: `B${i}`, ownerId: ['u1', 'u2', null][i % 3], createdAt: at },
        { now: at },
      );
    if (!r.ok) throw new Error(r.error.message);
    for (const [k, to] of ['new', 'qualified', 'trial', 'won'].slice(0, 1 + (i % 4)).entries())
      await store.transitions.append({
        entity: 'lead',
        recordId: r.value.id,
        fromStage: null,
        toStage: to,
        actorId: null,
        via: 'test',
        at: at + k * DAY,
        dwellMs: null,
      });
    if (i % 5 === 0) await store.records(baseSpec).update('lead', r.value.id, { stage: 'lost' }, 1);
  }
}

const answer = async (store: Store, full: boolean) => {
  const r = await store.reports(baseSpec).reach('lead', {
    ranks: RANKS,
    by: 'ownerId',
    filter: {
      and: [
        { '>=': [{ var: 'createdAt' }, T0 + DAY / 3] },
        { '<': [{ var: 'createdAt' }, T0 + 9 * DAY] },
        ...(full ? [FULL] : []),
      ],
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((x) => `${x.rank}|${String(x.key)}|${x.records}`).sort();
};

/**
 * A database written before the report triggers existed (triggers dropped, groups emptied, more
 * records written): syncing the entity tables at start puts the triggers back and rebuilds the
 * groups from the records, and later writes keep them.
 */
async function backfill(open: () => Promise<Store>, strip: () => Promise<void>): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 30);
  await store.close();
  await strip();
  store = await open();
  await write(store, 30, 30);
  expect(await answer(store, false)).not.toEqual(await answer(store, true));
  await store.migrations.syncEntityTables(baseSpec);
  expect(await answer(store, false)).toEqual(await answer(store, true));
  await write(store, 60, 20);
  expect(await answer(store, false)).toEqual(await answer(store, true));
  await store.close();
}

describe('report cohorts backfill', () => {
  it('sqlite: rebuilds the groups of a database without the triggers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-backfill-'));
    const url = join(dir, 'trellis.db');
    try {
      await backfill(
        () => openStore({ url, locale: 'en' }),
        async () => {
          const db = new Database(url);
          for (const t of ['ins', 'upd', 'del']) db.exec(`DROP TRIGGER report__lead__${t}`);
          db.exec('DELETE FROM report_rows; DELETE FROM report_cohorts');
          db.close();
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.TRELLIS_TEST_PG_URL)(
    'postgres: rebuilds the groups of a database without the triggers',
    async () => {
      const url = await migratedDatabase();
      if (!url) throw new Error('no PostgreSQL test server');
      try {
        await backfill(
          () => openStore({ url, locale: 'en' }),
          async () => {
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            await c.query(
              'DROP TRIGGER report__lead__ins ON e_lead; DROP TRIGGER report__lead__upd ON e_lead; DELETE FROM report_rows; DELETE FROM report_cohorts',
            );
            await c.end();
          },
        );
      } finally {
        await releaseDatabase(url);
      }
    },
  );
});
