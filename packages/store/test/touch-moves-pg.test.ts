import { createHash } from 'node:crypto';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { openStore } from '../src/index';
import { baseSpec, leadEntity } from './fixtures';
import { entityTable } from '../src/entity/entity-table';
import { pgExec } from '../src/postgres/exec';
import { earlierTouchBody, ensurePgTouchTriggers } from '../src/postgres/touch-triggers';
import { touchRebuildSql } from '../src/sql/reports/touch-sql';
import { itOnPostgres, type PgRun } from './on-databases';
import { blocked, idsOfOneShard, keptRows, rebuiltRows } from './pg-two-writers';

// Two writers moving records of one shard between the same two first-touch month groups in
// opposite directions: each move used to take its old group out and put its new one in with two
// statements, so the first writer held the group the second was about to take, and waited for
// the one the second held (40P01). In one upsert in key order (postgres/touch-moves.ts) the
// second writer waits for the first before it holds anything.

const T = Date.UTC(2026, 2, 3, 10);
const KEPT = ['report_touch_rows', 'report_touch_months'];

/** The kept first-touch tables, every row as text, sorted. */
const contents = (c: pg.Client) => keptRows(c, KEPT);

/** The same tables rebuilt from the records (rolled back): what the triggers must have kept. */
const rebuilt = (sql: PgRun) =>
  rebuiltRows(sql, touchRebuildSql('e_lead', entityTable(leadEntity, baseSpec), 'postgres'), KEPT);

/** Ids of one shard: their groups of one month, team and stage are one row. */
const sameShard = (c: pg.Client, n: number) => idsOfOneShard(c, 't', n);

/** A lead of its own owner (so the report groups of the two writers' leads are apart). */
const lead = (c: pg.Client, id: string, stage: string) =>
  c.query(
    `INSERT INTO e_lead (id, created_at, updated_at, version, stage, owner_id, name, budget) VALUES ($1, $2, $2, 1, $3, $1, $1, 100)`,
    [id, T, stage],
  );

/** A first touch of `source` for the lead. */
const touch = (c: pg.Client, id: string, source: string) =>
  c.query(
    `INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source) VALUES ('lead', $1, $2, $1, $3)`,
    [id, T, source],
  );

const settled = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const code = (e: unknown) => (e as { code?: string } | null)?.code ?? null;

/**
 * Runs the interleaving on two connections: `a` holds the lower group (`holdLow`), `b` moves its
 * record from the higher group to the lower (`bMoves`, which waits for `a`), then `a` moves its
 * record from the lower to the higher (`aMoves`). Both must commit, and the kept tables equal a
 * rebuild.
 */
async function interleave(
  url: string,
  sql: PgRun,
  steps: {
    setup: (c: pg.Client, ids: string[]) => Promise<unknown>;
    holdLow: (c: pg.Client, ids: string[]) => Promise<unknown>;
    bMoves: (c: pg.Client, ids: string[]) => Promise<unknown>;
    aMoves: (c: pg.Client, ids: string[]) => Promise<unknown>;
  },
) {
  const store = await openStore({ url, locale: 'en' });
  await store.migrations.syncEntityTables(baseSpec);
  await store.close();
  const client = () => new pg.Client({ connectionString: url });
  const [a, b, watch] = [client(), client(), client()];
  for (const x of [a, b, watch]) await x.connect();
  try {
    const ids = await sameShard(watch, 3);
    await steps.setup(watch, ids);
    for (const x of [a, b]) await x.query('BEGIN');
    await steps.holdLow(a, ids);
    const pid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const second = settled(steps.bMoves(b, ids));
    await blocked(watch, pid);
    const first = await settled(steps.aMoves(a, ids));
    await a.query(first === null ? 'COMMIT' : 'ROLLBACK');
    const secondError = await second;
    await b.query(secondError === null ? 'COMMIT' : 'ROLLBACK');
    // 40P01: deadlock detected (one of the two was cancelled by the old functions).
    expect([code(first), code(secondError)]).toEqual([null, null]);
    expect(await contents(watch)).toEqual(await rebuilt(sql));
  } finally {
    for (const x of [a, b, watch]) await x.end();
  }
}

