import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileToSql, evaluate } from '@trellis/logic';
import { readCondition, writeCondition } from './condition-tree';
import { OPERATORS, operatorsFor } from './operators';
import type { ConditionField, ConditionGroup, ConditionNode, FieldKind } from './types';

const FIELDS: ConditionField[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'age', label: 'Age', kind: 'number' },
  { key: 'budget', label: 'Budget', kind: 'money' },
  { key: 'trialOn', label: 'Trial on', kind: 'date' },
  { key: 'createdAt', label: 'Created', kind: 'datetime', system: true },
  { key: 'vip', label: 'VIP', kind: 'boolean' },
  { key: 'course', label: 'Course', kind: 'choice', options: [{ value: 'py', label: 'Python' }] },
  { key: 'tags', label: 'Tags', kind: 'multi', options: [{ value: 'hot', label: 'Hot' }] },
  { key: 'ownerId', label: 'Owner', kind: 'user', system: true },
  { key: 'teamId', label: 'Team', kind: 'team', system: true },
  { key: 'school', label: 'School', kind: 'ref' },
];
const SCOPE = { user: true, previous: true };
const kindOf = (key: string) => FIELDS.find((f) => f.key === key)!.kind;
const rule = (field: string, op: string, value?: unknown): ConditionNode => ({
  kind: 'rule',
  field,
  op,
  ...(value !== undefined ? { value } : {}),
});
const all = (...children: ConditionNode[]): ConditionGroup => ({
  kind: 'group',
  join: 'all',
  children,
});

