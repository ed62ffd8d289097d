import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRecordStore } from '../index';
import type { ListQuery, RecordStore, StoreDb } from '../index';
import { baseSpec, memoryDb } from '../../test/fixtures';

let db: StoreDb;
let store: RecordStore;
afterEach(() => db?.close());
function setup(): void {
  db = memoryDb();
  store = createRecordStore(db, baseSpec, { locale: 'en' });
}

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

describe('list', () => {
  it('filters with a where clause, sorts, counts', () => {
    setup();
    const cities = ['330106', '310101', '330106', '110101'];
    cities.forEach((city, i) => store.insert('lead', { name: `n${i}`, city, stage: i % 2 ? 'new' : 'won', budget: i * 100 }, { now: 100 + i }));
    const res = store.list('lead', { where: { sql: '"city" = ? AND stage = ?', params: ['330106', 'won'] }, count: true });
    expect(res.ok && res.value.records.map((r) => r.name)).toEqual(['n2', 'n0']);
    expect(res.ok && res.value.total).toBe(2);
    const byBudget = store.list('lead', { sort: [{ field: 'budget', dir: 'asc' }] });
    expect(byBudget.ok && byBudget.value.records.map((r) => r.budget)).toEqual([0, 100, 200, 300]);
  });

  it('pages without duplicates or gaps for any sort, including equal and NULL sort values', () => {
    setup();
    // Few distinct values (and NULLs) so many rows tie on the sort key.
    for (let i = 0; i < 57; i++) {
      store.insert('lead', { name: `n${i}`, city: i % 5 === 0 ? null : String(i % 3), age: i % 4 === 0 ? null : i % 2, vip: i % 7 === 0 }, { now: 1000 + (i % 4) });
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
          const sort = [{ field: f1, dir: d1 }, { field: f2, dir: d2 }] as const;
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
    setup();
    for (let i = 0; i < 3; i++) store.insert('lead', { name: `n${i}` });
    expect(store.list('lead', { sort: [{ field: 'nope' }] })).toMatchObject({ ok: false, error: { code: 'unknown_sort_field', path: '/sort/0/field' } });
    const page = store.list('lead', { limit: 1 });
    const cursor = page.ok ? page.value.nextCursor : null;
    expect(cursor).not.toBeNull();
    expect(store.list('lead', { cursor, sort: [{ field: 'name' }] })).toMatchObject({ ok: false, error: { code: 'invalid_cursor' } });
    expect(store.list('lead', { cursor: 'garbage' })).toMatchObject({ ok: false, error: { code: 'invalid_cursor' } });
    expect(store.list('lead', { where: { sql: 'nonsense ((', params: [] } })).toMatchObject({ ok: false, error: { code: 'invalid_where' } });
  });
});

describe('search', () => {
  it('finds Chinese substrings of two or more characters and phone suffixes', () => {
    setup();
    const wang = store.insert('lead', { name: '王小明', phone: '+8613800138000' });
    const li = store.insert('lead', { name: '李小红', phone: '+8613900001234', email: 'Li.Hong@Example.com' });
    store.insert('lead', { name: '赵明', phone: '+8613700009999' });
    if (!wang.ok || !li.ok) throw new Error('insert failed');
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
    expect(names('li.hong')).toEqual(['李小红']);
    expect(names('LI')).toEqual(['李小红']); // two ASCII characters: scanned, case-insensitive
    expect(names('99')).toEqual(['赵明']);
    expect(names('"')).toEqual([]);
    expect(names('  ')).toEqual([]);
    expect(names('小"明')).toEqual([]);
  });

  it('follows updates of search fields and respects an extra filter', () => {
    setup();
    const a = store.insert('lead', { name: '王小明', city: '330106' });
    if (!a.ok) throw new Error('insert failed');
    store.update('lead', a.value.id, { name: '王大明' }, 1);
    expect(store.search('lead', '小明')).toEqual({ ok: true, value: [] });
    const hit = store.search('lead', '大明', { where: { sql: '"city" = ?', params: ['330106'] } });
    expect(hit.ok && hit.value.map((r) => r.id)).toEqual([a.value.id]);
    expect(store.search('lead', '大明', { where: { sql: '"city" = ?', params: ['110101'] } })).toEqual({ ok: true, value: [] });
  });
});
