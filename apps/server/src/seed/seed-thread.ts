// Entry of the thread that prepares `trellis seed`'s batches (profile + record rules) while the
// calling thread writes the ones before: the rules cost about as much as the writes, so a seed
// of 100,000 units takes the longer of the two instead of their sum. The thread makes the same
// batches as the calling thread would (seedBatches over the same plan), in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { AppSpec } from '@trellis/spec';
import { emptyUnitCounts } from './prepare-unit';
import { seedProfiles } from './profiles/index';
import { seedBatches } from './seed-batches';
import type { SeedThreadData, SeedThreadMessage } from './seed-thread-protocol';

const data = workerData as SeedThreadData;
const port = parentPort!;
// Batches posted and not yet taken: at most AHEAD, so a long seed does not pile up in memory.
const AHEAD = 2;
const flow = { credit: AHEAD, wake: () => {} };
port.on('message', (msg) => {
  // Other messages (a runtime's 'memory' question) are not for this thread.
  if (msg !== 'more') return;
  flow.credit += 1;
  flow.wake();
});
const post = (m: SeedThreadMessage) => port.postMessage(m);

try {
  const counts = emptyUnitCounts();
  const batches = seedBatches(
    seedProfiles[data.template]!,
    { ...data, spec: data.spec as AppSpec, users: new Map(data.users) },
    counts,
  );
  for (let next = batches.next(); ; next = batches.next()) {
    if (next.done) {
      post({ type: 'done', counts, won: next.value });
      break;
    }
    while (flow.credit === 0) await new Promise<void>((resolve) => (flow.wake = resolve));
    flow.credit -= 1;
    post({ type: 'batch', batch: next.value.toMessage() });
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
// The calling thread ends this one once it has the last message.
