import type { StoreDb } from '../db/open-database';
import { entityTable } from '../entity/entity-table';
import type { EntityTableInfo } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreLocale, StoreResult } from '../messages';
import type { RecordStore } from './record-core';
import type { AppShape } from '../spec-shape';
import { createCtx } from './context';
import { writeHistory, writeOutbox, writeTransition } from './journal-writers';
import { findByIdentity, getRecord, listRecords, searchRecords } from './record-reads';
import { groupRecords } from './record-groups';
import { createRecordWithRows } from './record-create';
import { insertRecord, setDeleted, updateRecord } from './record-writes';
import { hasPendingSearch, indexPendingSearch } from './search-index';

export type RecordStoreOptions = { locale?: StoreLocale };

/**
 * The SQLite RecordStore for one spec version. The entity tables must exist (publish the spec,
 * or call `syncEntityTables` in tests). Create a new store when the live spec changes.
 */
export function createRecordStore(
  db: StoreDb,
  spec: AppShape,
  options: RecordStoreOptions = {},
): RecordStore {
  const tables = new Map<string, EntityTableInfo>(
    spec.entities.map((e) => [e.key, entityTable(e)]),
  );
  const ctx = createCtx(db, tables, options.locale ?? 'zh-CN');
  const withTable = <T>(
    entity: string,
    fn: (info: EntityTableInfo) => StoreResult<T>,
  ): StoreResult<T> => {
    const info = tables.get(entity);
    return info ? fn(info) : fail('unknown_entity', '', { entity }, ctx.locale);
  };
  return {
    spec,
    connection: () => db.sqlite,
    table: (entity) => tables.get(entity),
    transaction: (fn) => db.transaction(fn),
    insert: (entity, record, opts) =>
      withTable(entity, (info) => insertRecord(ctx, info, record, opts)),
    create: (entity, record, rows, opts) =>
      withTable(entity, (info) => createRecordWithRows(ctx, info, record, rows, opts)),
    update: (entity, id, patch, expectedVersion, opts) =>
      withTable(entity, (info) => updateRecord(ctx, info, id, patch, expectedVersion, opts)),
    get: (entity, id, opts) => {
      const info = tables.get(entity);
      return info ? getRecord(ctx, info, id, opts?.includeDeleted ?? false) : null;
    },
    list: (entity, query = {}) => withTable(entity, (info) => listRecords(ctx, info, query)),
    group: (entity, query) => withTable(entity, (info) => groupRecords(ctx, info, query)),
    findByIdentity: (entity, values, opts) => {
      const info = tables.get(entity);
      return info ? findByIdentity(ctx, info, values, opts?.excludeId) : [];
    },
    search: (entity, query, opts = {}) =>
      withTable(entity, (info) => searchRecords(ctx, info, query, opts)),
    indexSearch: (limit) => {
      let moved = 0;
      for (const info of tables.values()) moved += indexPendingSearch(ctx, info, limit - moved);
      return moved;
    },
    searchBacklog: () => [...tables.values()].some((info) => hasPendingSearch(ctx, info)),
    softDelete: (entity, id, opts = {}) =>
      withTable(entity, (info) => setDeleted(ctx, info, id, true, opts)),
    restore: (entity, id, opts = {}) =>
      withTable(entity, (info) => setDeleted(ctx, info, id, false, opts)),
    listDeleted: (entity, query = {}) =>
      withTable(entity, (info) => listRecords(ctx, info, { ...query, deleted: 'only' })),
    writeHistory: (rows) => writeHistory(ctx, rows),
    writeTransition: (row) => writeTransition(ctx, row),
    writeOutbox: (row) => writeOutbox(ctx, row),
  };
}
