// The import bench's checkpoint thread, as `trellis start` runs one (apps/server's
// checkpoint-thread.ts): the write-ahead log is copied back into the database file every 200 ms
// off the writing thread, which opens its store with `checkpoints: 'elsewhere'`.
import { parentPort, workerData } from 'node:worker_threads';
import { openCheckpointer } from '@trellis/store';

const { dbFile } = workerData as { dbFile: string };
const checkpointer = openCheckpointer(dbFile);
const timer = setInterval(() => {
  try {
    checkpointer.checkpoint({ waitMs: 10 });
  } catch (error) {
    if (!/BUSY|LOCKED/.test(String((error as { code?: string }).code))) throw error;
  }
}, 200);
parentPort?.on('message', () => {
  clearInterval(timer);
  checkpointer.close();
  parentPort?.postMessage('stopped');
});
