import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ListQuery, StoreLocale } from '../src/index';
import type { RecordStore } from '../src/sync-sqlite';

export type OpenStore = (locale?: StoreLocale) => { store: RecordStore; close(): void };

/**
 * The behaviour every RecordStore adapter must show (STYLE.md: one contract suite per interface).
 * `open` returns a store over an empty database holding the `lead` entity of test/fixtures.ts.
 */
export function recordStoreContract(dialect: string, open: OpenStore): void {
  let store: RecordStore;
  let close: () => void;
  beforeEach(() => {
    ({ store, close } = open('en'));
  });
  afterEach(() => close());

  /** Follows nextCursor until the end and returns every id in page order. */
  function pageThrough(query: ListQuery): string[] {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const res = store.list('lead', { ...query, cursor });
      if (!res.ok) throw new Error(res.error.message);
      ids.push(...res.value.records.map((r) => r.id));
      cursor = res.value.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('pagination did not end');
  }

  describe(`${dialect}: RecordStore insert/get`, () => {
    it('round-trips every storage class in engine form', () => {
      const res = store.insert(
        'lead',
        {
          name: '王小明',
          phone: '+8613800138000',
          email: 'wang@example.com',
          city: '330106',
          source: 'douyin',
          tags: ['vip', 'hot'],
          budget: 1234500,
          age: 17.5,
          vip: true,
          birthday: '2008-05-01',
          nextCallAt: 1_700_000_000_000,
          attachments: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }],
          ownerId: 'u1',
          stage: 'new',
        },
        { now: 1000 },
      );
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const got = store.get('lead', res.value.id);
      expect(got).toMatchObject({
        name: '王小明',
        tags: ['vip', 'hot'],
        budget: 1234500,
        age: 17.5,
        vip: true,
        birthday: '2008-05-01',
        nextCallAt: 1_700_000_000_000,
        attachments: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }],
        ownerId: 'u1',
        stage: 'new',
        version: 1,
        createdAt: 1000,
        updatedAt: 1000,
        deletedAt: null,
        notes: null,
      });
      expect(got).toEqual(res.value);
    });

    it('refuses unknown fields, managed system fields and values of the wrong type without writing', () => {
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
      expect(store.insert('lead', { id: 'x1', name: 'a' }).ok).toBe(true);
      const again = store.insert('lead', { id: 'x1', name: 'b' });
      expect(again.ok ? null : again.error.code).toBe('duplicate_id');
    });
  });

  describe(`${dialect}: RecordStore update`, () => {
    it('applies a patch, bumps the version and rejects a stale version with the current one', () => {
      const created = store.insert('lead', { name: 'a', budget: 100 }, { now: 1 });
      if (!created.ok) throw new Error('insert failed');
      const first = store.update('lead', created.value.id, { budget: 200, stage: 'qualified' }, 1, {
        now: 5,
      });
      expect(first).toMatchObject({
        ok: true,
        value: { budget: 200, stage: 'qualified', version: 2, updatedAt: 5, createdAt: 1 },
      });
      const stale = store.update('lead', created.value.id, { budget: 300 }, 1);
      expect(stale).toMatchObject({
        ok: false,
        error: { code: 'version_conflict', path: '/version', params: { expected: 1, actual: 2 } },
      });
      expect(stale.ok ? null : stale.error.message).toContain('current version 2');
      expect(store.get('lead', created.value.id)?.budget).toBe(200);
      const missing = store.update('lead', 'nope', { budget: 1 }, 1);
      expect(missing.ok ? null : missing.error.code).toBe('not_found');
    });

    it('localizes errors in zh-CN by default', () => {
      const zh = open('zh-CN');
      const res = zh.store.update('lead', 'nope', {}, 1);
      expect(res.ok ? null : res.error.message).toBe('记录 nope 不存在');
      zh.close();
    });
  });

  describe(`${dialect}: RecordStore soft delete`, () => {
    it('hides deleted records from get/list/search/identity, lists them in the bin, and restores them', () => {
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
      expect(store.update('lead', a.value.id, { name: 'x' }, 2)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(store.restore('lead', a.value.id)).toMatchObject({
        ok: true,
        value: { deletedAt: null, version: 3 },
      });
      expect(store.restore('lead', a.value.id)).toMatchObject({
        ok: false,
        error: { code: 'not_deleted' },
      });
      expect(store.softDelete('lead', a.value.id, { expectedVersion: 1 })).toMatchObject({
        ok: false,
        error: { code: 'version_conflict' },
      });
    });
  });

  describe(`${dialect}: RecordStore identity`, () => {
    it('finds live records sharing any identity key', () => {
      const a = store.insert('lead', { name: 'a', phone: '+8613800138000' });
      const b = store.insert('lead', { name: 'b', email: 'b@example.com' });
      store.insert('lead', { name: 'c', phone: '+8613800138001' });
      if (!a.ok || !b.ok) throw new Error('insert failed');
      const matches = store.findByIdentity('lead', {
        phone: '+8613800138000',
        email: 'b@example.com',
      });
      expect(matches.map((m) => [m.key, m.record.id])).toEqual([
        [['phone'], a.value.id],
        [['email'], b.value.id],
      ]);
      expect(
        store.findByIdentity('lead', { phone: '+8613800138000' }, { excludeId: a.value.id }),
      ).toEqual([]);
      expect(store.findByIdentity('lead', { phone: null, email: '' })).toEqual([]);
    });
  });

  describe(`${dialect}: list`, () => {
    it('filters with a where clause, sorts, counts', () => {
      const cities = ['330106', '310101', '330106', '110101'];
      cities.forEach((city, i) =>
        store.insert(
          'lead',
          { name: `n${i}`, city, stage: i % 2 ? 'new' : 'won', budget: i * 100 },
          { now: 100 + i },
        ),
      );
      const res = store.list('lead', {
        where: { sql: '"city" = ? AND stage = ?', params: ['330106', 'won'] },
        count: true,
      });
      expect(res.ok && res.value.records.map((r) => r.name)).toEqual(['n2', 'n0']);
      expect(res.ok && res.value.total).toBe(2);
      const byBudget = store.list('lead', { sort: [{ field: 'budget', dir: 'asc' }] });
      expect(byBudget.ok && byBudget.value.records.map((r) => r.budget)).toEqual([
        0, 100, 200, 300,
      ]);
    });

    it('pages without duplicates or gaps for any sort, including equal and NULL sort values', () => {
      // Few distinct values (and NULLs) so many rows tie on the sort key.
      for (let i = 0; i < 57; i++) {
        store.insert(
          'lead',
          {
            name: `n${i}`,
            city: i % 5 === 0 ? null : String(i % 3),
            age: i % 4 === 0 ? null : i % 2,
            vip: i % 7 === 0,
          },
          { now: 1000 + (i % 4) },
        );
      }
      const all = store.list('lead', { limit: 1000 });
      const allIds = all.ok ? all.value.records.map((r) => r.id).sort() : [];
      fc.assert(
        fc.property(
          fc.constantFrom('city', 'age', 'vip', 'createdAt', 'name', 'id', 'ownerId'),
          fc.constantFrom('asc', 'desc'),
          fc.constantFrom('city', 'age', 'createdAt'),
          fc.constantFrom('asc', 'desc'),
          fc.integer({ min: 1, max: 13 }),
          (f1, d1, f2, d2, limit) => {
            const sort = [
              { field: f1, dir: d1 },
              { field: f2, dir: d2 },
            ] as const;
            const paged = pageThrough({ sort, limit });
            expect(new Set(paged).size).toBe(paged.length);
            expect([...paged].sort()).toEqual(allIds);
            // Same order as one big page.
            const one = store.list('lead', { sort, limit: 1000 });
            expect(one.ok && one.value.records.map((r) => r.id)).toEqual(paged);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('rejects unknown sort fields, foreign cursors and broken filters as values', () => {
      for (let i = 0; i < 3; i++) store.insert('lead', { name: `n${i}` });
      expect(store.list('lead', { sort: [{ field: 'nope' }] })).toMatchObject({
        ok: false,
        error: { code: 'unknown_sort_field', path: '/sort/0/field' },
      });
      const page = store.list('lead', { limit: 1 });
      const cursor = page.ok ? page.value.nextCursor : null;
      expect(cursor).not.toBeNull();
      expect(store.list('lead', { cursor, sort: [{ field: 'name' }] })).toMatchObject({
        ok: false,
        error: { code: 'invalid_cursor' },
      });
      expect(store.list('lead', { cursor: 'garbage' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_cursor' },
      });
      expect(store.list('lead', { where: { sql: 'nonsense ((', params: [] } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_where' },
      });
    });
  });

  // Searches read the records' pending text until the indexer has moved it into the index:
  // every search case runs in both states, and across the move.
  for (const indexed of [false, true]) {
    const catchUp = () => {
      if (indexed) store.transaction(() => store.indexSearch(1000));
    };
    describe(`${dialect}: search (${indexed ? 'indexed' : 'not yet indexed'})`, () => {
      it('finds Chinese substrings of two or more characters and phone suffixes', () => {
        const wang = store.insert('lead', { name: '王小明', phone: '+8613800138000' });
        const li = store.insert('lead', {
          name: '李小红',
          phone: '+8613900001234',
          email: 'Li.Hong@Example.com',
        });
        store.insert('lead', { name: '赵明', phone: '+8613700009999' });
        if (!wang.ok || !li.ok) throw new Error('insert failed');
        catchUp();
        const names = (q: string) => {
          const r = store.search('lead', q);
          return r.ok ? r.value.map((x) => x.name) : r.error.code;
        };
        expect(names('小明')).toEqual(['王小明']);
        expect(names('王小明')).toEqual(['王小明']);
        expect(names('小')).toEqual(['李小红', '王小明']);
        expect(names('明')).toEqual(['赵明', '王小明']);
        expect(names('8000')).toEqual(['王小明']);
        expect(names('1234')).toEqual(['李小红']);
        expect(names('１３８００１３８０００')).toEqual(['王小明']); // full-width digits
        expect(names('138 0013 8000')).toEqual(['王小明']);
        expect(names('(139) 0000-1234')).toEqual(['李小红']);
        expect(names('li.hong')).toEqual(['李小红']);
        expect(names('LI')).toEqual(['李小红']); // two ASCII characters: scanned, case-insensitive
        expect(names('99')).toEqual(['赵明']);
        expect(names('"')).toEqual([]);
        expect(names('  ')).toEqual([]);
        expect(names('小"明')).toEqual([]);
        expect(names('%')).toEqual([]);
        expect(names('_')).toEqual([]);
      });

      it('follows updates of search fields and respects an extra filter', () => {
        const a = store.insert('lead', { name: '王小明', city: '330106', phone: '+8613800138000' });
        if (!a.ok) throw new Error('insert failed');
        catchUp();
        store.update('lead', a.value.id, { name: '王大明' }, 1);
        // The index may still hold the old name: it must not match any more.
        expect(store.search('lead', '小明')).toEqual({ ok: true, value: [] });
        const hit = store.search('lead', '大明', {
          where: { sql: '"city" = ?', params: ['330106'] },
        });
        expect(hit.ok && hit.value.map((r) => r.id)).toEqual([a.value.id]);
        expect(
          store.search('lead', '大明', { where: { sql: '"city" = ?', params: ['110101'] } }),
        ).toEqual({ ok: true, value: [] });
        catchUp();
        // Clearing a search field leaves the rest searchable and the cleared text gone.
        store.update('lead', a.value.id, { phone: null }, 2);
        catchUp();
        expect(store.search('lead', '8000')).toEqual({ ok: true, value: [] });
        expect(store.search('lead', '大明')).toMatchObject({
          ok: true,
          value: [{ id: a.value.id }],
        });
      });
    });
  }

  describe(`${dialect}: search indexing`, () => {
    it('moves pending search text into the index a bounded number at a time', () => {
      expect(store.searchBacklog()).toBe(false);
      for (const name of ['一号', '二号', '三号']) store.insert('lead', { name });
      expect(store.searchBacklog()).toBe(true);
      expect(store.transaction(() => store.indexSearch(2))).toBe(2);
      expect(store.searchBacklog()).toBe(true);
      expect(store.transaction(() => store.indexSearch(2))).toBe(1);
      expect(store.searchBacklog()).toBe(false);
      expect(store.transaction(() => store.indexSearch(2))).toBe(0);
      const r = store.search('lead', '号');
      expect(r.ok && r.value.map((x) => x.name)).toEqual(['三号', '二号', '一号']);
    });

    it('keeps nothing of a write that rolled back', () => {
      expect(() =>
        store.transaction(() => {
          store.insert('lead', { name: '回滚' });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.transaction(() => store.indexSearch(10))).toBe(0);
      expect(store.search('lead', '回滚')).toEqual({ ok: true, value: [] });
    });
  });
}
