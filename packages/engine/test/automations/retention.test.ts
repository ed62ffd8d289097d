import { mkdtempSync, rmSync, statSync } from 'node:fs';
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

  it('under a steady load the database file stops growing once the retention period is full', async () => {
    const sizes = async (retentionMs: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'trellis-retention-'));
      dirs.push(dir);
      const file = join(dir, 'r.db');
      h = await setupAutomations({ file, spec: specWith([listener]), options: { retentionMs } });
      const out: number[] = [];
      for (let day = 0; day < 24; day++) {
        await feedDay(60);
        await h.automations.prune();
        await h.store.maintenance.checkpoint({ restartAfterFrames: 0 });
        out.push(statSync(file).size);
        h.clock.advance(DAY);
      }
      h.store.close();
      h = undefined;
      return out;
    };
    const pruned = await sizes(5 * DAY);
    // Full from day 6 on: freed pages are reused, the file stays within a few pages.
    expect(pruned[23]!).toBeLessThanOrEqual(pruned[10]! * 1.05);
    // Without retention the same load keeps growing it (the check above can fail).
    const kept = await sizes(0);
    expect(kept[23]!).toBeGreaterThan(kept[10]! * 1.5);
  }, 120_000);
});
