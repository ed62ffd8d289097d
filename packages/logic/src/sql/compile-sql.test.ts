import { afterAll, describe, expect, it } from 'vitest';
import { sqlTables } from '../../test/sql-tables';
import type { SqlTable } from '../../test/sql-tables';
import { compileToSql, createLogic } from '../index';
import type { SqlColumn } from '../index';

const columns: Record<string, SqlColumn> = {
  name: { column: '"name"', type: 'text' },
  budget: { column: '"budget"', type: 'integer' },
  tags: { column: '"tags"', type: 'json' },
  nextCallAt: { column: '"next_call_at"', type: 'datetime' },
};
const NOW = Date.UTC(2024, 0, 10);
const ctx = { now: NOW, user: { id: 'u1', teams: ['t1'], roles: [] } };

const rows = [
  { id: 1, name: '100%_off', budget: 5, tags: ['a', 'b'], nextCallAt: NOW - 86_400_000 },
  { id: 2, name: '100xxoff', budget: null, tags: [], nextCallAt: null },
  { id: 3, name: 'NULL', budget: 0, tags: null, nextCallAt: NOW + 3_600_000 },
  { id: 4, name: null, budget: 7, tags: ['A'], nextCallAt: NOW },
];
const tables = await sqlTables(columns);
for (const t of tables) await t.load(rows);
afterAll(async () => {
  for (const t of tables) await t.close();
});

describe('compileToSql', () => {
  it('produces parameterized SQL: user text never enters the SQL text', () => {
    const r = compileToSql({ '==': [{ var: 'name' }, "x' OR 1=1 --"] }, { columns });
    expect(r).toEqual({
      ok: true,
      sql: `("name" IS NOT NULL AND "name" = ?)`,
      params: ["x' OR 1=1 --"],
    });
  });
  it('never splices values that look like SQL fragments', () => {
    const evil = { sql: '1) OR (1', params: [] };
    const user = { id: 'u1', teams: [evil as never], roles: [] };
    expect(
      compileToSql(
        { '==': [{ var: 'name' }, { var: '$user.teams.0' }] },
        { columns, ctx: { user } },
      ),
    ).toMatchObject({ ok: false });
    const r = compileToSql(
      { in: [{ var: 'name' }, { var: '$user.teams' }] },
      { columns, ctx: { user } },
    );
    expect(r).toMatchObject({ ok: true, params: [] });
    if (r.ok) expect(r.sql).not.toContain('OR (1');
  });

  it.each([
    [{ '+': [{ var: 'budget' }, 1] }, '', 'logic.notInSqlSubset'],
    [{ and: [true, { some: [{ var: 'tags' }, { var: '' }] }] }, '/and/1', 'logic.notInSqlSubset'],
    [{ changed: 'name' }, '', 'logic.notInSqlSubset'],
    [{ '==': [{ var: '$previous.name' }, 'x'] }, '/==/0', 'logic.notInSqlSubset'],
    [{ '==': [{ var: 'nope' }, 1] }, '/==/0', 'logic.sqlUnknownColumn'],
    [{ '==': [{ var: 'name' }, 1] }, '', 'logic.sqlTypeMismatch'],
    [{ '<': [{ var: 'name' }, { var: 'budget' }] }, '', 'logic.sqlTypeMismatch'],
    [{ '==': [{ var: 'tags' }, 'a'] }, '', 'logic.sqlTypeMismatch'],
    [{ '>': [{ daysSince: { var: 'name' } }, 1] }, '/>/0/daysSince', 'logic.sqlTypeMismatch'],
    [
      { '<': [{ var: 'nextCallAt' }, { addDuration: [{ var: 'nextCallAt' }, 'P1M'] }] },
      '/</1/addDuration/0',
      'logic.sqlTypeMismatch',
    ],
    [{ var: { cat: ['na', 'me'] } }, '', 'logic.dynamicField'],
    [{ nope: [] }, '', 'logic.unknownOperator'],
  ])('refuses %j with a clear error', (expr, path, code) => {
    const r = compileToSql(expr, { columns, ctx, locale: 'en' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ path, code });
    expect(r.errors[0]?.message.length).toBeGreaterThan(10);
  });

  it('enforces the engine limits', () => {
    const logic = createLogic({ limits: { maxDepth: 3 } });
    const r = logic.compileToSql({ '!': { '!': { '!': { var: 'name' } } } }, { columns });
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'logic.tooDeep' }] });
  });
});

