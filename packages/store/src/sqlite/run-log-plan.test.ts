import { describe, expect, it } from 'vitest';
import { openDatabase, type StoreDb } from '../db/open-database';
import { effectRepo, runRepo } from '../sql/runs';
import { recorder } from '../../test/sql-recorder';

const plan = (db: StoreDb, s: { sql: string; params: readonly unknown[] }) =>
  (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[])
    .map((r) => r.detail)
    .join('; ');

describe('the run log and its retention read by index', () => {
  const db = openDatabase(':memory:');

  it('a run-log page, newest first, walks automation_runs_started_ix without sorting', async () => {
    const { exec, seen } = recorder();
    await runRepo(exec).page({}, { limit: 50 });
    const p = plan(db, seen[0]!);
    expect(p).toMatch(/SCAN automation_runs USING INDEX automation_runs_started_ix/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('pruning runs and effects by age searches an index instead of scanning the table', async () => {
    const { exec, seen } = recorder();
    await runRepo(exec).prune(1_000, 500);
    await effectRepo(exec).prune(1_000, 500);
    expect(plan(db, seen[0]!)).toMatch(
      /SEARCH automation_runs USING COVERING INDEX automation_runs_started_ix \(started_at<\?\)/,
    );
    expect(plan(db, seen[0]!)).not.toMatch(/SCAN automation_runs|TEMP B-TREE/);
    expect(plan(db, seen[1]!)).toMatch(
      /SEARCH action_effects USING (COVERING )?INDEX action_effects_created_ix \(created_at<\?\)/,
    );
  });
});
