import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { undo0017 } from './report-firsts-undo';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 9, 5);
const PATH = ['new', 'qualified', 'trial', 'quoted'];

/**
 * The applied-migration stamps of the entries index's migration (SQLite 0016, PostgreSQL 0015)
 * and any later one (the migrator applies what is newer than the newest).
 */
function stamp(folder: 'drizzle' | 'drizzle-pg'): string {
  const journal = JSON.parse(
    readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= (folder === 'drizzle' ? 16 : 15))
    .map((e) => e.when)
    .join(', ');
}

/** Raw SQL on the database. */
type Run = (sql: string) => Promise<Record<string, unknown>[]>;

/** The entrants of trial in [T0 + 10 h, T0 + 60 h) as the list's EXISTS selects them, newest first. */
const OLD = `SELECT r.id FROM e_lead r WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM stage_transitions t
  WHERE t.entity = 'lead' AND t.record_id = r.id AND t.to_stage = 'trial' AND t.at >= ${T0 + 10 * H} AND t.at < ${T0 + 60 * H})
  ORDER BY r.created_at DESC, r.id DESC`;

/** `n` leads from `from` on, each walking to trial and some stepping back and entering it again. */
async function write(store: Store, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const createdAt = T0 + i * 3 * H;
    const r = await store.records(baseSpec).insert('lead', { name: `E${i}`, createdAt });
    if (!r.ok) throw new Error('insert failed');
    const stages = i % 3 === 0 ? [...PATH, 'qualified', 'trial'] : PATH.slice(0, 2 + (i % 3));
    let at = createdAt;
    let prev: string | null = null;
    for (const to of stages) {
      await store.transitions.append({
        entity: 'lead',
        recordId: r.value.id,
        fromStage: prev,
        toStage: to,
        actorId: null,
        via: 'test',
        at,
        dwellMs: null,
      });
      [prev, at] = [to, at + (5 + (i % 4)) * H];
    }
  }
}

/** The step's list through the store: every page of 3, and its total. */
async function stepList(store: Store): Promise<{ ids: string[]; total: number | undefined }> {
  const filter = { enteredStage: ['trial', T0 + 10 * H, T0 + 60 * H] };
  const ids: string[] = [];
  let cursor: string | null = null;
  let total: number | undefined;
  do {
    const page = await store
      .records(baseSpec)
      .list('lead', { filter, cursor, limit: 3, count: true });
    if (!page.ok) throw new Error('list failed');
    ids.push(...page.value.records.map((x) => x.id));
    [cursor, total] = [page.value.nextCursor, page.value.total];
  } while (cursor !== null);
  return { ids, total };
}

/**
 * A populated database from before the entries index held the record and previous entry
 * (SQLite 0016, PostgreSQL 0015): opening it applies the migration, and the step's list answers what the EXISTS answers, with
 * the index's new columns in place.
 */
async function upgrade(
  open: () => Promise<Store>,
  run: Run,
  toPrevious: () => Promise<void>,
  columns: () => Promise<string[]>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 20);
  await store.close();
  await toPrevious();
  expect(await columns()).toEqual(['entity', 'to_stage', 'at']);
  store = await open();
  expect(await columns()).toEqual(['entity', 'to_stage', 'at', 'record_id', 'prev_entry_at']);
  const want = (await run(OLD)).map((r) => String(r.id));
  expect(want.length).toBeGreaterThan(5);
  expect(await stepList(store)).toEqual({ ids: want, total: want.length });
  await store.close();
}

describe('migrations 0016 (SQLite) and 0015 (PostgreSQL): entrants in the entries index, on a populated database', () => {
  itOnSqliteFile(
    'sqlite: the index gains the record and previous entry; the step list is unchanged',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async (q) => sql((db) => db.prepare(q).all() as Record<string, unknown>[]),
        async () =>
          sql((db) => {
            db.exec('DROP INDEX stage_transitions_to_ix');
            db.exec(
              'CREATE INDEX stage_transitions_to_ix ON stage_transitions (entity, to_stage, at)',
            );
            // Later migrations are forgotten too and applied again: 0017 needs its columns gone.
            for (const q of undo0017('drizzle')) db.exec(q);
            db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamp('drizzle')})`);
          }),
        async () =>
          sql((db) =>
            (
              db
                .prepare(
                  "SELECT name FROM pragma_index_info('stage_transitions_to_ix') ORDER BY seqno",
                )
                .all() as { name: string }[]
            ).map((r) => r.name),
          ),
      );
    },
  );

  itOnPostgres(
    'postgres: the index gains the record and previous entry; the step list is unchanged',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        (q) => sql(async (c) => (await c.query(q)).rows as Record<string, unknown>[]),
        () =>
          sql(async (c) => {
            await c.query('DROP INDEX stage_transitions_to_ix');
            await c.query(
              'CREATE INDEX stage_transitions_to_ix ON stage_transitions (entity, to_stage, at)',
            );
            await c.query(
              `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${stamp('drizzle-pg')})`,
            );
          }),
        () =>
          sql(async (c) =>
            (
              await c.query(
                `SELECT a.attname AS name FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
               WHERE x.relname = 'stage_transitions_to_ix' ORDER BY k.n`,
              )
            ).rows.map((r: { name: string }) => r.name),
          ),
      );
    },
  );
});
