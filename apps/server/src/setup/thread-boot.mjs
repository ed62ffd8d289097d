// Worker threads inherit neither `--import tsx` nor hooks registered at run time: when running
// from source, register the source condition and tsx here, then load the thread's code
// (`workerData.threadEntry`, a file URL of a .ts module). The server's tests bundle each thread
// once per run (test/thread-bundles.ts: booting tsx in a thread cost ~3.5 s of CPU) and name the
// bundles in TRELLIS_THREAD_BUNDLES; a thread they bundled loads its bundle instead.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

/** The bundle of this thread's entry that the tests made, if any. */
function bundled() {
  const dir = process.env.TRELLIS_THREAD_BUNDLES;
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))[workerData.threadEntry];
  } catch {
    return undefined; // removed at the run's end: boot from source
  }
}

const bundle = bundled();
if (bundle) {
  await import(bundle);
} else {
  register('./source-condition-hook.mjs', import.meta.url);
  registerTsx();
  await import(workerData.threadEntry);
}
