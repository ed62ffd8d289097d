// Worker threads inherit neither `--import tsx` nor the source condition of the bench: register
// both, then load the thread's TypeScript (`workerData.threadEntry`).
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

const hook = `export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@trellis/source') ? context.conditions : ['@trellis/source', ...context.conditions];
  return next(specifier, { ...context, conditions });
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
registerTsx();
await import(workerData.threadEntry);
