import { spawnThread } from '../setup/spawn-thread';
import { askMemory, type ThreadMemory } from './thread-memory';

/**
 * Starts the checkpoint thread (checkpoint-thread.ts) for a SQLite data directory; the writer
 * opens its store with `checkpoints: 'elsewhere'`. A crashed thread is restarted after a second;
 * one stopped before it started never starts.
 */
export function startCheckpoints(
  dbFile: string,
  log: (entry: Record<string, unknown>) => void = (e) => console.error(JSON.stringify(e)),
  /** The thread starts once this settles (`trellis start`: after listening). */
  after?: Promise<unknown>,
): { memory(): Promise<ThreadMemory | null>; stop(): Promise<void> } {
  let stopping = false;
  let worker: ReturnType<typeof spawnThread> | null = null;
  const spawn = () => {
    if (stopping) return;
    const w = spawnThread(new URL('./checkpoint-thread.ts', import.meta.url), { dbFile });
    worker = w;
    w.on('error', (err) =>
      log({ level: 'error', msg: 'checkpoint thread crashed', error: String(err) }),
    );
    w.on('exit', () => {
      worker = null;
      if (!stopping) setTimeout(spawn, 1000).unref();
    });
  };
  if (after) void after.then(spawn, spawn);
  else spawn();
  return {
    memory: () => askMemory(worker),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const w = worker;
        if (!w) return resolve();
        w.once('exit', () => resolve());
        w.on('message', (m: { stopped?: boolean }) => {
          if (m.stopped) void w.terminate();
        });
        w.postMessage('stop');
      }),
  };
}
