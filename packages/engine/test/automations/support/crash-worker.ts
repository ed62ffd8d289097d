/**
 * Child process of the crash test: opens the database file, builds the engine and automations
 * and drains the outbox one drain transaction (batchSize 5) at a time with a short pause, so the
 * parent can SIGKILL it mid-drain.
 * Usage: node --conditions=@trellis/source --import tsx crash-worker.ts <db> <worker> <pauseMs>
 * (crash.test.ts runs it bundled: @trellis/tooling/thread-bundle)
 */
import { openStore } from '@trellis/store';
import { createAutomations } from '../../../src/automations';
import { createEngine, createManualClock, uuidv7Ids } from '../../../src/index';
import { educationSpec } from './education';
import { START } from './harness';

const [file, worker, pauseMs] = process.argv.slice(2);
const store = await openStore({ url: file as string });
const engine = createEngine({
  store,
  spec: educationSpec(),
  clock: createManualClock(START),
  ids: uuidv7Ids,
  locale: 'en',
});
const automations = createAutomations(engine, {
  options: { workerId: worker as string, batchSize: 5 },
});
let total = 0;
for (;;) {
  // One drain transaction per step (as the background loop does): several events per commit.
  const r = await automations.drain({ transactions: 1 });
  if (r.events === 0 && r.failedEvents === 0) break;
  total += r.events;
  if (Number(pauseMs) > 0) await new Promise((res) => setTimeout(res, Number(pauseMs)));
}
process.stdout.write(JSON.stringify({ done: total }) + '\n');
await store.close();
