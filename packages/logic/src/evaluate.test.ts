import { describe, expect, it } from 'vitest';
import { LogicError, analyse, check, createLogic, evaluate, tryEvaluate } from './index';

describe('evaluate: prototype safety', () => {
  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'constructor.name',
    '__proto__.constructor',
  ])('reads %s as null', (path) => {
    expect(evaluate({ var: path }, { a: 1 })).toBeNull();
  });
  it('does not reach array or string prototype members', () => {
    expect(evaluate({ var: 'tags.map' }, { tags: ['a'] })).toBeNull();
    expect(evaluate({ var: 'name.length' }, { name: 'abc' })).toBeNull();
    expect(evaluate({ var: 'tags.0' }, { tags: ['a'] })).toBe('a');
  });
  it('still reads own properties named like prototype members', () => {
    expect(evaluate({ var: 'constructor' }, JSON.parse('{"constructor":"own"}'))).toBe('own');
  });
  it('never resolves prototype members as operators', () => {
    for (const op of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(() => evaluate({ [op]: [] }, {})).toThrow(LogicError);
    }
  });
  it('refuses method and log', () => {
    expect(tryEvaluate({ method: ['abc', 'toUpperCase'] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.unknownOperator' },
    });
    expect(tryEvaluate({ log: 'x' }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.unknownOperator' },
    });
  });
});

describe('evaluate: null and missing', () => {
  const data = { budget: null, n: 0, s: '' };
  it.each([
    [{ '<': [{ var: 'budget' }, 1] }, false],
    [{ '>=': [{ var: 'budget' }, 0] }, false],
    [{ '<=': [{ var: 'nope' }, 0] }, false],
    [{ '>': [1, { var: 'nope' }] }, false],
    [{ '<': [0, { var: 'budget' }, 5] }, false],
    [{ '<': [0, 1, { var: 'budget' }] }, false],
    [{ '==': [{ var: 'budget' }, null] }, true],
    [{ '==': [{ var: 'nope' }, null] }, true],
    [{ '!=': [{ var: 'budget' }, null] }, false],
    [{ '==': [{ var: 'budget' }, 0] }, false],
    [{ '===': [{ var: 'nope' }, null] }, true],
    [{ '!=': [{ var: 'budget' }, 5] }, true],
    [{ '<=': [{ var: 'n' }, 0] }, true],
    [{ '!': { var: 'budget' } }, true],
  ])('%j -> %s', (expr, want) => {
    expect(evaluate(expr, data)).toBe(want);
  });
  it('applies var defaults to missing and null values alike', () => {
    expect(evaluate({ var: ['budget', 7] }, data)).toBe(7);
    expect(evaluate({ var: ['nope', 7] }, data)).toBe(7);
    expect(evaluate({ var: ['n', 7] }, data)).toBe(0);
    expect(evaluate({ var: ['s', 7] }, data)).toBe('');
  });
  it('returns null instead of undefined', () => {
    expect(evaluate({ and: [] }, {})).toBeNull();
    expect(evaluate({ var: 'x' }, undefined)).toBeNull();
  });
});

describe('evaluate: context', () => {
  const ctx = {
    now: 0,
    user: { id: 'u1', teams: ['t1'], roles: ['sales'] },
    previous: { stage: 'new', tags: ['a'] },
  };
  it('reads $user and $previous, also inside loops', () => {
    expect(evaluate({ var: '$user.id' }, {}, ctx)).toBe('u1');
    expect(evaluate({ in: ['t1', { var: '$user.teams' }] }, {}, ctx)).toBe(true);
    expect(evaluate({ var: '$user.roles.0' }, {}, ctx)).toBe('sales');
    expect(evaluate({ var: '$previous.stage' }, { stage: 'won' }, ctx)).toBe('new');
    expect(
      evaluate(
        { filter: [{ var: 'watchers' }, { '==': [{ var: '' }, { var: '$user.id' }] }] },
        { watchers: ['u2', 'u1'] },
        ctx,
      ),
    ).toEqual(['u1']);
    expect(evaluate({ var: '$user.id' }, {})).toBeNull();
    expect(evaluate({ var: '$user.constructor' }, {}, ctx)).toBeNull();
  });
});