describe.each(tables.map((t): [string, SqlTable] => [t.dialect, t]))(
  'compiled SQL on %s',
  (_, t) => {
    const select = (expr: unknown) => t.select(expr, ctx);
    it('treats % and _ literally and is case-sensitive in startsWith/contains/in', async () => {
      expect(await select({ startsWith: [{ var: 'name' }, '100%_'] })).toEqual([1]);
      expect(await select({ contains: [{ var: 'name' }, '%_'] })).toEqual([1]);
      expect(await select({ in: ['%', { var: 'name' }] })).toEqual([1]);
      expect(await select({ contains: [{ var: 'tags' }, 'a'] })).toEqual([1]);
      expect(await select({ in: ['A', { var: 'tags' }] })).toEqual([4]);
    });
    it('keeps null semantics: comparisons with null are false, negations include nulls', async () => {
      expect(await select({ '<': [{ var: 'budget' }, 6] })).toEqual([1, 3]);
      expect(await select({ '!': { '<': [{ var: 'budget' }, 6] } })).toEqual([2, 4]);
      expect(await select({ '!=': [{ var: 'budget' }, 5] })).toEqual([2, 3, 4]);
      expect(await select({ '==': [{ var: 'budget' }, null] })).toEqual([2]);
      expect(await select({ var: 'budget' })).toEqual([1, 4]);
    });
    it('searches String(null) for a null field in a literal text, as JS does', async () => {
      expect(await select({ in: [{ var: 'name' }, 'nullable'] })).toEqual([4]);
    });
    it('handles between, missing, isEmpty, dates and $user values', async () => {
      expect(await select({ '<=': [1, { var: 'budget' }, 7] })).toEqual([1, 4]);
      expect(await select({ missing: ['name', 'budget'] })).toEqual([2, 4]);
      expect(await select({ isEmpty: { var: 'tags' } })).toEqual([2, 3]);
      expect(await select({ '>=': [{ daysSince: { var: 'nextCallAt' } }, 0] })).toEqual([1, 4]);
      expect(
        await select({ '<': [{ var: 'nextCallAt' }, { addDuration: [{ now: [] }, '2h'] }] }),
      ).toEqual([1, 3, 4]);
      expect(await select({ in: [{ var: '$user.id' }, ['u1', 'u2']] })).toEqual([1, 2, 3, 4]);
      expect(await select({ '==': [{ var: 'name' }, { var: '$user.id' }] })).toEqual([]);
    });

    it('reads date fields as UTC midnight and JSON objects as empty or not', async () => {
      const dated: Record<string, SqlColumn> = {
        day: { column: 'day', type: 'date' },
        doc: { column: 'doc', type: 'json' },
      };
      const [u] = await sqlTables(dated).then((all) => all.filter((x) => x.dialect === t.dialect));
      if (!u) throw new Error('no table');
      try {
        await u.load([
          { id: 1, day: '2024-01-09', doc: {} },
          { id: 2, day: '2024-01-10', doc: { a: 1 } },
          { id: 3, day: '2023-12-31', doc: [] },
        ]);
        const on = (e: unknown) => u.select(e, ctx);
        expect(await on({ '==': [{ daysSince: { var: 'day' } }, 1] })).toEqual([1]);
        expect(await on({ '==': [{ daysSince: { var: 'day' } }, 10] })).toEqual([3]);
        expect(await on({ '<': [{ addDuration: [{ var: 'day' }, '1d'] }, { now: [] }] })).toEqual([
          3,
        ]);
        expect(await on({ isEmpty: { var: 'doc' } })).toEqual([1, 3]);
        expect(await on({ var: 'doc' })).toEqual([1, 2]);
      } finally {
        await u.close();
      }
    });

    it('orders text by code point (as JS), whatever the database collation', async () => {
      await t.load([
        { id: 1, name: 'a' },
        { id: 2, name: 'A' },
        { id: 3, name: '_' },
        { id: 4, name: 'B' },
        { id: 5, name: '中' },
        { id: 6, name: '😀' },
      ]);
      try {
        // JS: 'A' < 'B' < '_' < 'a' < '中' < '😀'; a linguistic collation puts '_' first and a before A.
        expect(await select({ '<': [{ var: 'name' }, 'B'] })).toEqual([2]);
        expect(await select({ '>': [{ var: 'name' }, '_'] })).toEqual([1, 5, 6]);
        expect(await select({ '<=': ['a', { var: 'name' }, '中'] })).toEqual([1, 5]);
      } finally {
        await t.load(rows);
      }
    });
  },
);
