/**
 * Does retention slow the automation worker? The background loop prunes between drain steps, in
 * the same writer, so what the worker can wait behind is one prune batch (500 rows, its own
 * transaction). Set up on a SQLite file like the server's writer: the education spec plus a
 * webhook listener that logs a run per event, OLD events processed 31 days ago (their runs
 * logged), then LEADS public-form leads drained in `drain({ transactions: 1 })` steps (the
 * baseline, same run) and the old history pruned in the loop's passes. Prints JSON: how long
 * each prune batch and each drain step took (median, p95, max), the ratio of the p95s, rows
 * pruned per second, and the leads drained after pruning (median step, to show the worker is no
 * slower on the pruned tables).
 * Run: node --conditions=@trellis/source --import tsx bench/retention.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import { educationSpec } from '../test/automations/support/education';
import { createLead, setupAutomations, specWith } from '../test/automations/support/harness';

const OLD = Number(process.env.BENCH_OLD ?? 10_000);
const LEADS = Number(process.env.BENCH_LEADS ?? 300);
const DAY = 24 * 3_600_000;
const label = { 'zh-CN': '测试', en: 'Test' };
const listener = {
  key: 'feedLog',
  label,
  on: { type: 'webhook.received', source: 'feed' },
  if: { '==': [1, 2] },
  do: [{ type: 'createTask', title: 'never', assignee: 'user:yang.fan', dueIn: '1d' }],
};

const dir = mkdtempSync(join(tmpdir(), 'trellis-retention-bench-'));
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    medianMs: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    maxMs: r(sorted.at(-1) ?? NaN),
    runs: ms.length,
  };
};

try {
  const h = await setupAutomations({
    file: join(dir, 'retention.db'),
    spec: specWith([...(educationSpec().automations ?? []), listener]),
    options: { retentionMs: 30 * DAY },
  });
  for (let i = 0; i < OLD; i++)
    await h.automations.emit({
      type: 'webhook.received',
      payload: { source: 'feed', body: 'x'.repeat(500) },
    });
  while ((await h.automations.drain()).events > 0);
  h.clock.advance(31 * DAY);

  /** Drain steps of LEADS new leads: how long the worker holds the writer per step. */
  const drainSteps = async () => {
    const steps: number[] = [];
    for (let i = 0; i < LEADS; i++) await createLead(h, { name: `线索${i}` });
    for (;;) {
      const t0 = performance.now();
      const { events } = await h.automations.drain({ transactions: 1 });
      if (events === 0) break;
      steps.push(performance.now() - t0);
    }
    return steps;
  };
  const before = await drainSteps();

  // Each prune batch timed where the loop calls it: the repositories' prune.
  const batches: number[] = [];
  type Prunable = { prune(before: number, limit: number): Promise<number> };
  const repos: Prunable[] = [h.store.outbox, h.store.runs, h.store.effects];
  for (const repo of repos) {
    const prune = repo.prune.bind(repo);
    repo.prune = async (before, limit) => {
      const t0 = performance.now();
      try {
        return await prune(before, limit);
      } finally {
        batches.push(performance.now() - t0);
      }
    };
  }
  const t0 = performance.now();
  let pruned = 0;
  for (;;) {
    const r = await h.automations.prune();
    const n = r.events + r.runs + r.effects;
    if (n === 0) break;
    pruned += n;
  }
  const pruneMs = performance.now() - t0;
  const after = await drainSteps();
  await h.store.close();

  const batch = stats(batches);
  const drain = stats(before);
  console.log(
    JSON.stringify(
      {
        oldEvents: OLD,
        rowsPruned: pruned,
        pruneRowsPerSec: Math.round((pruned / pruneMs) * 1000),
        pruneBatch: batch,
        drainStepBaseline: drain,
        drainStepAfterPrune: stats(after),
        ratioPruneBatchP95ToDrainStepP95: Math.round((batch.p95Ms / drain.p95Ms) * 1000) / 1000,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