describe('reading back what the condition builder wrote', () => {
  it('writes each operator as plain JSONLogic', () => {
    expect(writeCondition(all(rule('course', 'eq', 'py')))).toEqual({
      '==': [{ var: 'course' }, 'py'],
    });
    expect(writeCondition(all(rule('budget', 'between', [100, 500])))).toEqual({
      '<=': [100, { var: 'budget' }, 500],
    });
    expect(writeCondition(all(rule('ownerId', 'isMe')))).toEqual({
      '==': [{ var: 'ownerId' }, { var: '$user.id' }],
    });
    expect(writeCondition(all(rule('name', 'notEmpty')))).toEqual({
      '!': { isEmpty: { var: 'name' } },
    });
    expect(
      writeCondition({ kind: 'group', join: 'none', children: [rule('vip', 'isTrue')] }),
    ).toEqual({ '!': { or: [{ '==': [{ var: 'vip' }, true] }] } });
    expect(writeCondition(all())).toBeUndefined();
    expect(writeCondition(all(all(), rule('vip', 'isFalse')))).toEqual({ '!': { var: 'vip' } });
  });

  it('reads every operator of every kind back to the same rule', () => {
    for (const field of FIELDS)
      for (const op of operatorsFor(field.kind, SCOPE)) {
        const value =
          op.value === 'none'
            ? undefined
            : op.value === 'range'
              ? [1, 2]
              : op.value === 'list'
                ? ['a', 'b']
                : op.value === 'count'
                  ? 3
                  : 'x';
        const tree = all(rule(field.key, op.key, value));
        const expr = writeCondition(tree);
        expect(readCondition(expr, FIELDS, SCOPE), `${field.key} ${op.key}`).toEqual(tree);
      }
  });

  it('keeps what it cannot show as raw JSON and writes it back unchanged', () => {
    const foreign = [
      { var: ['name', 'x'] },
      { and: [] },
      { '==': ['py', { var: 'course' }] },
      { '!': [{ var: 'vip' }] },
      { '==': [{ var: 'course' }, 'py'], extra: 1 },
      { in: [{ var: 'name' }, { var: 'school' }] },
      { '==': [{ var: 'unknownField' }, 1] },
      { '>': [{ var: 'name' }, 3] }, // ordering is not offered for text
      { '+': [1, 2] },
      'literal',
      { or: [{ '==': [{ var: 'age' }, 3] }, { cat: ['a', 'b'] }] },
    ];
    for (const expr of foreign) {
      const tree = readCondition(expr, FIELDS, SCOPE);
      expect(writeCondition(tree), JSON.stringify(expr)).toEqual(expr);
    }
    const mixed = readCondition(
      { or: [{ '==': [{ var: 'age' }, 3] }, { cat: ['a', 'b'] }] },
      FIELDS,
      SCOPE,
    );
    expect(mixed.children).toEqual([
      rule('age', 'eq', 3),
      { kind: 'raw', logic: { cat: ['a', 'b'] } },
    ]);
    // "is me" needs a signed-in reader: a form condition (no $user) keeps it raw.
    const mine = { '==': [{ var: 'ownerId' }, { var: '$user.id' }] };
    expect(readCondition(mine, FIELDS, {}).children[0]).toEqual({ kind: 'raw', logic: mine });
  });

  it('reads the shapes templates write for "is empty" / "is filled in" where they mean exactly that', () => {
    const read = (expr: unknown) => readCondition(expr, FIELDS, SCOPE).children[0];
    expect(read({ '!': { var: 'ownerId' } })).toEqual(rule('ownerId', 'empty'));
    expect(read({ '!': [{ var: 'trialOn' }] })).toEqual(rule('trialOn', 'empty'));
    expect(read({ isEmpty: [{ var: 'age' }] })).toEqual(rule('age', 'empty'));
    expect(read({ '!!': { var: 'name' } })).toEqual(rule('name', 'notEmpty'));
    // 0 is falsy but not empty, a boolean's "!" is "is no": those stay as they are.
    expect(read({ '!': { var: 'age' } })).toEqual({ kind: 'raw', logic: { '!': { var: 'age' } } });
    expect(read({ '!': { var: 'vip' } })).toEqual(rule('vip', 'isFalse'));
    // Edited, the rule is written in the builder's own shape, which means the same.
    expect(writeCondition(all(rule('ownerId', 'empty')))).toEqual({ isEmpty: { var: 'ownerId' } });
  });

  it('round-trips any tree it can build (property)', () => {
    const literal = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null));
    const ruleArb = fc
      .constantFrom(...FIELDS)
      .chain((f) =>
        fc
          .constantFrom(...operatorsFor(f.kind, SCOPE))
          .chain((op) =>
            (op.value === 'none'
              ? fc.constant(undefined)
              : op.value === 'range'
                ? fc.tuple(fc.integer(), fc.integer())
                : op.value === 'list'
                  ? fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 })
                  : op.value === 'count'
                    ? fc.nat(400)
                    : literal
            ).map((value) => rule(f.key, op.key, value)),
          ),
      );
    const { node } = fc.letrec<{ node: ConditionNode; group: ConditionGroup }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ruleArb, tie('group')),
      group: fc.record({
        kind: fc.constant('group' as const),
        join: fc.constantFrom('all' as const, 'any' as const, 'none' as const),
        children: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      }),
    }));
    fc.assert(
      fc.property(
        fc.array(node, { maxLength: 4 }),
        fc.constantFrom('all', 'any', 'none'),
        (children, join) => {
          const expr = writeCondition({ kind: 'group', join: join as 'all', children });
          const back = readCondition(expr, FIELDS, SCOPE);
          expect(writeCondition(back)).toEqual(expr);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('what the written conditions mean', () => {
  const now = Date.UTC(2026, 0, 10);
  const lead = {
    name: '王小明',
    age: 30,
    budget: 500000,
    trialOn: '2026-01-08',
    createdAt: now - 3 * 86_400_000,
    vip: false,
    course: 'py',
    tags: ['hot'],
    ownerId: 'u1',
    teamId: 't1',
    school: null,
  };
  const holds = (
    node: ConditionNode,
    record: Record<string, unknown> = lead,
    previous?: Record<string, unknown>,
  ) =>
    Boolean(
      evaluate(writeCondition(all(node)) as never, record, {
        now,
        user: { id: 'u1', teams: ['t1'], roles: [] },
        ...(previous ? { previous } : {}),
      }),
    );

  it('matches records as the operator names say', () => {
    const cases: [ConditionNode, boolean][] = [
      [rule('course', 'eq', 'py'), true],
      [rule('course', 'ne', 'py'), false],
      [rule('course', 'in', ['go', 'py']), true],
      [rule('course', 'notIn', ['go', 'py']), false],
      [rule('name', 'contains', '小'), true],
      [rule('name', 'startsWith', '李'), false],
      [rule('tags', 'contains', 'hot'), true],
      [rule('tags', 'notContains', 'hot'), false],
      [rule('budget', 'between', [100000, 500000]), true],
      [rule('budget', 'gt', 500000), false],
      [rule('age', 'lte', 30), true],
      [rule('trialOn', 'lt', '2026-01-09'), true],
      [rule('createdAt', 'withinDays', 7), true],
      [rule('createdAt', 'olderThanDays', 7), false],
      [rule('createdAt', 'olderThanHours', 48), true],
      [rule('vip', 'isTrue'), false],
      [rule('vip', 'isFalse'), true],
      [rule('school', 'empty'), true],
      [rule('name', 'notEmpty'), true],
      [rule('ownerId', 'isMe'), true],
      [rule('ownerId', 'notMe'), false],
      [rule('teamId', 'inMyTeams'), true],
    ];
    for (const [node, expected] of cases) expect(holds(node), JSON.stringify(node)).toBe(expected);
    expect(holds({ kind: 'group', join: 'none', children: [rule('vip', 'isTrue')] })).toBe(true);
    expect(
      holds({
        kind: 'group',
        join: 'any',
        children: [rule('vip', 'isTrue'), rule('age', 'eq', 30)],
      }),
    ).toBe(true);
  });

  it('knows changes against the previous record', () => {
    expect(holds(rule('course', 'changed'), lead, { ...lead, course: 'go' })).toBe(true);
    expect(holds(rule('course', 'changedTo', 'py'), lead, { ...lead, course: 'go' })).toBe(true);
    expect(holds(rule('course', 'changedFrom', 'py'), lead, { ...lead, course: 'go' })).toBe(false);
    expect(holds(rule('course', 'changed'), lead, lead)).toBe(false);
  });

  it('compiles every operator that needs no previous record to SQL (view filters)', () => {
    const types: Record<FieldKind, string> = {
      text: 'text',
      number: 'number',
      money: 'integer',
      date: 'date',
      datetime: 'datetime',
      boolean: 'boolean',
      choice: 'text',
      multi: 'json',
      user: 'text',
      team: 'text',
      ref: 'text',
      other: 'json',
    };
    const columns = Object.fromEntries(
      FIELDS.map((f) => [f.key, { column: `"${f.key}"`, type: types[f.kind] }]),
    );
    for (const op of OPERATORS.filter((o) => o.needs !== 'previous'))
      for (const field of FIELDS.filter((f) => op.kinds.includes(f.kind))) {
        const one = (k: FieldKind) =>
          k === 'date' ? '2026-01-01' : ['number', 'money', 'datetime'].includes(k) ? 1 : 'a';
        const k = kindOf(field.key);
        const value =
          op.value === 'range'
            ? [one(k), one(k)]
            : op.value === 'list'
              ? [one(k)]
              : op.value === 'count'
                ? 2
                : op.value === 'one'
                  ? one(k)
                  : undefined;
        const expr = writeCondition(all(rule(field.key, op.key, value)));
        const out = compileToSql(expr as never, {
          columns: columns as never,
          ctx: { now, user: { id: 'u1', teams: ['t1'], roles: [] } },
        });
        expect(out.ok, `${op.key} on ${field.key}: ${JSON.stringify(out)}`).toBe(true);
      }
  });
});
