// Entry of the thread that reads and prepares an import's rows (decode, parse, map, normalize,
// validate) while the writer thread writes the batches before them: see the engine's
// `serveImportThread`. Spawned per job by runImport; built next to main.js as import-thread.js.
// It answers memory requests like the server's other threads (`kill -USR2`, tests).
import { parentPort } from 'node:worker_threads';
import { serveImportThread } from '@trellis/engine';
import { MEMORY_REQUEST, ownMemory } from '../writer/thread-memory';
import { nameThread } from '../setup/thread-name';

nameThread('import');

parentPort?.on('message', (m: unknown) => {
  if (m === MEMORY_REQUEST) parentPort?.postMessage({ memory: ownMemory() });
});
await serveImportThread();
