import type { Maintenance, StoreLock } from '../api/maintenance';
import { checkpointWal, restartWal, RESTART_WAL_AFTER_FRAMES } from '../db/checkpoints';
import type { StoreDb } from '../db/open-database';
import { memoryHits } from './memory-hits';

/** Locks held in this thread, per database file (one server process per SQLite file). */
const held = new Map<string, Set<string>>();

function localLock(file: string, name: string): StoreLock | null {
  let names = held.get(file);
  if (!names) held.set(file, (names = new Set()));
  if (names.has(name)) return null;
  names.add(name);
  let mine = true;
  return {
    held: () => mine,
    async release() {
      if (mine) names.delete(name);
      mine = false;
    },
  };
}

/** Checkpoints, online backup and integrity check of a SQLite database. */
export function sqliteMaintenance(db: () => StoreDb): Omit<Maintenance, 'settleReports'> {
  return {
    tryLock: async (name) => localLock(db().sqlite.name, name),
    hits: memoryHits(() => db().sqlite.name),
    statements: () => 0,
    async checkpoint(opts = {}) {
      const passive = checkpointWal(db());
      if (passive.frames < (opts.restartAfterFrames ?? RESTART_WAL_AFTER_FRAMES)) return passive;
      return restartWal(db(), opts.waitMs ?? 10);
    },
    async backupTo(file) {
      return (await db().sqlite.backup(file)).totalPages;
    },
    async integrity() {
      try {
        const ok = db().sqlite.pragma('integrity_check', { simple: true });
        if (ok !== 'ok') return String(ok);
        db().sqlite.prepare('SELECT count(*) FROM spec_versions').get();
        return null;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  };
}
