// Entry of the checkpoint thread of `trellis start`: copies the write-ahead log back into the
// database file off the writer's thread (a checkpoint copies and syncs pages: tens of
// milliseconds the writer must not wait), and starts the log over once it has grown.
import { parentPort, workerData } from 'node:worker_threads';
import { openCheckpointer } from '@trellis/store';
import { MEMORY_REQUEST, ownMemory } from './thread-memory';
import { nameThread } from '../setup/thread-name';

nameThread('checkpt');

const EVERY_MS = 200;
/** How long a restart of the log may wait for readers (it holds the write lock meanwhile). */
const RESTART_WAIT_MS = 10;

const { dbFile } = workerData as { dbFile: string };
const checkpointer = openCheckpointer(dbFile);
const timer = setInterval(() => {
  try {
    checkpointer.checkpoint({ waitMs: RESTART_WAIT_MS });
  } catch (error) {
    // SQLITE_BUSY/LOCKED: another checkpoint is running; the next tick tries again.
    if (!/BUSY|LOCKED/.test(String((error as { code?: string }).code))) throw error;
  }
}, EVERY_MS);
parentPort?.on('message', (msg) => {
  if (msg === MEMORY_REQUEST) parentPort?.postMessage({ memory: ownMemory() });
  if (msg !== 'stop') return;
  clearInterval(timer);
  checkpointer.close();
  parentPort?.postMessage({ stopped: true });
});
