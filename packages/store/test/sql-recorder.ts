import type { SqlExec } from '../src/sql/exec';

/** The statements a repository runs, with their parameters, instead of running them. */
export function recorder() {
  const seen: { sql: string; params: readonly unknown[] }[] = [];
  const exec: SqlExec = {
    all: (sql, params = []) => (seen.push({ sql, params }), []),
    get: (sql, params = []) => (seen.push({ sql, params }), undefined),
    run: (sql, params = []) => (seen.push({ sql, params }), { changes: 0 }),
  };
  return { exec, seen };
}
