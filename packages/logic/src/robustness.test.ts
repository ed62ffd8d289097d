import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlTables } from '../test/sql-tables';
import { analyse, check, compileToSql, createLogic, evaluate, truthy, tryEvaluate } from './index';
import type { SqlColumn } from './index';

/**
 * Arbitrary, mostly ill-formed expressions: no public function may throw (except evaluate's
 * LogicError), and whenever compileToSql accepts one, its SQL must select what evaluate selects.
 */
const ops = [...createLogic().operators(), 'method', 'log', 'constructor', '__proto__', 'nope'];
const fields = ['t', 'n', 'b', 'j', 'd'];
const leaf = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    1,
    -1,
    2.5,
    '',
    'a',
    'null',
    '1',
    '%',
    ...fields,
    '$user.id',
    '$previous.t',
    'P1M',
    '1d',
  ),
  fc.string({ maxLength: 4 }),
  fc.integer(),
);
const expr: fc.Arbitrary<unknown> = fc.letrec<{ e: unknown }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constantFrom(...fields).map((f) => ({ var: f })),
    fc.array(tie('e'), { maxLength: 3 }),
    fc
      .tuple(fc.constantFrom(...ops), fc.array(tie('e'), { maxLength: 3 }))
      .map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom(...ops), tie('e')).map(([op, arg]) => ({ [op]: arg })),
    fc.dictionary(fc.constantFrom('x', 'y'), tie('e'), { maxKeys: 2 }),
  ),
})).e;

const columns: Record<string, SqlColumn> = {
  t: { column: 't', type: 'text' },
  n: { column: 'n', type: 'number' },
  b: { column: 'b', type: 'boolean' },
  j: { column: 'j', type: 'json' },
  d: { column: 'd', type: 'date' },
};
const rows = [
  { t: 'a', n: 1, b: true, j: ['a', 1], d: '2024-01-01' },
  { t: '', n: 0, b: false, j: [], d: '2023-12-31' },
  { t: null, n: null, b: null, j: null, d: null },
  { t: 'null%', n: -2.5, b: true, j: [null, true], d: '2024-02-29' },
  { t: '1', n: 1, b: false, j: ['1'], d: null },
];
const ctx = {
  now: Date.UTC(2024, 2, 1),
  user: { id: 'a', teams: ['a', '1'], roles: [] },
  previous: { t: 'x' },
};
const tables = await sqlTables(columns);
for (const t of tables) await t.load(rows);
afterAll(async () => {
  for (const t of tables) await t.close();
});

describe('robustness on arbitrary expressions', () => {
  it('never throws from tryEvaluate, check, analyse or compileToSql; evaluate throws only LogicError', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(() => tryEvaluate(e, rows[0], ctx)).not.toThrow();
        expect(() => check(e, { fields, locale: 'en' })).not.toThrow();
        expect(() => analyse(e)).not.toThrow();
        expect(() => compileToSql(e, { columns, ctx })).not.toThrow();
        expect(() => compileToSql(e, { columns, ctx, dialect: 'postgres' })).not.toThrow();
        try {
          evaluate(e, rows[0], ctx);
        } catch (err) {
          expect((err as Error).name).toBe('LogicError');
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it(`compiled SQL agrees with evaluate whenever compileToSql accepts an expression (${tables.map((t) => t.dialect).join(' and ')})`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(expr, async (e) => {
        if (!compileToSql(e, { columns, ctx }).ok) return;
        const want = rows.flatMap((r, i) => {
          const v = tryEvaluate(e, r, ctx);
          return v.ok && truthy(v.value) ? [i] : [];
        });
        for (const t of tables) {
          const got = await t.select(e, ctx);
          expect({ dialect: t.dialect, e, got }).toEqual({ dialect: t.dialect, e, got: want });
        }
        accepted++;
      }),
      { numRuns: 1500, seed: 11 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
