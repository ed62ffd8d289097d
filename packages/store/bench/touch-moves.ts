/**
 * The PostgreSQL first-touch trigger's own time per write: session 25's record function
 * (touch-triggers.ts earlierTouchBody, the group taken out and put in by two statements)
 * against this build's (postgres/touch-moves.ts), alternating in one database of 20,000 leads.
 * Each write is EXPLAIN ANALYZEd and rolled back; the touch triggers' time is summed from the
 * plan. AB_CREATE=1 times creates, else stage moves. Prints JSON (µs per write, 5 rounds of 300
 * a side). Run: node --conditions=@trellis/source --import tsx bench/touch-moves.ts
 */
import pg from 'pg';
import { startPgServer } from '@trellis/tooling/pg';
import { openStore } from '../src/index';
import { entityTable } from '../src/entity/entity-table';
import { earlierTouchBody } from '../src/postgres/touch-triggers';
import { baseSpec, leadEntity } from '../test/fixtures';

const server = await startPgServer();
try {
  const url = await server.createDatabase('touchab');
  const store = await openStore({ url });
  await store.migrations.syncEntityTables(baseSpec);
  await store.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const T = Date.UTC(2026, 2, 3);
  await c.query(
    `INSERT INTO e_lead (id, created_at, updated_at, version, stage, owner_id, name, budget)
     SELECT 'l' || i, $1::bigint + i * 60000, $1::bigint, 1, 'new', 'u' || (i % 20), 'n' || i, i FROM generate_series(1, 20000) i`,
    [T],
  );
  await c.query(
    `INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source)
     SELECT 'lead', 'l' || i, $1, 't' || i, 's' || (i % 7) FROM generate_series(1, 20000, 2) i`,
    [T],
  );
  const info = entityTable(leadEntity, baseSpec);
  const now = (
    await c.query<{ src: string }>(
      "SELECT prosrc AS src FROM pg_proc WHERE proname = 'report_touch__lead'",
    )
  ).rows[0]!.src;
  const bodies = { before: earlierTouchBody(info), after: now };
  const use = (b: string) =>
    c.query(
      `CREATE OR REPLACE FUNCTION report_touch__lead() RETURNS trigger LANGUAGE plpgsql AS $fn$${b}$fn$`,
    );
  const stages = ['new', 'qualified', 'won'];
  let k = 0;
  const round = async (side: 'before' | 'after') => {
    await use(bodies[side]);
    // The touch trigger's own time per stage move (EXPLAIN ANALYZE, each move rolled back).
    let ms = 0;
    for (let i = 0; i < 300; i++) {
      k++;
      await c.query('BEGIN');
      const plan = process.env.AB_CREATE
        ? await c.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO e_lead (id, created_at, updated_at, version, stage, owner_id, name, budget) VALUES ($1, ${T + 3_600_000}, ${T}, 1, 'new', 'u1', 'x', 5)`,
            [`new${k}`],
          )
        : await c.query<{ 'QUERY PLAN': string }>(
            'EXPLAIN (ANALYZE, FORMAT JSON) UPDATE e_lead SET stage = $1 WHERE id = $2',
            [stages[k % 3], `l${1 + ((k * 7919) % 20000)}`],
          );
      await c.query('ROLLBACK');
      const triggers = (
        plan.rows[0]!['QUERY PLAN'] as unknown as {
          Triggers: { 'Trigger Name': string; Time: number }[];
        }[]
      )[0]!.Triggers;
      ms += triggers
        .filter((t) => t['Trigger Name'].startsWith('touch__'))
        .reduce((a, t) => a + t.Time, 0);
    }
    return (ms / 300) * 1000; // µs per move
  };
  await round('after');
  await round('before');
  const runs: { before: number[]; after: number[] } = { before: [], after: [] };
  const load0 = (await import('node:os')).loadavg();
  for (const side of [
    'before',
    'after',
    'after',
    'before',
    'before',
    'after',
    'after',
    'before',
    'before',
    'after',
  ] as const)
    runs[side].push(Math.round(await round(side)));
  const load1 = (await import('node:os')).loadavg();
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    JSON.stringify({
      write: process.env.AB_CREATE ? 'create' : 'stage move',
      touchTriggerUs: runs,
      median: { before: med(runs.before), after: med(runs.after) },
      ratio: med(runs.after) / med(runs.before),
      load: { start: load0, end: load1 },
    }),
  );
  await c.end();
} finally {
  server.stop();
}
