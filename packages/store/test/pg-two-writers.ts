// What the PostgreSQL tests of two writers share: the kept rows to compare with a rebuild, ids of
// one shard, and waiting until a backend waits for a lock.
import type pg from 'pg';
import type { PgRun } from './on-databases';

/** Kept report tables, every row as text, sorted: what two writers left, to compare. */
export async function keptRows(c: pg.Client, tables: readonly string[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const t of tables)
    out.push(
      (await c.query(`SELECT * FROM ${t}`)).rows
        .map((r: Record<string, unknown>) => Object.values(r).map(String).join('|'))
        .sort(),
    );
  return out;
}

/**
 * The same tables rebuilt from the records by `rebuild`'s statements, rolled back: what the
 * triggers must have kept.
 */
export const rebuiltRows = (sql: PgRun, rebuild: readonly string[], tables: readonly string[]) =>
  sql(async (c) => {
    await c.query('BEGIN');
    try {
      for (const q of rebuild) await c.query(q);
      return await keptRows(c, tables);
    } finally {
      await c.query('ROLLBACK');
    }
  });

/** `n` ids `<prefix><i>` of one shard (hashtext(id) & 15), so their groups share rows. */
export async function idsOfOneShard(c: pg.Client, prefix: string, n: number): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM (SELECT $1 || i AS id FROM generate_series(1, 400) i) x
     WHERE hashtext(id) & 15 = hashtext($1 || '1') & 15 ORDER BY id LIMIT $2`,
    [prefix, n],
  );
  return rows.map((r) => r.id);
}

/** Resolves once `pid`'s statement waits for a lock. */
export async function blocked(c: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await c.query(
      "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
      [pid],
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}
