import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { admin, createLead, setupAutomations, specWith, type Harness } from './support/harness';

const DAY = 24 * 3_600_000;
const label = { 'zh-CN': '测试', en: 'Test' };
// Logs a skipped run for every event of its source: run-log growth without record growth.
const listener = {
  key: 'hook',
  label,
  on: { type: 'webhook.received', source: 'feed' },
  if: { '==': [1, 2] },
  do: [{ type: 'createTask', title: 'never', assignee: 'user:yang.fan', dueIn: '1d' }],
};

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(() => {
  h?.store.close();
  h = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/**
 * Pages in the database file and pages on its free list, from the SQLite file header
 * (https://www.sqlite.org/fileformat.html: big-endian at offsets 28 and 36).
 */
function pageCounts(file: string): { pages: number; free: number } {
  const header = readFileSync(file).subarray(0, 100);
  return { pages: header.readUInt32BE(28), free: header.readUInt32BE(36) };
}

const count = async (table: string) => (await h!.rows(table)).length;

async function feedDay(events: number) {
  for (let i = 0; i < events; i++)
    await h!.automations.emit({
      type: 'webhook.received',
      payload: { source: 'feed', body: 'x'.repeat(1000) },
    });
  await h!.automations.drain();
}

describe('retention of the outbox and the run log', () => {
  it('prunes processed events and runs older than the retention period, keeps newer ones and pending work', async () => {
    h = await setupAutomations({ spec: specWith([listener]), options: { retentionMs: 30 * DAY } });
    await feedDay(3);
    const old = await createLead(h, { name: '旧线索' });
    await h.automations.drain();
    expect(await count('automation_runs')).toBe(3);
    h.clock.advance(31 * DAY);
    await feedDay(2);
    await h.automations.emit({ type: 'webhook.received', payload: { source: 'feed' } }); // pending
    const report = await h.automations.prune();
    // Day 0's three webhook events and the lead's record.created; the runs they logged.
    expect(report).toMatchObject({ events: 4, runs: 3 });
    expect(await count('automation_runs')).toBe(2);
    expect(await count('outbox')).toBe(3);
    expect(await h.automations.pending()).toBe(1);
    // Records are data, never pruned.
    expect(await h.engine.records.get('lead', old.id, admin)).toMatchObject({ ok: true });
  });

  it('keeps everything with retentionMs 0', async () => {
    h = await setupAutomations({ spec: specWith([listener]), options: { retentionMs: 0 } });
    await feedDay(2);
    h.clock.advance(400 * DAY);
    expect(await h.automations.prune()).toEqual({ events: 0, runs: 0, effects: 0 });
    expect(await count('automation_runs')).toBe(2);
  });

  it('the background loop prunes on its own after the default 30 days, at most once an hour', async () => {
    h = await setupAutomations({ spec: specWith([listener]), options: { pollMs: 5 } });
    const MINUTE = 60_000;
    const runs = () => count('automation_runs');
    const until = async (what: string, done: () => Promise<boolean>) => {
      for (let i = 0; i < 1000 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
      expect(await done(), what).toBe(true);
    };
    await feedDay(2); // day 0, minute 0
    h.clock.advance(40 * MINUTE);
    await feedDay(1); // minute 40
    // Day 30, minute 10: the first two are past the period, the third is not yet.
    h.clock.advance(30 * DAY - 30 * MINUTE);
    h.automations.start();
    try {
      await until('the loop pruned the two old runs', async () => (await runs()) === 1);
      // Minute 50: the third is past the period too, but the last prune was 40 minutes ago.
      h.clock.advance(40 * MINUTE);
      await new Promise((r) => setTimeout(r, 200));
      expect(await runs()).toBe(1);
      // An hour and ten minutes after the last prune the loop prunes again.
      h.clock.advance(30 * MINUTE);
      await until('the loop pruned the third run an hour later', async () => (await runs()) === 0);
    } finally {
      await h.automations.stop();
    }
  });

  // SQLite's file and its free list; on PostgreSQL autovacuum reuses the space.
  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    'under a steady load the database stops growing once the retention period is full: freed pages are reused',
    async () => {
      const days = async (retentionMs: number) => {
        const dir = mkdtempSync(join(tmpdir(), 'trellis-retention-'));
        dirs.push(dir);
        const file = join(dir, 'r.db');
        h = await setupAutomations({ file, spec: specWith([listener]), options: { retentionMs } });
        const out: { pages: number; free: number }[] = [];
        for (let day = 0; day < 24; day++) {
          await feedDay(60);
          await h.automations.prune();
          // The write-ahead log copied in, the file's header holds the committed page counts.
          await h.store.maintenance.checkpoint({ restartAfterFrames: 0 });
          out.push(pageCounts(file));
          h.clock.advance(DAY);
        }
        h.store.close();
        h = undefined;
        return out;
      };
      const pruned = await days(5 * DAY);
      // Full from day 6 on: each day's prune frees pages (the free list) that the next day's
      // events and runs fill again, so the page count stays where it was.
      expect(pruned.slice(6).some((d) => d.free > 0)).toBe(true);
      expect(pruned[23]!.pages).toBeLessThanOrEqual(pruned[10]!.pages + 4);
      // Without retention the same load keeps adding pages (the check above can fail).
      const kept = await days(0);
      expect(kept.every((d) => d.free === 0)).toBe(true);
      expect(kept[23]!.pages).toBeGreaterThan(kept[10]!.pages * 1.5);
    },
    120_000,
  );
});
