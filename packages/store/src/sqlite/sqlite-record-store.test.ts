import { afterEach, describe, expect, it } from 'vitest';
import { planMigration } from '../index';
import { applyMigration, createRecordStore, openDatabase, syncEntityTables } from '../sync-sqlite';
import type { StoreDb } from '../sync-sqlite';
import { baseSpec, memoryDb } from '../../test/fixtures';
import { recordStoreContract } from '../../test/record-store.case';

recordStoreContract('sqlite', (locale) => {
  const db = memoryDb();
  return {
    store: createRecordStore(db, baseSpec, { locale: locale ?? 'en' }),
    close: () => db.close(),
  };
});

let db: StoreDb;
afterEach(() => db?.close());

describe('journal writers', () => {
  it('write history, transitions and outbox rows inside the caller transaction', () => {
    db = memoryDb();
    const store = createRecordStore(db, baseSpec, { locale: 'en' });
    const seq = store.transaction(() => {
      store.writeHistory([
        {
          changeId: 'c1',
          entity: 'lead',
          recordId: 'r1',
          field: 'budget',
          before: null,
          after: 100,
          actorId: 'u1',
          via: 'ui',
          at: 1,
        },
      ]);
      store.writeTransition({
        entity: 'lead',
        recordId: 'r1',
        fromStage: 'new',
        toStage: 'qualified',
        actorId: 'u1',
        via: 'ui',
        at: 2,
        dwellMs: 1,
      });
      return store.writeOutbox({
        type: 'record.updated',
        entity: 'lead',
        recordId: 'r1',
        payload: { changed: ['budget'] },
        actorId: 'u1',
        via: 'ui',
        createdAt: 3,
      });
    });
    expect(seq).toBe(1);
    expect(db.sqlite.prepare('SELECT field, "before", "after" FROM record_history').all()).toEqual([
      { field: 'budget', before: null, after: '100' },
    ]);
    expect(
      db.sqlite.prepare('SELECT from_stage, to_stage, dwell_ms FROM stage_transitions').all(),
    ).toEqual([{ from_stage: 'new', to_stage: 'qualified', dwell_ms: 1 }]);
    expect(db.sqlite.prepare('SELECT type, payload, depth FROM outbox').all()).toEqual([
      { type: 'record.updated', payload: '{"changed":["budget"]}', depth: 0 },
    ]);
    expect(() =>
      store.transaction(() => {
        store.writeOutbox({
          type: 'x',
          entity: null,
          recordId: null,
          payload: null,
          actorId: null,
          via: null,
          createdAt: 4,
        });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});

describe('search index written behind', () => {
  it('leaves the FTS5 index alone on a record write and fills it in one pass', () => {
    db = memoryDb();
    const store = createRecordStore(db, baseSpec, { locale: 'en' });
    const count = (table: string) =>
      (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    db.transaction(() => {
      for (let i = 0; i < 5; i++)
        store.insert('lead', { name: `王${i}`, phone: `+861380000000${i}` });
    });
    expect(count('e_lead_fts')).toBe(0);
    expect(count('e_lead_search_pending')).toBe(5);
    expect(db.transaction(() => store.indexSearch(100))).toBe(5);
    expect(count('e_lead_fts')).toBe(5);
    expect(count('e_lead_search_pending')).toBe(0);
    // An update of a non-search field leaves the index alone; of a search field, queues a replacement.
    const first = store.list('lead', { sort: [{ field: 'createdAt', dir: 'asc' }], limit: 1 });
    const rec = first.ok ? first.value.records[0]! : null;
    expect(rec && store.update('lead', rec.id, { city: '330106' }, 1).ok).toBe(true);
    expect(count('e_lead_search_pending')).toBe(0);
    expect(rec && store.update('lead', rec.id, { name: '李四' }, 2).ok).toBe(true);
    expect(db.sqlite.prepare('SELECT replace FROM e_lead_search_pending').all()).toEqual([
      { replace: 1 },
    ]);
    expect(db.transaction(() => store.indexSearch(100))).toBe(1);
    expect(count('e_lead_fts')).toBe(5);
    expect(store.search('lead', '王0')).toEqual({ ok: true, value: [] });
  });

  it('is created next to entity tables of a database made before it existed', () => {
    db = memoryDb();
    db.sqlite.exec('DROP TABLE e_lead_search_pending');
    expect(syncEntityTables(db, baseSpec)).toEqual([]);
    const store = createRecordStore(db, baseSpec, { locale: 'en' });
    expect(store.insert('lead', { name: '王五' }).ok).toBe(true);
    expect(store.search('lead', '王五')).toMatchObject({ ok: true, value: [{ name: '王五' }] });
  });
});

describe('SQL keywords as field keys', () => {
  it('are quoted everywhere: table, indexes, writes, filters, sort, search and migrations', () => {
    const spec = {
      entities: [
        {
          key: 'order',
          titleField: 'select',
          identity: [['group']],
          fields: [
            { key: 'select', type: 'text' },
            { key: 'group', type: 'text', indexed: true },
            { key: 'where', type: 'text' },
          ],
        },
      ],
    };
    db = openDatabase(':memory:');
    expect(applyMigration(planMigration(null, spec, db), db).ok).toBe(true);
    const store = createRecordStore(db, spec, { locale: 'en' });
    const a = store.insert('order', { select: '王小明', group: 'g1', where: '12' });
    store.insert('order', { select: 'b', group: 'g2', where: 'x' });
    expect(a.ok && store.update('order', a.value.id, { group: 'g3' }, 1).ok).toBe(true);
    const listed = store.list('order', {
      where: { sql: '"group" = ?', params: ['g3'] },
      sort: [{ field: 'where', dir: 'asc' }],
    });
    expect(listed.ok && listed.value.records.map((r) => r.select)).toEqual(['王小明']);
    expect(store.findByIdentity('order', { group: 'g2' }).map((m) => m.record.select)).toEqual([
      'b',
    ]);
    expect(store.search('order', '小明')).toMatchObject({
      ok: true,
      value: [{ select: '王小明' }],
    });
    const next = {
      entities: [
        {
          ...spec.entities[0]!,
          fields: [
            { key: 'select', type: 'text' },
            { key: 'where', type: 'number' },
          ],
        },
      ],
    };
    const plan = planMigration(spec, next, db);
    expect(plan.warnings.map((w) => [w.code, w.counts.affected])).toEqual([
      ['field_removed', 2],
      ['type_unconvertible', 1],
    ]);
    expect(
      applyMigration(plan, db, { 'type_unconvertible:order.where': { kind: 'convert' } }).ok,
    ).toBe(true);
    expect(
      createRecordStore(db, next).list('order', { sort: [{ field: 'where', dir: 'desc' }] }),
    ).toMatchObject({ ok: true, value: { records: [{ where: 12 }, { where: null }] } });
  });
});
