import type { Runtime } from './runtime';

/** Rows one prune statement deletes: each batch is a short transaction of its own. */
const BATCH = 500;
/** Batches per table in one pass: a large backlog is worked off over several passes. */
const MAX_BATCHES = 20;

export type PruneReport = { events: number; runs: number; effects: number };

/**
 * Retention: deletes outbox events processed, automation runs started and action effects
 * recorded more than `retentionMs` before `now` (0 keeps everything). Small batches, each its
 * own transaction, so the writer interleaves other work between them and the worker never waits
 * behind one long delete; SQLite reuses the freed pages, so the file stops growing under a
 * steady load.
 */
export async function pruneHistory(rt: Runtime, now: number): Promise<PruneReport> {
  const report: PruneReport = { events: 0, runs: 0, effects: 0 };
  const keepMs = rt.options.retentionMs;
  if (!(keepMs > 0)) return report;
  const before = now - keepMs;
  const tables: [keyof PruneReport, { prune(before: number, limit: number): Promise<number> }][] = [
    ['events', rt.store.outbox],
    ['runs', rt.store.runs],
    ['effects', rt.store.effects],
  ];
  for (const [key, repo] of tables)
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await repo.prune(before, BATCH);
      report[key] += n;
      if (n < BATCH) break;
    }
  return report;
}
