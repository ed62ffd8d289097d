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
  };
  const worker = spawnThread(new URL('./seed-thread.ts', import.meta.url), data);
  const inbox: SeedThreadMessage[] = [];
  // Set by the thread's events, read by the loop below.
  const state: { failure: Error | null; wake: () => void } = { failure: null, wake: () => {} };
  worker.on('message', (m: SeedThreadMessage) => {
    inbox.push(m);
    state.wake();
  });
  worker.on('error', (e) => {
    state.failure ??= e;
    state.wake();
  });
  worker.on('exit', (code) => {
    state.failure ??= new Error(`the seed thread stopped (exit code ${code})`);
    state.wake();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && state.failure === null)
        await new Promise<void>((resolve) => (state.wake = resolve));
      const m = inbox.shift();
      if (!m) throw state.failure ?? new Error('the seed thread stopped');
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
