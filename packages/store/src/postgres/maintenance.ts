import type { Maintenance } from '../api/maintenance';
import { pgExec, type Queryable } from './exec';
import { pgHits } from './hits';
import { pgTryLock } from './locks';

/**
 * Upkeep of a PostgreSQL database: the server checkpoints by itself, and backups are the
 * server's own tools (pg_dump, base backups); `integrity` checks that the system tables answer;
 * locks are advisory locks; rate-limit counters are rows every process shares.
 */
export function pgMaintenance(
  on: () => Queryable,
  url: string,
  statements: () => number,
): Maintenance {
  return {
    statements,
    // The trigger functions keep the report rows in every write: nothing waits.
    settleReports: async () => null,
    tryLock: (name) => pgTryLock(url, name),
    hits: pgHits(on),
    checkpoint: async () => ({ frames: 0, copied: 0, busy: false }),
    async backupTo() {
      throw new Error(
        'PostgreSQL databases are backed up with pg_dump (or base backups), not trellis backup',
      );
    },
    async integrity() {
      try {
        await pgExec(on).get('SELECT count(*) AS n FROM spec_versions');
        return null;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  };
}
