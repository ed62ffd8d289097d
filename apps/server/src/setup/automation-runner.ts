import type { Worker } from 'node:worker_threads';
import { handOffCheckpoints } from '@trellis/store';
import type { StoreDb } from '@trellis/store';
import { spawnThread } from './spawn-thread';

/** The automation worker running in its own thread (see automation-thread.ts). */
export type AutomationRunner = { pending(): number; stop(): Promise<void> };

/**
 * Starts the outbox worker and scheduler in a worker thread with its own SQLite connection
 * (WAL lets it write beside the HTTP thread). `stop()` lets the current step finish first.
 * `onDrain` is called when the worker has processed events (feed it to the event streams).
 * The thread also checkpoints the WAL; pass the HTTP thread's connection as `checkpointsOf` so
 * that connection stops checkpointing inside its own commits (which stalled requests) while the
 * thread runs. `intakeQueue` (the intake writer's `queue`): while submissions wait for the
 * write lock, the thread's drain transactions last `contendedBatchMs` (1 ms) instead of 5.
 */
export function startAutomationThread(
  dbFile: string,
  opts: {
    tickMs?: number;
    workerId?: string;
    log?: (entry: Record<string, unknown>) => void;
    onDrain?: () => void;
    checkpointsOf?: StoreDb;
    intakeQueue?: Int32Array;
  } = {},
): AutomationRunner {
  const log = opts.log ?? ((e) => console.error(JSON.stringify(e)));
  let pending = -1;
  let stopping = false;
  let alive = false;
  let worker: Worker;
  const spawn = () => {
    // stop() may have come while a crashed thread waited to be restarted.
    if (stopping) return;
    alive = true;
    worker = spawnThread(new URL('./automation-thread.ts', import.meta.url), {
      dbFile,
      tickMs: opts.tickMs ?? 15_000,
      workerId: opts.workerId ?? 'worker-1',
      ...(opts.intakeQueue ? { intakeQueue: opts.intakeQueue } : {}),
    });
    let written = -1;
    worker.on('message', (m: { pending?: number; written?: number }) => {
      if (typeof m.pending === 'number') pending = m.pending;
      // The worker's connection changed rows since its last report: it committed work
      // (records, tasks, notifications) that event streams should deliver now.
      if (typeof m.written === 'number') {
        if (written >= 0 && m.written > written) opts.onDrain?.();
        written = m.written;
      }
    });
    // A crashed worker is logged and restarted: automations must never stop silently.
    worker.on('error', (err) =>
      log({
        level: 'error',
        msg: 'automation worker crashed',
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
    );
    worker.on('exit', () => {
      alive = false;
      if (!stopping) setTimeout(spawn, 1000).unref();
    });
  };
  spawn();
  const mainAutocheckpoint = opts.checkpointsOf
    ? Number(opts.checkpointsOf.sqlite.pragma('wal_autocheckpoint', { simple: true }))
    : 0;
  if (opts.checkpointsOf) handOffCheckpoints(opts.checkpointsOf);
  const takeBackCheckpoints = () => {
    if (opts.checkpointsOf?.sqlite.open)
      opts.checkpointsOf.sqlite.pragma(`wal_autocheckpoint = ${mainAutocheckpoint}`);
  };
  return {
    pending: () => pending,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        takeBackCheckpoints();
        // A crashed thread waiting to be restarted has nothing to finish.
        if (!alive) return resolve();
        worker.on('message', (m: { stopped?: boolean }) => {
          if (m.stopped) void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
