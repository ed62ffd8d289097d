import { threadMessages } from '@trellis/engine';
import { spawnThread } from '../setup/spawn-thread';
import { SeedBatch } from './batch';
import type { UnitCounts } from './prepare-unit';
import type { SeedPlan } from './seed-batches';
import type { SeedThreadData, SeedThreadMessage } from './seed-thread-protocol';

/**
 * seedBatches of a registered profile (by template name), made in a worker thread
 * (seed-thread.ts) while the caller writes: each batch taken asks the thread for one more, so
 * it stays a couple of batches ahead. The counts arrive with the last message.
 */
export async function* threadBatches(
  template: string,
  plan: SeedPlan,
  counts: UnitCounts,
): AsyncGenerator<SeedBatch, number> {
  const data: SeedThreadData = {
    template,
    spec: plan.spec,
    records: plan.records,
    seed: plan.seed,
    now: plan.now,
    batch: plan.batch,
    users: [...plan.users],
    live: plan.live,
  };
  const worker = spawnThread(new URL('./seed-thread.ts', import.meta.url), data);
  const messages = threadMessages<SeedThreadMessage>(worker, 'seed');
  try {
    for (;;) {
      const { value: m } = await messages.next();
      if (m.type === 'error') throw new Error(m.message);
      if (m.type === 'done') {
        Object.assign(counts, m.counts);
        return m.won;
      }
      worker.postMessage('more');
      yield SeedBatch.from(m.batch);
    }
  } finally {
    await worker.terminate();
  }
}
