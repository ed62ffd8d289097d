import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { reportRepo } from '../src/sql/reports/report-repo';
import { baseSpec } from './fixtures';
import { withMillionLeadStats } from './million-lead-stats';
import { recorder } from './sql-recorder';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 3);

/** The query plan of a recorded statement on the database at `url`, planned as at 1,000,000 leads. */
function planOf(url: string, s: { sql: string; params: readonly unknown[] }): string {
  const db = new Database(url);
  try {
    withMillionLeadStats(db);
    return (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[])
      .map((p) => p.detail)
      .join('; ');
  } finally {
    db.close();
  }
}

describe("a rep's period funnel and dwell on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-rep-flow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("read the rep's record ids from the owner index alone (its tail holds the id)", async () => {
    const url = join(dir, 'trellis.db');
    const store = await openStore({ url, locale: 'en' });
    await store.migrations.syncEntityTables(baseSpec);
    const scope = { '==': [{ var: 'ownerId' }, 'u1'] };
    for (let i = 0; i < 12; i++) {
      const createdAt = T0 + i * 7 * H;
      const r = await store
        .records(baseSpec)
        .insert('lead', { name: `R${i}`, ownerId: i % 3 ? 'u1' : 'u2', createdAt });
      if (!r.ok) throw new Error('insert failed');
      for (const [k, to] of ['new', 'qualified', 'trial'].entries())
        await store.transitions.append({
          entity: 'lead',
          recordId: r.value.id,
          fromStage: null,
          toStage: to,
          actorId: null,
          via: 'test',
          at: createdAt + k * 20 * H,
          dwellMs: k ? 20 * H : null,
        });
    }
    const at = { from: T0 + 5 * H, to: T0 + 60 * H };
    // Answers against a brute-force count first: the owner's records entering each stage in range.
    const entries = await store.reports(baseSpec).entries('lead', { scope, at });
    if (!entries.ok) throw new Error('entries failed');
    const want = new Map<string, number>();
    for (let i = 0; i < 12; i++)
      if (i % 3)
        for (const [k, to] of ['new', 'qualified', 'trial'].entries()) {
          const t = T0 + i * 7 * H + k * 20 * H;
          if (t >= at.from && t < at.to) want.set(to, (want.get(to) ?? 0) + 1);
        }
    expect(new Map(entries.value.map((e) => [e.stage, e.records]))).toEqual(want);
    await store.close();

    const { exec, seen } = recorder();
    const repo = reportRepo(exec, baseSpec, 'sqlite', 'en');
    await repo.entries('lead', { scope, at });
    await repo.dwell('lead', { scope, at });
    expect(seen).toHaveLength(2);
    for (const s of seen) {
      const plan = planOf(url, s);
      expect(plan).toContain('USING COVERING INDEX ix_e_lead__owner (owner_id=?)');
      expect(plan).not.toMatch(/USING INDEX ix_e_lead__owner/);
    }
  });
});
