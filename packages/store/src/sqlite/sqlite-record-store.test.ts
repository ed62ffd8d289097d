import { afterEach, describe, expect, it } from 'vitest';
import { createRecordStore } from '../index';
import type { StoreDb } from '../index';
import { baseSpec, memoryDb } from '../../test/fixtures';
import { recordStoreContract } from '../../test/record-store.case';

recordStoreContract('sqlite', (locale) => {
  const db = memoryDb();
  return { store: createRecordStore(db, baseSpec, { locale: locale ?? 'en' }), close: () => db.close() };
});

let db: StoreDb;
afterEach(() => db?.close());

describe('journal writers', () => {
  it('write history, transitions and outbox rows inside the caller transaction', () => {
    db = memoryDb();
    const store = createRecordStore(db, baseSpec, { locale: 'en' });
    const seq = store.transaction(() => {
      store.writeHistory([{ changeId: 'c1', entity: 'lead', recordId: 'r1', field: 'budget', before: null, after: 100, actorId: 'u1', via: 'ui', at: 1 }]);
      store.writeTransition({ entity: 'lead', recordId: 'r1', fromStage: 'new', toStage: 'qualified', actorId: 'u1', via: 'ui', at: 2, dwellMs: 1 });
      return store.writeOutbox({ type: 'record.updated', entity: 'lead', recordId: 'r1', payload: { changed: ['budget'] }, actorId: 'u1', via: 'ui', createdAt: 3 });
    });
    expect(seq).toBe(1);
    expect(db.sqlite.prepare('SELECT field, "before", "after" FROM record_history').all()).toEqual([{ field: 'budget', before: null, after: '100' }]);
    expect(db.sqlite.prepare('SELECT from_stage, to_stage, dwell_ms FROM stage_transitions').all()).toEqual([{ from_stage: 'new', to_stage: 'qualified', dwell_ms: 1 }]);
    expect(db.sqlite.prepare('SELECT type, payload, depth FROM outbox').all()).toEqual([{ type: 'record.updated', payload: '{"changed":["budget"]}', depth: 0 }]);
    expect(() =>
      store.transaction(() => {
        store.writeOutbox({ type: 'x', entity: null, recordId: null, payload: null, actorId: null, via: null, createdAt: 4 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});
