// Worker threads inherit neither `--import tsx` nor hooks registered at run time: when running
// from source, register the source condition and tsx here before loading the thread's code.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition-hook.mjs', import.meta.url);
registerTsx();
await import('./automation-thread.ts');
