import { entityTable } from '../../entity/entity-table';
import type { AppShape } from '../../spec-shape';
import type { SqlExec } from '../../sql/exec';
import { DDL_LOCK } from './apply';
import { createEntityTable, ensureSearchTable, syncSystemIndexes } from './entity-ddl';
import { WAIT_FOR_LOCKS } from '../locks';
import { ensurePgReportTriggers } from '../report-triggers';
import { ensurePgTouchTriggers } from '../touch-triggers';
import { tableExists } from './introspect';

/**
 * Creates the tables of entities that have none and the search tables and report triggers (with
 * their backfill) missing beside existing ones, and rebuilds an existing table's system-column
 * indexes whose definition changed; never alters an existing table's columns (publishing does
 * that). `x` must be in a transaction.
 */
export async function syncPgEntityTables(x: SqlExec, spec: AppShape): Promise<string[]> {
  await x.run(WAIT_FOR_LOCKS);
  await x.run('SELECT pg_advisory_xact_lock(?)', [DDL_LOCK]);
  const created: string[] = [];
  for (const entity of spec.entities) {
    // With the spec: the data health index its widgets ask for (health-columns.ts).
    const info = entityTable(entity, spec);
    if (await tableExists(x, info.table)) {
      await ensureSearchTable(x, info);
      await syncSystemIndexes(x, info);
      await ensurePgReportTriggers(x, info);
      await ensurePgTouchTriggers(x, info);
      continue;
    }
    await createEntityTable(x, info);
    created.push(entity.key);
  }
  return created;
}
