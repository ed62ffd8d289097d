import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store, type TransitionRow } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { undo0014 } from './report-firsts-undo';
import { undo0022 } from './session27';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 9);
/** Always true on a field no fast path reads: the records-first query, as before 0011 and 0012. */
const FULL = { '!=': [{ var: 'id' }, ''] };
const RANGES = [{ from: T0 + DAY + 5_000_000, to: T0 + 12 * DAY + 77 }, { to: T0 + 6 * DAY }, {}];

/**
 * The applied-migration stamps of 0011, 0012 and the later ones (`when` in each journal): the
 * migrator applies what is newer than the newest stamp, so the later ones are forgotten too.
 */
function stamps(folder: 'drizzle' | 'drizzle-pg'): number[] {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries.filter((e) => Number(e.tag.slice(0, 4)) >= 11).map((e) => e.when);
}

/** 40 leads walking the pipeline with steps back (re-entries), moves one by one and in a batch. */
async function write(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    const batch: TransitionRow[] = [];
    for (let i = 0; i < 40; i++) {
      const createdAt = T0 + i * 7 * 3_600_000;
      const r = await tx.records(baseSpec).insert('lead', { name: `W${i}` }, { now: createdAt });
      if (!r.ok) throw new Error(r.error.message);
      const path = ['new', 'qualified', 'trial', 'qualified', 'trial', 'won'].slice(0, 2 + (i % 5));
      let at = createdAt;
      const rows = path.map((to, k) => {
        const dwell = k === 0 ? null : ((i * 7919 + k * 104_729) % 50) * 3_600_000 + k * 61_000;
        at += dwell ?? 0;
        return {
          entity: 'lead',
          recordId: r.value.id,
          fromStage: k === 0 ? null : path[k - 1]!,
          toStage: to,
          actorId: null,
          via: 'test',
          at,
          dwellMs: dwell,
        };
      });
      if (i % 2 === 0) batch.push(...rows);
      else for (const row of rows) await tx.transitions.append(row);
    }
    await tx.transitions.appendMany(batch);
  });
}

/** Dwell and period funnel of every record (the fast paths) and by the records-first query. */
async function answers(store: Store, full: boolean) {
  const repo = store.reports(baseSpec);
  const out: unknown[] = [];
  for (const at of RANGES) {
    const q = { at, ...(full ? { filter: FULL } : {}) };
    const dwell = await repo.dwell('lead', q);
    const entries = await repo.entries('lead', q);
    if (!dwell.ok || !entries.ok) throw new Error('report failed');
    out.push(
      dwell.value.map((r) => [r.stage, r.count, Math.round(r.mean), r.median, r.p90]),
      entries.value.map((r) => [r.stage, r.records]).sort(),
    );
  }
  return out;
}

/**
 * A populated database from before 0011 (no prev_entry_at, its indexes, report_dwell and its
 * triggers, the record index without the columns 0012 adds): opening it applies 0011 and 0012 as shipped, and every answer equals the
 * records-first query's, then stays equal as transitions are moved and deleted (the update and
 * delete triggers).
 */
async function upgrade(
  open: () => Promise<Store>,
  raw: (sql: string) => Promise<void>,
  folder: 'drizzle' | 'drizzle-pg',
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store);
  const before = await answers(store, true);
  await store.close();
  const later = stamps(folder);
  const on = folder === 'drizzle' ? '' : ' ON stage_transitions';
  const triggers =
    folder === 'drizzle'
      ? ['add', 'del', 'upd'].map((t) => `report__dwell_${t}`)
      : ['report__dwell'];
  const table = folder === 'drizzle' ? '__drizzle_migrations' : 'drizzle.__drizzle_migrations';
  for (const sql of [
    // PostgreSQL's transition triggers name prev_entry_at (report__transition_upd's columns);
    // SQLite's dwell triggers are session 27's again first (undo0022).
    ...(folder === 'drizzle-pg'
      ? ['DROP FUNCTION report_transition_change() CASCADE']
      : undo0022()),
    ...triggers.map((t) => `DROP TRIGGER ${t}${on}`),
    'DROP TABLE report_dwell',
    'DROP INDEX stage_transitions_dwell_value_ix',
    'DROP INDEX stage_transitions_dwell_ix',
    'DROP INDEX stage_transitions_reentry_ix',
    // The record index as 0000 made it (0012 makes it cover what the reports read).
    'DROP INDEX stage_transitions_record_ix',
    'CREATE INDEX stage_transitions_record_ix ON stage_transitions (entity, record_id, at)',
    // The entries index as 0000 made it (SQLite's 0016 and PostgreSQL's 0015 add the record and the previous entry).
    'DROP INDEX stage_transitions_to_ix',
    'CREATE INDEX stage_transitions_to_ix ON stage_transitions (entity, to_stage, at)',
    'ALTER TABLE stage_transitions DROP COLUMN prev_entry_at',
    // 0013 (the month groups) and the later ones are applied again after them (0014 and 0017
    // undone first: 0017's undo drops a column of the month groups).
    ...undo0014(folder, false),
    'DROP TABLE report_cohort_months',
    `DELETE FROM ${table} WHERE created_at IN (${later.join(', ')})`,
  ])
    await raw(sql);
  store = await open();
  expect(await answers(store, false)).toEqual(before);
  expect(await answers(store, true)).toEqual(before);
  await store.close();
  // Moves shifted by a day and their times changed (each move in another day and bucket), then
  // some deleted: the triggers keep report_dwell equal to the moves.
  await raw(
    `UPDATE stage_transitions SET at = at + ${DAY}, dwell_ms = dwell_ms * 3 + 1 WHERE dwell_ms IS NOT NULL AND to_stage = 'trial'`,
  );
  await raw(`DELETE FROM stage_transitions WHERE to_stage = 'won'`);
  store = await open();
  const moved = await answers(store, true);
  expect(moved).not.toEqual(before);
  expect(await answers(store, false)).toEqual(moved);
  await store.close();
}

describe('migrations 0011 and 0012 on a populated database', () => {
  itOnSqliteFile(
    'sqlite: sets prev_entry_at and fills report_dwell as the records-first query answers',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async (text) => sql((db) => void db.exec(text)),
        'drizzle',
      );
    },
  );

  itOnPostgres(
    'postgres: the same, then vacuums and analyzes stage_transitions after the migrator commits',
    async (url, sql) => {
      const maintained = () =>
        sql(async (c) => {
          const { rows } = await c.query<{ v: string; a: string }>(
            "SELECT vacuum_count AS v, analyze_count AS a FROM pg_stat_user_tables WHERE relname = 'stage_transitions'",
          );
          return [Number(rows[0]!.v), Number(rows[0]!.a)];
        });
      const [v0, a0] = await maintained();
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        (text) => sql(async (c) => void (await c.query(text))),
        'drizzle-pg',
      );
      // Once, by the start that applied 0011; the later starts applied nothing.
      expect(await maintained()).toEqual([v0! + 1, a0! + 1]);
    },
  );
});
