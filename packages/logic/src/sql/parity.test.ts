import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlTables } from '../../test/sql-tables';
import { evaluate, truthy } from '../index';
import type { SqlColumn } from '../index';

/**
 * Property: for generated rows and generated conditions of the SQL subset, the rows selected by
 * the compiled SQL are exactly the rows for which `evaluate` is truthy, on SQLite and on
 * PostgreSQL (when the test server runs: always in CI) from the same expression.
 */
const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
const ctx = { now: NOW, user: { id: 'u1', teams: ['t1', 't2'], roles: ['sales'] } };

const columns: Record<string, SqlColumn> = {
  name: { column: '"name"', type: 'text' },
  city: { column: '"city"', type: 'text' },
  age: { column: '"age"', type: 'number' },
  score: { column: '"score"', type: 'integer' },
  vip: { column: '"vip"', type: 'boolean' },
  birthday: { column: '"birthday"', type: 'date' },
  createdAt: { column: '"created_at"', type: 'datetime' },
  tags: { column: '"tags"', type: 'json' },
  ownerId: { column: '"owner_id"', type: 'text' },
};

// Text pieces chosen to catch LIKE wildcards, case folding, 'null' and code-point counting.
const piece = fc.constantFrom(
  '',
  'a',
  'A',
  'ab',
  '%',
  '_',
  'null',
  '中',
  '文',
  '1',
  ' 1',
  '😀',
  'u1',
  't1',
);
const text = fc.array(piece, { maxLength: 3 }).map((p) => p.join(''));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const day = fc
  .integer({ min: 0, max: 120 })
  .map((d) => new Date(NOW - (d - 20) * 86_400_000).toISOString().slice(0, 10));
const instant = fc.integer({ min: -200, max: 2000 }).map((h) => NOW - h * 1_800_000);
const num = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -1.5, 2.25, 100));

const row = fc.record({
  name: nullable(text),
  city: nullable(text),
  age: nullable(num),
  score: nullable(fc.integer({ min: -3, max: 3 })),
  vip: nullable(fc.boolean()),
  birthday: nullable(day),
  createdAt: nullable(instant),
  // Lists as multiselect fields hold them, and now and then an object (JSON columns may hold one).
  tags: nullable(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(fc.oneof(piece, fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
      },
      { weight: 1, arbitrary: fc.constantFrom({}, { a: 1 }) },
    ),
  ),
  ownerId: nullable(fc.constantFrom('u1', 'u2', '')),
});

const textField = fc.constantFrom('name', 'city', 'ownerId');
const numField = fc.constantFrom('age', 'score');
const v = (f: string) => ({ var: f });
const cmpOp = fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>=');
const eqOp = fc.constantFrom('==', '!=', '===', '!==');

