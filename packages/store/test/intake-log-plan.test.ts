import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { reportRepo } from '../src/sql/reports/report-repo';
import { baseSpec } from './fixtures';
import { recorder } from './sql-recorder';

describe('the intake log is read by record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-intake-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a rep's merged-duplicates count searches intake_log by record_id, not the whole log", async () => {
    const url = join(dir, 'trellis.db');
    const store = await openStore({ url, locale: 'en' });
    await store.migrations.syncEntityTables(baseSpec);
    await store.close();
    const { exec, seen } = recorder();
    const r = await reportRepo(exec, baseSpec, 'sqlite', 'en').merges('lead', {
      filter: { '==': [{ var: 'ownerId' }, 'u1'] },
      at: { from: 0, to: 1e13 },
    });
    expect(r.ok).toBe(true);
    const db = new Database(url, { readonly: true });
    try {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${seen[0]!.sql}`).all(...seen[0]!.params) as {
          detail: string;
        }[]
      ).map((p) => p.detail);
      expect(plan.join('; ')).toMatch(/SEARCH l USING INDEX intake_log_record_ix \(record_id=\?\)/);
      expect(plan.join('; ')).not.toMatch(/SCAN l\b/);
    } finally {
      db.close();
    }
  });
});
