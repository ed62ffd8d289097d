// The synchronous SQLite layer under the SQLite adapter, for this package's own tests and
// benches only: it is not in the public entry (index.ts), so nothing outside packages/store
// sees a driver handle (DESIGN.md §4).
export { openDatabase } from './db/open-database';
export type { StoreDb } from './db/open-database';
export {
  checkpointWal,
  handOffCheckpoints,
  restartWal,
  CHECKPOINT_SAFETY_FRAMES,
} from './db/checkpoints';
export { createRecordStore } from './sqlite/sqlite-record-store';
export type { RecordStore } from './sqlite/record-core';
export { syncEntityTables } from './sqlite/sync-entity-tables';
export { applyMigration } from './migration/apply-migration';
export { specVersions } from './spec-versions/spec-versions';