/** A comparison with the literal on either side. */
const sided = (op: string, a: unknown, b: unknown, swap: boolean) => ({
  [op]: swap ? [b, a] : [a, b],
});

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(cmpOp, textField, nullable(text), fc.boolean())
    .map(([op, f, l, s]) => sided(op, v(f), l, s)),
  fc
    .tuple(
      cmpOp,
      numField,
      fc.oneof(num, fc.constantFrom('1', '', 'abc', ' 2 ', true, false, null)),
      fc.boolean(),
    )
    .map(([op, f, l, s]) => sided(op, v(f), l, s)),
  fc
    .tuple(
      cmpOp,
      fc.oneof(fc.boolean(), fc.constantFrom(0, 1, 2, '1', '0', 'x', null)),
      fc.boolean(),
    )
    .map(([op, l, s]) => sided(op, v('vip'), l, s)),
  fc.tuple(cmpOp, nullable(day), fc.boolean()).map(([op, l, s]) => sided(op, v('birthday'), l, s)),
  fc
    .tuple(cmpOp, nullable(instant), fc.boolean())
    .map(([op, l, s]) => sided(op, v('createdAt'), l, s)),
  fc.tuple(eqOp, fc.constantFrom(null)).map(([op, l]) => ({ [op]: [v('tags'), l] })),
  fc.tuple(cmpOp, textField, textField).map(([op, a, b]) => ({ [op]: [v(a), v(b)] })),
  fc.tuple(cmpOp, numField, numField).map(([op, a, b]) => ({ [op]: [v(a), v(b)] })),
  fc
    .tuple(fc.constantFrom('<', '<='), num, numField, num)
    .map(([op, a, f, b]) => ({ [op]: [a, v(f), b] })),
  fc
    .tuple(
      fc.constantFrom('<', '<=', '>', '>='),
      fc.constantFrom('daysSince', 'hoursSince'),
      fc.constantFrom('birthday', 'createdAt'),
      fc.integer({ min: -30, max: 400 }),
    )
    .map(([op, fn, f, n]) => ({ [op]: [{ [fn]: v(f) }, n] })),
  fc
    .tuple(fc.constantFrom('<', '>'), fc.constantFrom('1h', '2d', '-3h', 'PT12H'))
    .map(([op, d]) => ({ [op]: [{ addDuration: [v('createdAt'), d] }, { now: [] }] })),
  fc
    .tuple(cmpOp, fc.constantFrom('name', 'tags'), fc.integer({ min: 0, max: 4 }))
    .map(([op, f, n]) => ({ [op]: [{ length: v(f) }, n] })),
  fc
    .tuple(
      fc.constantFrom('name', 'age', 'vip', 'tags', 'score', 'ownerId'),
      fc.array(fc.oneof(piece, num, fc.boolean(), fc.constant(null)), { maxLength: 4 }),
    )
    .map(([f, list]) => ({
      in: [v(f), list],
    })),
  fc
    .tuple(
      fc.oneof(piece, fc.integer({ min: 0, max: 2 }), fc.constant(null)),
      fc.constantFrom('name', 'city', 'tags'),
    )
    .map(([l, f]) => ({ in: [l, v(f)] })),
  fc.tuple(textField, text).map(([f, hay]) => ({ in: [v(f), hay] })),
  fc
    .tuple(fc.constantFrom('name', 'tags', 'city'), fc.oneof(piece, fc.integer({ min: 0, max: 2 })))
    .map(([f, n]) => ({ contains: [v(f), n] })),
  fc.tuple(textField, text).map(([f, p]) => ({ startsWith: [v(f), p] })),
  fc
    .array(fc.constantFrom('name', 'age', 'vip', 'tags', 'birthday'), {
      minLength: 1,
      maxLength: 3,
    })
    .map((keys) => ({ missing: keys })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.array(fc.constantFrom('name', 'city', 'age', 'tags'), { minLength: 1, maxLength: 3 }),
    )
    .map(([n, keys]) => ({ missing_some: [n, keys] })),
  fc.constantFrom(...Object.keys(columns)).map((f) => ({ isEmpty: v(f) })),
  fc.constantFrom(...Object.keys(columns)).map((f) => v(f)),
  fc.constantFrom(
    { '==': [v('ownerId'), v('$user.id')] },
    { in: [v('city'), v('$user.teams')] },
    { in: [v('$user.id'), v('tags')] },
  ),
  fc.tuple(textField, text).map(([f, d]) => ({ var: [f, d] })),
  fc
    .tuple(cmpOp, numField, fc.integer({ min: -2, max: 2 }), num)
    .map(([op, f, d, l]) => ({ [op]: [{ var: [f, d] }, l] })),
  fc.tuple(text, textField).map(([s, f]) => ({ startsWith: [s, v(f)] })),
  fc
    .tuple(
      fc.oneof(text, fc.array(fc.oneof(piece, num), { maxLength: 3 })),
      fc.constantFrom('name', 'age', 'vip'),
    )
    .map(([h, f]) => ({ contains: [h, v(f)] })),
  fc.constantFrom('birthday', 'createdAt').map((f) => ({ isEmpty: { daysSince: v(f) } })),
  fc.constantFrom(
    { missing: ['$user.id', 'name'] },
    { in: ['sales', v('$user.roles')] },
    { '==': [v('$user.nope'), null] },
  ),
);

const condition: fc.Arbitrary<unknown> = fc.letrec<{ c: unknown }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 0, maxLength: 3 }).map((xs) => ({ and: xs })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((xs) => ({ or: xs })),
    tie('c').map((x) => ({ '!': x })),
    tie('c').map((x) => ({ '!!': [x] })),
    fc.tuple(tie('c'), tie('c'), tie('c')).map(([a, b, c]) => ({ if: [a, b, c] })),
  ),
})).c;

const tables = await sqlTables(columns);
afterAll(async () => {
  for (const t of tables) await t.close();
});

describe('compileToSql parity with evaluate', () => {
  it(`selects exactly the rows evaluate selects, for generated conditions and tables (${tables.map((t) => t.dialect).join(' and ')})`, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.array(condition, { minLength: 5, maxLength: 5 }),
        async (rows, conditions) => {
          for (const t of tables) await t.load(rows);
          for (const expr of conditions) {
            const want = rows.flatMap((r, i) => (truthy(evaluate(expr, r, ctx)) ? [i] : []));
            for (const t of tables) {
              const got = await t.select(expr, ctx);
              expect({ dialect: t.dialect, expr, got }).toEqual({
                dialect: t.dialect,
                expr,
                got: want,
              });
            }
            checked++;
          }
        },
      ),
      { numRuns: 120, seed: 20261122 },
    );
    expect(checked).toBeGreaterThanOrEqual(500);
  });
});
