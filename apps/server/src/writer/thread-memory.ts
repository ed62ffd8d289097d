import { getHeapStatistics } from 'node:v8';
import { resourceLimits, type Worker } from 'node:worker_threads';

/**
 * What one thread's JavaScript holds, in MiB: its V8 heap as resident in memory (`heap`, of which
 * `heapUsed` is live objects), V8's own allocations beside the heap (`v8Malloc`: compiler zones
 * and the like) and the memory of its Buffers and ArrayBuffers (`external`). Each thread has
 * its own V8 isolate, so these add up; the rest of the process's resident memory (node's code,
 * native libraries, SQLite's page caches, thread stacks) Linux does not split per thread.
 */
export type ThreadMemory = {
  heapMiB: number;
  heapUsedMiB: number;
  v8MallocMiB: number;
  externalMiB: number;
  /** A worker's young-generation limit (setup/young-generation.ts); the main thread has none. */
  youngGenerationMiB?: number;
  /** The threads this one started and runs now, each with its own memory (the writer's imports). */
  started?: ThreadMemory[];
};

/** The message a thread answers with its own memory (`{ memory: ThreadMemory }`). */
export const MEMORY_REQUEST = 'memory';

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** This thread's memory (the fields of process.memoryUsage() other than rss are per isolate). */
export function ownMemory(): ThreadMemory {
  const heap = getHeapStatistics();
  return {
    heapMiB: mib(heap.total_physical_size),
    heapUsedMiB: mib(heap.used_heap_size),
    v8MallocMiB: mib(heap.malloced_memory),
    externalMiB: mib(process.memoryUsage().external),
    ...(resourceLimits.maxYoungGenerationSizeMb
      ? { youngGenerationMiB: resourceLimits.maxYoungGenerationSizeMb }
      : {}),
  };
}

/** How long a thread may take to answer before it counts as not running. */
const ANSWER_MS = 2000;

/**
 * Asks a worker thread for its memory; null when it is not running or does not answer in time
 * (a thread busy for two seconds in one synchronous step is itself worth seeing as a gap).
 */
export function askMemory(worker: Worker | null): Promise<ThreadMemory | null> {
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (memory: ThreadMemory | null) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(memory);
    };
    const onMessage = (m: { memory?: ThreadMemory }) => {
      if (m?.memory) done(m.memory);
    };
    const onExit = () => done(null);
    const timer = setTimeout(() => done(null), ANSWER_MS);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    try {
      worker.postMessage(MEMORY_REQUEST);
    } catch {
      done(null);
    }
  });
}
