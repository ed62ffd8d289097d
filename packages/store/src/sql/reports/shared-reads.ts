import type { Row, SqlExec } from '../exec';

/**
 * `x` whose reads of the same statement with the same parameters, asked while one is in
 * flight, share its answer: a leaderboard asks its counts per owner and stage and its furthest
 * stages per owner side by side, and both are the one group read per owner, stage and entered
 * stages (cohort-read.ts) — on PostgreSQL two connections read the same ~25,000 rows at once.
 * Only reads already running are shared (nothing is kept after), so each answer is as fresh as
 * a read of its own.
 */
export function sharedReads(x: SqlExec): SqlExec {
  const running = new Map<string, Promise<Row[]>>();
  return {
    all<R = Row>(sql: string, params?: readonly unknown[]) {
      const key = `${sql}\u0000${JSON.stringify(params ?? [])}`;
      let p = running.get(key);
      if (!p) {
        p = Promise.resolve(x.all<Row>(sql, params)).finally(() => running.delete(key));
        running.set(key, p);
      }
      return p as Promise<R[]>;
    },
    get: (sql, params) => x.get(sql, params),
    run: (sql, params) => x.run(sql, params),
  };
}
