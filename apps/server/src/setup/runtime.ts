import { createAutomations } from '@trellis/engine';
import type { AutomationsApi, Clock, Engine } from '@trellis/engine';
import { hostname } from 'node:os';
import { openStore, sqliteMigrationsCurrent, type SettledRead, type Store } from '@trellis/store';
import { createApp } from '../app';
import type { ServerOptions } from '../context';
import { prepareAndForward } from '../intake/submit-remote';
import { localCountRead, withCountThread } from '../counts/count-engine';
import { startCountThread, type CountThread } from '../counts/start-counts';
import { remoteAutomations, remoteEngine, remoteStore } from '../writer/remote';
import { startCheckpoints } from '../writer/start-checkpoints';
import { startWriter, type WriterThread } from '../writer/start-writer';
import { checkpointsAfter } from './thread-order';
import { ownMemory, type ThreadMemory } from '../writer/thread-memory';
import type { DataPaths } from './data-dir';
import { holdDataDir, onPostgres, readSecretKey, secureDataDir } from './data-dir';
import { envSecrets } from './outbound';
import { wireEngine } from './wire-engine';
import type { ApplyResult } from '../templates/install';
import type { ChangeUserResult } from '../auth/change-user';
import type { AppSpec } from '@trellis/spec';
import type { PublishResult } from '@trellis/store';

export type TrellisRuntime = {
  store: Store;
  engine: Engine;
  automations: AutomationsApi;
  app: ReturnType<typeof createApp>;
  paths: DataPaths;
  close(): Promise<void>;
};

/** What both ways of running share: the app over an engine, a store and automations. */
function appOf(
  paths: DataPaths,
  parts: Pick<
    ServerOptions,
    | 'engine'
    | 'store'
    | 'automations'
    | 'submitIntake'
    | 'runImport'
    | 'applyTemplate'
    | 'changeUser'
    | 'publishSpec'
  >,
  server: Partial<ServerOptions> | undefined,
) {
  const secretKey = readSecretKey(paths);
  return createApp({
    ...parts,
    ...(secretKey ? { secretKey } : {}),
    staticDir: paths.web,
    filesDir: paths.files,
    ...(process.env.TRELLIS_OUTBOUND_ALLOW
      ? { outboundAllow: process.env.TRELLIS_OUTBOUND_ALLOW }
      : {}),
    ...server,
  });
}

/**
 * Opens a data directory in this thread and wires everything: the store (its one write
 * connection), the engine (its role model follows the live spec), the automations and the HTTP
 * app. For CLI commands and tests; `trellis start` uses `openServingRuntime`. Holds the
 * directory (shared) until `close()`, so a restore cannot replace it meanwhile; throws
 * DataDirBusyError during a restore.
 */
