import pg from 'pg';
import { describe, expect } from 'vitest';
import { openStore } from '../src/index';
import { rebuildSql } from '../src/sql/reports/cohort-sql';
import { ownerRebuildSql } from '../src/sql/reports/owner-entries-sql';
import { baseSpec } from './fixtures';
import { itOnPostgres, type PgRun } from './on-databases';
import { blocked, idsOfOneShard, keptRows, rebuiltRows } from './pg-two-writers';

const DAY = 86_400_000;
// The first of a month: an earlier month's lead has other month groups than today's.
const T = Date.UTC(2026, 2, 1, 10);
const LAST_MONTH = Date.UTC(2026, 1, 20, 10);

/** The kept report tables, every row as text, sorted. */
const KEPT = ['report_rows', 'report_cohorts', 'report_cohort_months', 'report_owner_entries'];
const contents = (c: pg.Client) => keptRows(c, KEPT);

/** The same tables rebuilt from the records (rolled back): what the triggers must have kept. */
const rebuilt = (sql: PgRun) =>
  rebuiltRows(
    sql,
    [...rebuildSql('e_lead', "'lead'", 'postgres'), ...ownerRebuildSql("'lead'")],
    KEPT,
  );

/** Ids whose records share one shard, so their unowned groups are one row. */
const sameShard = (c: pg.Client, n: number) => idsOfOneShard(c, 'r', n);

/** A lead as the engine writes one: its first transition (into new, at `at`), then the row. */
const create = async (c: pg.Client, id: string, createdAt: number, at = createdAt) => {
  await c.query(
    `INSERT INTO stage_transitions (id, entity, record_id, from_stage, to_stage, via, at) VALUES ($1, 'lead', $2, NULL, 'new', 'test', $3)`,
    [`${id}-t`, id, at],
  );
  await c.query(
    `INSERT INTO e_lead (id, created_at, updated_at, version, stage, stage_entered_at, name) VALUES ($1, $2, $2, 1, 'new', $3, $1)`,
    [id, createdAt, at],
  );
};

describe('PostgreSQL report triggers under concurrent writers', () => {
  itOnPostgres(
    "an intake's create and a worker's assignment of the same day's unowned leads both commit",
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await store.close();
      const client = () => new pg.Client({ connectionString: url });
      const [a, b, watch] = [client(), client(), client()];
      for (const x of [a, b, watch]) await x.connect();
      try {
        const [lead, early, today] = await sameShard(watch, 3);
        // Unowned leads of one shard: `early` created last month and entering new today,
        // `today` created today. Their entries share a report_owner_entries row, and `today`'s
        // day group is the new lead's.
        await create(watch, early!, LAST_MONTH, T);
        await create(watch, today!, T);
        for (const x of [a, b]) await x.query('BEGIN');
        // The worker assigns `early`: it holds today's unowned owner-entries row of the shard.
        await b.query(`UPDATE e_lead SET owner_id = 'u1' WHERE id = $1`, [early]);
        // The intake creates `lead` (today, unowned, same shard): it waits for that row. The
        // old record function had counted it in its day and month groups first, holding them.
        const pid = (await a.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        const intake = create(a, lead!, T).then(
          () => null,
          (e: unknown) => e,
        );
        await blocked(watch, pid);
        // The worker assigns `today`: its groups are the ones the old function had the intake hold.
        const worker = await b
          .query(`UPDATE e_lead SET owner_id = 'u1' WHERE id = $1`, [today])
          .then(
            () => null,
            (e: unknown) => e,
          );
        if (worker === null) await b.query('COMMIT');
        else await b.query('ROLLBACK');
        const intakeError = await intake;
        if (intakeError === null) await a.query('COMMIT');
        else await a.query('ROLLBACK');
        const code = (e: unknown) => (e as { code?: string } | null)?.code ?? null;
        // 40P01: deadlock detected (one of the two was cancelled on the old functions).
        expect([code(worker), code(intakeError)]).toEqual([null, null]);
        const kept = await contents(watch);
        expect(kept).toEqual(await rebuilt(sql));
        // Both assigned leads' entries of today under u1, the new one's unowned.
        const day = Math.floor(T / DAY);
        const owners = await watch.query<{ o: string; n: string }>(
          `SELECT owner_id AS o, sum(entries)::text AS n FROM report_owner_entries WHERE day = $1 GROUP BY owner_id ORDER BY 1`,
          [day],
        );
        expect(owners.rows).toEqual([
          { o: '', n: '1' },
          { o: 'u1', n: '2' },
        ]);
      } finally {
        for (const x of [a, b, watch]) await x.end();
      }
    },
    60_000,
  );
});