describe('PostgreSQL first-touch triggers under concurrent writers', () => {
  itOnPostgres(
    'two stage moves in opposite directions between the same month groups both commit',
    (url, sql) =>
      interleave(url, sql, {
        // `mover` is in 'new', `back` in 'won': one month, no team, no touch, one shard.
        setup: async (c, [mover, back]) => {
          await lead(c, mover!, 'new');
          await lead(c, back!, 'won');
        },
        // The intake creates a lead in 'new': it holds the 'new' group's row.
        holdLow: (c, [, , created]) => lead(c, created!, 'new'),
        // The other writer moves `back` from 'won' to 'new' (held): it waits. The old function
        // had taken it out of 'won' first, holding that row.
        bMoves: (c, [, back]) => c.query(`UPDATE e_lead SET stage = 'new' WHERE id = $1`, [back]),
        // The first writer moves `mover` from 'new' to 'won'.
        aMoves: (c, [mover]) => c.query(`UPDATE e_lead SET stage = 'won' WHERE id = $1`, [mover]),
      }),
    60_000,
  );

  itOnPostgres(
    'two first touches changed in opposite directions between the same month groups both commit',
    (url, sql) =>
      interleave(url, sql, {
        setup: async (c, [mover, back, created]) => {
          for (const id of [mover!, back!, created!]) await lead(c, id, 'new');
          await touch(c, mover!, 'douyin');
          await touch(c, back!, 'wechat');
        },
        // A first touch of 'douyin' for the third lead: its rows move into the 'douyin' group.
        holdLow: (c, [, , created]) => touch(c, created!, 'douyin'),
        // `back`'s first touch turns out to be 'douyin' ('wechat' → 'douyin', held): it waits.
        bMoves: (c, [, back]) =>
          c.query(
            `UPDATE report_first_touch SET utm_source = 'douyin' WHERE entity = 'lead' AND record_id = $1`,
            [back],
          ),
        aMoves: (c, [mover]) =>
          c.query(
            `UPDATE report_first_touch SET utm_source = 'wechat' WHERE entity = 'lead' AND record_id = $1`,
            [mover],
          ),
      }),
    60_000,
  );

  itOnPostgres(
    'keeps the groups of an entity without money fields through a create and a move',
    async (url, sql) => {
      const memo = { key: 'memo', titleField: 'name', fields: [{ key: 'name', type: 'text' }] };
      const spec = { entities: [memo] } as typeof baseSpec;
      const store = await openStore({ url, locale: 'en' });
      try {
        await store.migrations.syncEntityTables(spec);
        const made = await store.records(spec).insert('memo', { name: 'a', stage: 'new' });
        if (!made.ok) throw new Error(JSON.stringify(made));
        await store.records(spec).insert('memo', { name: 'b', stage: 'new' });
        const moved = await store
          .records(spec)
          .update('memo', made.value.id, { stage: 'won' }, made.value.version);
        expect(moved.ok).toBe(true);
      } finally {
        await store.close();
      }
      const kept = await sql((c) => contents(c));
      const again = await sql(async (c) => {
        await c.query('BEGIN');
        try {
          for (const q of touchRebuildSql('e_memo', entityTable(memo, spec), 'postgres'))
            await c.query(q);
          return await contents(c);
        } finally {
          await c.query('ROLLBACK');
        }
      });
      expect(kept).toEqual(again);
      expect(kept[1]).toHaveLength(2);
    },
    60_000,
  );

  itOnPostgres(
    "an earlier session's record function is replaced at sync without rebuilding the groups",
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await store.close();
      const info = entityTable(leadEntity, baseSpec);
      const fn = (body: string) =>
        `CREATE OR REPLACE FUNCTION report_touch__lead() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$`;
      const sync = () =>
        sql(async (c) => {
          await c.query('BEGIN');
          try {
            return await ensurePgTouchTriggers(
              pgExec(() => c),
              info,
            );
          } finally {
            await c.query('COMMIT');
          }
        });
      const source = () =>
        sql(
          async (c) =>
            (
              await c.query<{ src: string }>(
                "SELECT prosrc AS src FROM pg_proc WHERE proname = 'report_touch__lead'",
              )
            ).rows[0]!.src,
        );
      const current = await source();
      // Exactly the text session 25's build (e6ad41d) installs for this lead: a change to
      // touch-sql.ts's PostgreSQL statements changes it, and a database of before would be
      // rebuilt at its next start instead of having its function replaced.
      const earlier = earlierTouchBody(info);
      expect(createHash('sha256').update(earlier).digest('hex')).toBe(
        'b9fab2943975c268e842b21174e3b70eecc68c7f428f8348b0943d9615eebee8',
      );
      // Session 25's function: the same rows and groups, so it is only replaced.
      await sql((c) => c.query(fn(earlier)));
      expect(await source()).not.toBe(current);
      expect(await sync()).toBe(false);
      expect(await source()).toBe(current);
      // A function of another text (another set of money fields) still rebuilds.
      await sql((c) => c.query(fn(' BEGIN RETURN NULL; END ')));
      expect(await sync()).toBe(true);
      expect(await source()).toBe(current);
    },
    60_000,
  );
});
