import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRecordStore } from '../sync-sqlite';
import { baseSpec, memoryDb } from '../../test/fixtures';
import { searchPlan } from './search-text';

describe('searchPlan', () => {
  it('uses the index for Chinese queries of any length and for three or more characters', () => {
    expect(searchPlan('王')).toMatchObject({ kind: 'match', column: 'pairs' });
    expect(searchPlan('小明')).toMatchObject({ kind: 'match', column: 'pairs' });
    expect(searchPlan('王小明')).toMatchObject({ kind: 'match', column: 'body', phrase: '王小明' });
    expect(searchPlan(' 138-0013 ')).toEqual({ kind: 'match', column: 'body', phrase: '1380013' });
    expect(searchPlan('ab')).toMatchObject({ kind: 'scan' });
    expect(searchPlan('   ')).toEqual({ kind: 'empty' });
  });
});

describe('search finds exactly the records containing the query', () => {
  const db = memoryDb();
  afterAll(() => db.close());
  const store = createRecordStore(db, baseSpec, { locale: 'en' });
  // A tiny alphabet so substrings repeat across names and across the pair/single encodings.
  const names = fc.sample(
    fc.string({ unit: fc.constantFrom(...'王小明红李a1'), minLength: 1, maxLength: 6 }),
    { numRuns: 40, seed: 7 },
  );
  for (const name of names) store.insert('lead', { name });

  it('for random substrings of one to four characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'王小明红李a1'), minLength: 1, maxLength: 4 }),
        (q) => {
          const res = store.search('lead', q, { limit: 1000 });
          const got = res.ok ? res.value.map((r) => r.name as string).sort() : [];
          expect(got).toEqual(
            names.filter((n) => n.toLowerCase().includes(q.toLowerCase())).sort(),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
