import { afterEach, describe, expect, it } from 'vitest';
import { createRecordStore } from '../index';
import type { RecordStore, StoreDb } from '../index';
import { baseSpec, memoryDb } from '../../test/fixtures';

let db: StoreDb;
let store: RecordStore;
function setup(): void {
  db = memoryDb();
  store = createRecordStore(db, baseSpec, { locale: 'en' });
}
afterEach(() => db?.close());

describe('RecordStore insert/get', () => {
  it('round-trips every storage class in engine form', () => {
    setup();
    const res = store.insert('lead', {
      name: '王小明', phone: '+8613800138000', email: 'wang@example.com', city: '330106', source: 'douyin', tags: ['vip', 'hot'],
      budget: 1234500, age: 17.5, vip: true, birthday: '2008-05-01', nextCallAt: 1_700_000_000_000,
      attachments: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }], ownerId: 'u1', stage: 'new',
    }, { now: 1000 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const got = store.get('lead', res.value.id);
    expect(got).toMatchObject({
      name: '王小明', tags: ['vip', 'hot'], budget: 1234500, age: 17.5, vip: true, birthday: '2008-05-01', nextCallAt: 1_700_000_000_000,
      attachments: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }], ownerId: 'u1', stage: 'new',
      version: 1, createdAt: 1000, updatedAt: 1000, deletedAt: null, notes: null,
    });
    expect(got).toEqual(res.value);
  });

  it('refuses unknown fields, managed system fields and values of the wrong type without writing', () => {
    setup();
    const bad = [
      [{ name: 'a', nope: 1 }, 'unknown_field', '/nope'],
      [{ name: 'a', version: 7 }, 'readonly_field', '/version'],
      [{ name: 'a', budget: 12.5 }, 'invalid_value', '/budget'],
      [{ name: 'a', vip: 'yes' }, 'invalid_value', '/vip'],
      [{ name: 42 }, 'invalid_value', '/name'],
    ] as const;
    for (const [input, code, path] of bad) {
      const res = store.insert('lead', input);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatchObject({ code, path });
    }
    expect(store.list('lead', { count: true })).toMatchObject({ ok: true, value: { total: 0 } });
    const unknown = store.insert('nope', {});
    expect(unknown.ok ? null : unknown.error.code).toBe('unknown_entity');
  });

  it('refuses a second record with the same id', () => {
    setup();
    expect(store.insert('lead', { id: 'x1', name: 'a' }).ok).toBe(true);
    const again = store.insert('lead', { id: 'x1', name: 'b' });
    expect(again.ok ? null : again.error.code).toBe('duplicate_id');
  });
});

describe('RecordStore update', () => {
  it('applies a patch, bumps the version and rejects a stale version with the current one', () => {
    setup();
    const created = store.insert('lead', { name: 'a', budget: 100 }, { now: 1 });
    if (!created.ok) throw new Error('insert failed');
    const first = store.update('lead', created.value.id, { budget: 200, stage: 'qualified' }, 1, { now: 5 });
    expect(first).toMatchObject({ ok: true, value: { budget: 200, stage: 'qualified', version: 2, updatedAt: 5, createdAt: 1 } });
    const stale = store.update('lead', created.value.id, { budget: 300 }, 1);
    expect(stale).toMatchObject({ ok: false, error: { code: 'version_conflict', path: '/version', params: { expected: 1, actual: 2 } } });
    expect(stale.ok ? null : stale.error.message).toContain('current version 2');
    expect(store.get('lead', created.value.id)?.budget).toBe(200);
    const missing = store.update('lead', 'nope', { budget: 1 }, 1);
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });

  it('localizes errors in zh-CN by default', () => {
    setup();
    const zh = createRecordStore(db, baseSpec);
    const res = zh.update('lead', 'nope', {}, 1);
    expect(res.ok ? null : res.error.message).toBe('记录 nope 不存在');
  });
});

describe('RecordStore soft delete', () => {
  it('hides deleted records from get/list/search/identity, lists them in the bin, and restores them', () => {
    setup();
    const a = store.insert('lead', { name: '张三', phone: '+8613911112222' });
    if (!a.ok) throw new Error('insert failed');
    const del = store.softDelete('lead', a.value.id, { now: 50 });
    expect(del).toMatchObject({ ok: true, value: { deletedAt: 50, version: 2 } });
    expect(store.get('lead', a.value.id)).toBeNull();
    expect(store.get('lead', a.value.id, { includeDeleted: true })?.deletedAt).toBe(50);
    expect(store.list('lead')).toMatchObject({ ok: true, value: { records: [] } });
    expect(store.search('lead', '张三')).toEqual({ ok: true, value: [] });
    expect(store.findByIdentity('lead', { phone: '+8613911112222' })).toEqual([]);
    const bin = store.listDeleted('lead');
    expect(bin.ok && bin.value.records.map((r) => r.id)).toEqual([a.value.id]);
    expect(store.update('lead', a.value.id, { name: 'x' }, 2)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(store.restore('lead', a.value.id)).toMatchObject({ ok: true, value: { deletedAt: null, version: 3 } });
    expect(store.restore('lead', a.value.id)).toMatchObject({ ok: false, error: { code: 'not_deleted' } });
    expect(store.softDelete('lead', a.value.id, { expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'version_conflict' } });
  });
});

describe('RecordStore identity', () => {
  it('finds live records sharing any identity key', () => {
    setup();
    const a = store.insert('lead', { name: 'a', phone: '+8613800138000' });
    const b = store.insert('lead', { name: 'b', email: 'b@example.com' });
    store.insert('lead', { name: 'c', phone: '+8613800138001' });
    if (!a.ok || !b.ok) throw new Error('insert failed');
    const matches = store.findByIdentity('lead', { phone: '+8613800138000', email: 'b@example.com' });
    expect(matches.map((m) => [m.key, m.record.id])).toEqual([[['phone'], a.value.id], [['email'], b.value.id]]);
    expect(store.findByIdentity('lead', { phone: '+8613800138000' }, { excludeId: a.value.id })).toEqual([]);
    expect(store.findByIdentity('lead', { phone: null, email: '' })).toEqual([]);
  });
});

describe('journal writers', () => {
  it('write history, transitions and outbox rows inside the caller transaction', () => {
    setup();
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