describe('limits', () => {
  const logic = createLogic({
    limits: {
      maxDepth: 5,
      maxNodes: 20,
      maxArrayLength: 10,
      maxStringLength: 20,
      maxIterations: 30,
    },
  });
  it('refuses too deep expressions with the path of the offending node', () => {
    const r = logic.tryEvaluate({ '!': { '!': { '!': { '!': { '!': true } } } } }, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'logic.tooDeep', path: '/!/!/!/!/!' } });
  });
  it('refuses too many nodes', () => {
    expect(
      logic.tryEvaluate(
        { and: Array.from({ length: 5 }, () => ({ or: [true, true, true, true] })) },
        {},
      ),
    ).toMatchObject({ ok: false, error: { code: 'logic.tooLarge' } });
  });
  it('stops merge and reduce from growing without bound', () => {
    const grow = {
      reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }, 1] }, []],
    };
    expect(logic.tryEvaluate(grow, { xs: [1, 2, 3, 4, 5] })).toMatchObject({
      ok: false,
      error: { code: 'logic.arrayTooLong' },
    });
    expect(
      logic.tryEvaluate({ merge: [{ var: 'a' }, { var: 'a' }] }, { a: [1, 2, 3, 4, 5, 6] }),
    ).toMatchObject({ ok: false, error: { code: 'logic.arrayTooLong' } });
    const cat = {
      reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }, 'ab'] }, ''],
    };
    expect(logic.tryEvaluate(cat, { xs: [1, 2, 3, 4, 5] })).toMatchObject({
      ok: false,
      error: { code: 'logic.stringTooLong' },
    });
  });
  it('limits loop input length and total iterations', () => {
    expect(
      logic.tryEvaluate({ map: [{ var: 'xs' }, 1] }, { xs: Array.from({ length: 11 }, () => 0) }),
    ).toMatchObject({ ok: false, error: { code: 'logic.arrayTooLong' } });
    const nested = { map: [{ var: 'xs' }, { map: [{ var: '$previous.xs' }, 1] }] };
    const xs = Array.from({ length: 8 }, () => 0);
    expect(logic.tryEvaluate(nested, { xs }, { previous: { xs } })).toMatchObject({
      ok: false,
      error: { code: 'logic.tooManyIterations' },
    });
    expect(logic.evaluate({ map: [{ var: 'xs' }, 1] }, { xs: [0, 0] })).toEqual([1, 1]);
  });
  it('refuses long literal strings and arrays', () => {
    expect(logic.tryEvaluate({ '==': ['x'.repeat(21), 1] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.stringTooLong', path: '/==/0' },
    });
    expect(logic.tryEvaluate({ in: [1, Array.from({ length: 11 }, () => 1)] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.arrayTooLong' },
    });
  });
  it('localizes error messages', () => {
    const zh = logic.tryEvaluate({ nope: [] }, {});
    const en = logic.tryEvaluate({ nope: [] }, {}, { locale: 'en' });
    expect(zh).toMatchObject({ ok: false, error: { message: '未知的运算符 “nope”。' } });
    expect(en).toMatchObject({ ok: false, error: { message: 'Unknown operator "nope".' } });
  });
});

describe('createLogic', () => {
  it('registers operators per instance only', () => {
    const a = createLogic({ operators: { double: ([x]) => (x as number) * 2 } });
    const b = createLogic();
    expect(a.evaluate({ double: 21 }, {})).toBe(42);
    expect(b.tryEvaluate({ double: 21 }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.unknownOperator' },
    });
    expect(a.operators()).toContain('double');
    expect(b.operators()).not.toContain('double');
  });
  it('turns a throwing custom operator into a LogicError', () => {
    const a = createLogic({
      operators: {
        boom: () => {
          throw new Error('x');
        },
      },
    });
    expect(a.tryEvaluate({ boom: [] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.operatorFailed' },
    });
  });
  it('enforces an operator allowlist in evaluate, check and compileToSql', () => {
    const a = createLogic({ allow: ['and', '==', 'var'] });
    expect(a.evaluate({ and: [{ '==': [{ var: 'x' }, 1] }] }, { x: 1 })).toBe(true);
    expect(a.tryEvaluate({ or: [true] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.operatorNotAllowed', path: '' },
    });
    expect(a.tryEvaluate({ and: [{ map: [[1], 1] }] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.operatorNotAllowed', path: '/and/0' },
    });
    expect(a.check({ and: [{ '!': true }] }, { fields: [] })).toMatchObject([
      { path: '/and/0', code: 'logic.operatorNotAllowed' },
    ]);
    expect(a.compileToSql({ '!': true }, { columns: {} })).toMatchObject({
      ok: false,
      errors: [{ code: 'logic.operatorNotAllowed' }],
    });
  });
  it('analyses and checks absurdly deep input without throwing', () => {
    let deep: unknown = { var: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { '!': deep };
    expect(() => analyse(deep)).not.toThrow();
    expect(check(deep, { fields: ['x'] })).toMatchObject([{ code: 'logic.tooDeep' }]);
    expect(tryEvaluate(deep, {})).toMatchObject({ ok: false, error: { code: 'logic.tooDeep' } });
  });
  it('cannot override special forms such as var', () => {
    const a = createLogic({ operators: { var: () => 'hijacked' } });
    expect(a.evaluate({ var: 'x' }, { x: 1 })).toBe(1);
  });
  it('shares literal lists between evaluations only frozen', () => {
    const expr = { if: [true, ['a', 'b'], []] };
    const first = evaluate(expr, {}) as string[];
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => first.push('c')).toThrow(TypeError);
    expect(evaluate(expr, {})).toEqual(['a', 'b']);
  });
  it('caches compiled expressions per object without mixing data', () => {
    const expr = { '>': [{ var: 'n' }, 1] };
    expect(evaluate(expr, { n: 2 })).toBe(true);
    expect(evaluate(expr, { n: 0 })).toBe(false);
  });
});
