// Entry of the thread that reads and prepares an import's rows (decode, parse, map, normalize,
// validate) while the writer thread writes the batches before them: see the engine's
// `serveImportThread`. Spawned per job by runImport; built next to main.js as import-thread.js.
import { serveImportThread } from '@trellis/engine';

await serveImportThread();
