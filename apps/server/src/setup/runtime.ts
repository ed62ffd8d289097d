import { createAutomations, createEngine } from '@trellis/engine';
import type { AutomationsApi, Clock, Engine } from '@trellis/engine';
import { openDatabase, specVersions, syncEntityTables } from '@trellis/store';
import type { StoreDb } from '@trellis/store';
import { createApp } from '../app';
import type { ServerOptions } from '../context';
import type { DataPaths } from './data-dir';
import { holdDataDir, readSecretKey, secureDataDir } from './data-dir';
import { envSecrets } from './outbound';

export type TrellisRuntime = {
  db: StoreDb;
  engine: Engine;
  automations: AutomationsApi;
  app: ReturnType<typeof createApp>;
  paths: DataPaths;
  close(): void;
};

/**
 * Opens a data directory and wires everything: the database, the engine (its role model follows
 * the live spec), the automation runtime and the HTTP app. Holds the directory (shared) until
 * `close()`, so a restore cannot replace it meanwhile; throws DataDirBusyError during a restore.
 */
export function openRuntime(
  paths: DataPaths,
  opts: { clock?: Clock; server?: Partial<ServerOptions>; workerId?: string } = {},
): TrellisRuntime {
  const lock = holdDataDir(paths, 'shared');
  let db: StoreDb;
  try {
    secureDataDir(paths);
    db = openDatabase(paths.db);
  } catch (error) {
    lock.release();
    throw error;
  }
  const engine = createEngine({
    db,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // Small batches: the worker shares the event loop with HTTP, so one drain step must stay short.
  // Dry runs here check secrets like the automation thread that sends (same environment).
  const automations = createAutomations(engine, {
    secrets: envSecrets(process.env),
    options: { batchSize: 16, ...(opts.workerId ? { workerId: opts.workerId } : {}) },
  });
  const secretKey = readSecretKey(paths);
  const app = createApp({
    engine,
    db,
    automations,
    ...(secretKey ? { secretKey } : {}),
    staticDir: paths.web,
    filesDir: paths.files,
    ...(process.env.TRELLIS_OUTBOUND_ALLOW
      ? { outboundAllow: process.env.TRELLIS_OUTBOUND_ALLOW }
      : {}),
    ...opts.server,
  });
  // A data directory from an older Trellis gains the tables this version keeps next to each entity's.
  const live = specVersions(db).live();
  if (live) syncEntityTables(db, live.spec);
  return {
    db,
    engine,
    automations,
    app,
    paths,
    close: () => {
      db.close();
      lock.release();
    },
  };
}
