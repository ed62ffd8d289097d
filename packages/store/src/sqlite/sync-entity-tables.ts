import type { StoreDb } from '../db/open-database';
import { entityTable } from '../entity/entity-table';
import type { AppShape } from '../spec-shape';
import { createEntityTable, ensureSearchTable, syncSystemIndexes } from './entity-ddl-exec';
import { tableExists } from './introspect';
import { ensureReportTriggers } from './report-triggers';
import { ensureTouchTriggers } from './touch-triggers';

/**
 * Creates the tables of entities that do not have one yet (tests and first boot), and next to
 * existing ones the search tables, system-column indexes and report triggers (with their
 * backfill) a database made by an older Trellis lacks or defines differently (the server runs it
 * at start). It never alters an existing table: changing a published spec goes through
 * planMigration/applyMigration. Returns the keys of the entities whose table it created.
 */
export function syncEntityTables(db: StoreDb, spec: AppShape): string[] {
  const created: string[] = [];
  db.transaction(() => {
    for (const e of spec.entities) {
      const info = entityTable(e, spec);
      if (tableExists(db, info.table)) {
        ensureSearchTable(db, info);
        syncSystemIndexes(db, info);
        ensureReportTriggers(db, info);
        ensureTouchTriggers(db, info);
        continue;
      }
      createEntityTable(db, info);
      created.push(e.key);
    }
  });
  return created;
}
