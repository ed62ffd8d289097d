import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileToSql, evaluate, truthy } from '@trellis/logic';
import { entityTable } from '../index';
import { createRecordStore } from '../sync-sqlite';
import type { StoredRecord } from '../index';
import { baseSpec, leadEntity, memoryDb } from '../../test/fixtures';

// The column map is the contract between the store and @trellis/logic: a compiled filter must
// select exactly the records for which evaluate() is truthy on the stored (decoded) values.
describe('entityTable columns with @trellis/logic compileToSql', () => {
  const db = memoryDb();
  afterAll(() => db.close());
  const store = createRecordStore(db, baseSpec, { locale: 'en' });
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const rows = fc.sample(
    fc.record({
      name: fc.constantFrom('王小明', '李雷', 'Amy'),
      city: opt(fc.constantFrom('330106', '310101')),
      source: opt(fc.constantFrom('douyin', 'wechat', 'website')),
      tags: opt(fc.subarray(['vip', 'hot'])),
      budget: opt(fc.integer({ min: 0, max: 100_000 })),
      age: opt(fc.double({ min: 0, max: 80, noNaN: true })),
      vip: opt(fc.boolean()),
      birthday: opt(fc.constantFrom('2000-01-01', '2010-06-15', '1990-12-31')),
      nextCallAt: opt(fc.integer({ min: 0, max: 2_000_000_000_000 })),
      stage: opt(fc.constantFrom('new', 'qualified', 'won')),
    }),
    { numRuns: 60, seed: 11 },
  );
  for (const r of rows) expect(store.insert('lead', r).ok).toBe(true);
  const all = store.list('lead', { limit: 1000 });
  const records: StoredRecord[] = all.ok ? all.value.records : [];
  const columns = entityTable(leadEntity).columns;

  const exprs: [string, unknown][] = [
    [
      'city and stage',
      { and: [{ '==': [{ var: 'city' }, '330106'] }, { '==': [{ var: 'stage' }, 'won'] }] },
    ],
    ['money range', { '>=': [{ var: 'budget' }, 50_000] }],
    ['number below', { '<': [{ var: 'age' }, 30] }],
    ['boolean', { '==': [{ var: 'vip' }, true] }],
    ['negated boolean', { '!': { var: 'vip' } }],
    ['multiselect contains', { in: ['vip', { var: 'tags' }] }],
    ['select in list', { in: [{ var: 'source' }, ['douyin', 'website']] }],
    ['date before', { '<': [{ var: 'birthday' }, '2005-01-01'] }],
    ['datetime after', { '>': [{ var: 'nextCallAt' }, 1_000_000_000_000] }],
    ['missing value', { '==': [{ var: 'city' }, null] }],
    [
      'or of system and field',
      { or: [{ '==': [{ var: 'stage' }, 'new'] }, { '>': [{ var: 'budget' }, 90_000] }] },
    ],
  ];
  for (const [name, expr] of exprs) {
    it(name, () => {
      const compiled = compileToSql(expr, { columns });
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
      const res = store.list('lead', { where: compiled, limit: 1000 });
      const got = res.ok ? res.value.records.map((r) => r.id).sort() : ['error'];
      const want = records
        .filter((r) => truthy(evaluate(expr, r)))
        .map((r) => r.id)
        .sort();
      expect(got).toEqual(want);
      expect(want.length).toBeGreaterThan(0); // the dataset exercises the filter
    });
  }
});
