import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread running `entry` (the URL of a thread module's .ts source). From
 * source (tsx) the thread needs a bootstrap that registers tsx first; a build runs the .js
 * next to this file. `resourceLimits`: the thread's V8 heap sizes (young-generation.ts).
 */
export function spawnThread(
  entry: URL,
  workerData: Record<string, unknown>,
  resourceLimits?: ResourceLimits,
): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./thread-boot.mjs', import.meta.url), {
      workerData: { ...workerData, threadEntry: entry.href },
      ...limits,
    });
  }
  return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData, ...limits });
}
