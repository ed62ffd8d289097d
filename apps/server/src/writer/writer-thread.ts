// Entry of the writer thread of `trellis start` (DESIGN.md §4, one writer): the only write
// connection, the engine's writes forwarded by the HTTP thread, intake, and the automation loop
// (drain, scheduler, deliveries) interleaved with them in the store's transaction queue.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '@trellis/store';
import { openWriter } from './open-writer';
import type { WriteCall, WriteReply } from './calls';
import { importThreadsMemory } from '../imports/run-job';
import { MEMORY_REQUEST, ownMemory } from './thread-memory';
import { envLockTimeout } from '../setup/env-lock-timeout';
import { nameThread } from '../setup/thread-name';
import { replyBatcher } from './reply-batch';

nameThread('writer');

const { dbFile, tickMs, workerId, gauge } = workerData as {
  dbFile: string;
  tickMs: number;
  workerId: string;
  gauge: Int32Array;
};

// PostgreSQL: a write waits this long for a row lock, then answers 503 (checked by `trellis start`).
const lockTimeout = envLockTimeout(process.env);
const store = await openStore({
  url: dbFile,
  checkpoints: 'elsewhere',
  ...(lockTimeout.ok ? { lockTimeoutMs: lockTimeout.lockTimeoutMs } : {}),
});
const writer = openWriter(store, {
  env: process.env,
  workerId,
  // Forwarded writes waiting (posted, not yet answered): the drain keeps its transactions short.
  contended: () => Atomics.load(gauge, 0) > 0 || store.waiting() > 0,
});
writer.automations.start({ tickMs });

// The answers of one turn go back in one message, before the next group is written.
const { reply, flush } = replyBatcher<WriteReply>((replies) =>
  parentPort?.postMessage({ replies }),
);

// Writes that did not come from the HTTP thread (the automation loop) are announced, so event
// streams deliver what they changed; at most every 50 ms.
let announce: NodeJS.Timeout | null = null;
store.onCommit(() => {
  announce ??= setTimeout(() => {
    announce = null;
    parentPort?.postMessage({ committed: true });
  }, 50);
});

let inFlight = 0;
let stopping = false;
const stopWhenIdle = async () => {
  if (!stopping || inFlight > 0) return;
  await writer.stop();
  flush();
  if (announce) clearTimeout(announce);
  await store.close();
  parentPort?.postMessage({ stopped: true });
};

type Message = 'stop' | typeof MEMORY_REQUEST | { calls: { id: number; call: WriteCall }[] };
parentPort?.on('message', (msg: Message) => {
  if (msg === MEMORY_REQUEST) {
    // With the import threads this one started (each answers for itself).
    void importThreadsMemory().then((started) =>
      parentPort?.postMessage({
        memory: { ...ownMemory(), ...(started.length > 0 ? { started } : {}) },
      }),
    );
    return;
  }
  if (msg === 'stop') {
    stopping = true;
    void stopWhenIdle();
    return;
  }
  // All the calls of a message start at once: each waits only for the store, so their
  // transactions queue in the same turn and share one commit (awaited one by one, each paid its own).
  for (const { id, call } of msg.calls) {
    inFlight++;
    void writer
      .execute(call)
      .then(
        (value) => reply({ id, ok: true, value }),
        (error: unknown) =>
          reply({
            id,
            ok: false,
            error: {
              message: error instanceof Error ? error.message : String(error),
              ...(typeof (error as { code?: unknown })?.code === 'string'
                ? { code: (error as { code: string }).code }
                : {}),
            },
          }),
      )
      .finally(() => {
        inFlight--;
        void stopWhenIdle();
      });
  }
});
parentPort?.postMessage({ ready: true });
