// Worker threads inherit neither `--import tsx` nor hooks registered at run time: when running
// from source, register the source condition and tsx here, then load the thread's code
// (`workerData.threadEntry`, a file URL of a .ts module).
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition-hook.mjs', import.meta.url);
registerTsx();
await import(workerData.threadEntry);
