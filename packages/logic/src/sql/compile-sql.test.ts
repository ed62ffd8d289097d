import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
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

const db = new Database(':memory:');
afterAll(() => db.close());
db.exec(
  'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, budget INTEGER, tags TEXT, next_call_at INTEGER)',
);
const rows: [number, string | null, number | null, string | null, number | null][] = [
  [1, '100%_off', 5, '["a","b"]', NOW - 86_400_000],
  [2, '100xxoff', null, '[]', null],
  [3, 'NULL', 0, null, NOW + 3_600_000],
  [4, null, 7, '["A"]', NOW],
];
const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
rows.forEach((r) => insert.run(...r));

function select(expr: unknown): number[] {
  const r = compileToSql(expr, { columns, ctx });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (
    db.prepare(`SELECT id FROM t WHERE ${r.sql} ORDER BY id`).all(...(r.params as never[])) as {
      id: number;
    }[]
  ).map((x) => x.id);
}

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
  it('treats % and _ literally and is case-sensitive in startsWith/contains/in', () => {
    expect(select({ startsWith: [{ var: 'name' }, '100%_'] })).toEqual([1]);
    expect(select({ contains: [{ var: 'name' }, '%_'] })).toEqual([1]);
    expect(select({ in: ['%', { var: 'name' }] })).toEqual([1]);
    expect(select({ contains: [{ var: 'tags' }, 'a'] })).toEqual([1]);
    expect(select({ in: ['A', { var: 'tags' }] })).toEqual([4]);
  });
  it('keeps null semantics: comparisons with null are false, negations include nulls', () => {
    expect(select({ '<': [{ var: 'budget' }, 6] })).toEqual([1, 3]);
    expect(select({ '!': { '<': [{ var: 'budget' }, 6] } })).toEqual([2, 4]);
    expect(select({ '!=': [{ var: 'budget' }, 5] })).toEqual([2, 3, 4]);
    expect(select({ '==': [{ var: 'budget' }, null] })).toEqual([2]);
    expect(select({ var: 'budget' })).toEqual([1, 4]);
  });
  it('searches String(null) for a null field in a literal text, as JS does', () => {
    expect(select({ in: [{ var: 'name' }, 'nullable'] })).toEqual([4]);
  });
  it('handles between, missing, isEmpty, dates and $user values', () => {
    expect(select({ '<=': [1, { var: 'budget' }, 7] })).toEqual([1, 4]);
    expect(select({ missing: ['name', 'budget'] })).toEqual([2, 4]);
    expect(select({ isEmpty: { var: 'tags' } })).toEqual([2, 3]);
    expect(select({ '>=': [{ daysSince: { var: 'nextCallAt' } }, 0] })).toEqual([1, 4]);
    expect(select({ '<': [{ var: 'nextCallAt' }, { addDuration: [{ now: [] }, '2h'] }] })).toEqual([
      1, 3, 4,
    ]);
    expect(select({ in: [{ var: '$user.id' }, ['u1', 'u2']] })).toEqual([1, 2, 3, 4]);
    expect(select({ '==': [{ var: 'name' }, { var: '$user.id' }] })).toEqual([]);
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
