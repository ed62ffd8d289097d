/**
 * Child process of the crash test: opens the database file, builds the engine and automations
 * and drains the outbox one write transaction (batchSize 5) at a time with a short pause, so the parent can SIGKILL it
 * mid-drain. Usage: node --conditions=@trellis/source --import tsx crash-worker.ts <db> <worker>
 */
import { openDatabase } from '@trellis/store';
import { createAutomations } from '../../../src/automations';
import { createEngine, createManualClock, uuidv7Ids } from '../../../src/index';
import { educationSpec } from './education';
import { START } from './harness';

const [file, worker, pauseMs] = process.argv.slice(2);
const db = openDatabase(file as string);
const engine = createEngine({
  db,
  spec: educationSpec(),
  clock: createManualClock(START),
  ids: uuidv7Ids,
  locale: 'en',
});
const automations = createAutomations(engine, {
  options: { workerId: worker as string, batchSize: 5 },
});
const pause = new Int32Array(new SharedArrayBuffer(4));
let total = 0;
for (;;) {
  // One write transaction per step (as the background loop does): several events per commit.
  const r = automations.drain({ transactions: 1 });
  if (r.events === 0 && r.failedEvents === 0) break;
  total += r.events;
  if (Number(pauseMs) > 0) Atomics.wait(pause, 0, 0, Number(pauseMs));
}
process.stdout.write(JSON.stringify({ done: total }) + '\n');
db.close();