export async function openRuntime(
  paths: DataPaths,
  opts: { clock?: Clock; server?: Partial<ServerOptions>; workerId?: string } = {},
): Promise<TrellisRuntime> {
  const lock = holdDataDir(paths, 'shared');
  let store: Store;
  try {
    secureDataDir(paths);
    store = await openStore({ url: paths.db });
  } catch (error) {
    lock.release();
    throw error;
  }
  const engine = wireEngine(store, opts.clock ? { clock: opts.clock } : {});
  // Dry runs here check secrets like the writer that sends (same environment).
  const automations = createAutomations(engine, {
    secrets: envSecrets(process.env),
    options: { batchSize: 16, ...(opts.workerId ? { workerId: opts.workerId } : {}) },
  });
  // A data directory from an older Trellis gains the tables this version keeps next to each entity's.
  const live = await store.specs.live();
  if (live) await store.migrations.syncEntityTables(live.spec);
  const app = appOf(paths, { engine, store, automations }, opts.server);
  return {
    store,
    engine,
    automations,
    app,
    paths,
    close: async () => {
      try {
        await store.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * The memory of a serving process, in MiB: resident in all (`rssMiB`, what the system counts),
 * what each running thread's JavaScript holds (ThreadMemory), and the rest, which Linux does not
 * split per thread (`sharedMiB`: node's code, native libraries, SQLite's page caches, stacks).
 */
type ServingMemory = {
  rssMiB: number;
  threads: ({ thread: 'http' | 'writer' | 'checkpoint' | 'counts' | 'import' } & ThreadMemory)[];
  sharedMiB: number;
};

export type ServingRuntime = TrellisRuntime & {
  writer: WriterThread;
  /** The thread that runs counts and dashboards (SQLite; null on PostgreSQL). */
  counts: CountThread | null;
  /** What each thread holds now (a thread not running is left out). */
  memory(): Promise<ServingMemory>;
};

/**
 * `trellis start` (DESIGN.md §4, one writer): this thread answers HTTP with a read-only
 * connection and forwards every write to the writer thread, which owns the only write
 * connection and runs the automations beside the forwarded writes; a third thread
 * checkpoints the write-ahead log and a fourth runs the reads that count over many records
 * (counts, dashboards: counts/count-thread.ts) on a read-only connection of its own (both
 * SQLite only). `onCommitted`: the writer committed work of its own. The same on PostgreSQL
 * (`paths.db` a `postgres://` URL), where several such processes may share one database: each
 * writer names itself by host and pid, the read-only connections are a pool, and commits of
 * other processes reach `onCommitted` through LISTEN/NOTIFY. Holds the data directory (shared)
 * until `close()`; throws DataDirBusyError during a restore.
 */
export async function openServingRuntime(
  paths: DataPaths,
  opts: {
    server?: Partial<ServerOptions>;
    tickMs?: number;
    /** The writer thread's young generation in MiB (young-generation.ts; unset: V8's default). */
    writerYoungGenerationMb?: number | undefined;
    log?: (entry: Record<string, unknown>) => void;
    onCommitted?: () => void;
    /**
     * Answer reads before the writer thread runs, when the SQLite database needs no migration:
     * the writer thread starts once this settles (`trellis start`: after listening; loading it
     * took CPU from the first answer), then the count thread, then the checkpoint thread
     * (thread-order.ts). Writes made meanwhile wait in the
     * writer's queue (15 s at most). Unset: the threads start now and this waits for the writer
     * (a caller that writes at once, like tests on a busy machine).
     */
    readsBeforeWriter?: Promise<unknown>;
  } = {},
): Promise<ServingRuntime> {
  const lock = holdDataDir(paths, 'shared');
  try {
    secureDataDir(paths);
  } catch (error) {
    lock.release();
    throw error;
  }
  // The writer applies pending system migrations before this thread opens read-only.
  const early =
    opts.readsBeforeWriter && !onPostgres(paths) && sqliteMigrationsCurrent(paths.db)
      ? opts.readsBeforeWriter
      : undefined;
  const writer = startWriter(paths.db, {
    ...(onPostgres(paths) ? { workerId: `${hostname()}:${process.pid}` } : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
    ...(opts.writerYoungGenerationMb ? { youngGenerationMb: opts.writerYoungGenerationMb } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    ...(early ? { after: early } : {}),
    onCommitted: () => opts.onCommitted?.(),
  });
  if (!early) await writer.ready;
  // Its report reads have the writer settle the records written since (store: report-settle.ts).
  const settleReports = (read: SettledRead | null) =>
    writer.port({ target: 'store', method: 'maintenance.settleReports', args: [read] });
  const reader = await openStore({ url: paths.db, readOnly: true, settleReports });
  const local = wireEngine(reader);
  // On PostgreSQL a count waits on the database without holding this thread: no count thread.
  const counts = onPostgres(paths)
    ? null
    : startCountThread(paths.db, {
        local: localCountRead(local),
        epoch: () => reader.specs.epoch(),
        settleReports,
        after: writer.ready,
        ...(opts.log ? { log: opts.log } : {}),
      });
  // PostgreSQL keeps its own write-ahead log; SQLite's is checkpointed beside the writer, by a
  // thread that starts last (thread-order.ts).
  const checkpoints = onPostgres(paths)
    ? null
    : startCheckpoints(paths.db, opts.log, checkpointsAfter(writer.ready, counts?.ready));
  const remote = remoteEngine(local, writer.port);
  const engine = counts ? withCountThread(remote, counts.run) : remote;
  const store = remoteStore(reader, writer.port);
  const automations = remoteAutomations(
    createAutomations(local, { secrets: envSecrets(process.env) }),
    writer.port,
  );
  const app = appOf(
    paths,
    {
      engine,
      store,
      automations,
      submitIntake: (input) => prepareAndForward(local, writer.port, input),
      runImport: async (id) => {
        await writer.port({ target: 'server', method: 'import.start', args: [id] });
      },
      // A template publishes in the writer's transaction; this thread then reads the new spec.
      applyTemplate: async (template, options) => {
        const result = await writer.port({
          target: 'server',
          method: 'template.apply',
          args: [template, options],
        });
        reader.specs.markChanged();
        return result as ApplyResult;
      },
      // The rule and the write in one transaction of the writer.
      changeUser: async (id, change, now) =>
        (await writer.port({
          target: 'server',
          method: 'user.change',
          args: [id, change, now],
        })) as ChangeUserResult,
      // The rule and the publish in one transaction of the writer; this thread then reads it.
      publishSpec: async (request) => {
        const result = await writer.port({
          target: 'server',
          method: 'spec.publish',
          args: [request],
        });
        reader.specs.markChanged();
        return result as PublishResult<AppSpec>;
      },
    },
    opts.server,
  );
  return {
    store,
    engine,
    automations,
    app,
    paths,
    writer,
    counts,
    memory: async () => {
      const [writing, checkpointing, counting] = await Promise.all([
        writer.memory(),
        checkpoints?.memory() ?? null,
        counts?.memory() ?? null,
      ]);
      const threads: ServingMemory['threads'] = [{ thread: 'http', ...ownMemory() }];
      if (writing) {
        const { started, ...own } = writing;
        threads.push({ thread: 'writer', ...own });
        for (const t of started ?? []) threads.push({ thread: 'import', ...t });
      }
      if (checkpointing) threads.push({ thread: 'checkpoint', ...checkpointing });
      if (counting) threads.push({ thread: 'counts', ...counting });
      const rssMiB = Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
      const held = threads.reduce((sum, t) => sum + t.heapMiB + t.v8MallocMiB + t.externalMiB, 0);
      return { rssMiB, threads, sharedMiB: Math.round((rssMiB - held) * 10) / 10 };
    },
    close: async () => {
      try {
        await writer.stop();
        await checkpoints?.stop();
        await counts?.stop();
        await reader.close();
      } finally {
        lock.release();
      }
    },
  };
}
