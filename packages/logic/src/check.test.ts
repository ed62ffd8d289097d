import { describe, expect, it } from 'vitest';
import { check } from './index';

const fields = ['stage', 'budget', 'source', 'tags', 'ownerId'];

describe('check', () => {
  it('accepts a valid condition', () => {
    expect(
      check(
        { and: [{ '==': [{ var: 'stage' }, 'new'] }, { changedTo: ['stage', 'trial'] }] },
        { fields },
      ),
    ).toEqual([]);
  });

  it('points at an unknown field with a localized message', () => {
    const [zh] = check(
      { and: [{ '==': [{ var: 'stage' }, 'new'] }, { '==': [{ var: 'budjet' }, 1] }] },
      { fields },
    );
    expect(zh).toMatchObject({
      path: '/and/1/==/0',
      code: 'logic.unknownField',
      params: { field: 'budjet' },
    });
    expect(zh?.message).toContain('budjet');
    expect(zh?.message).toMatch(/字段/);
    const [en] = check({ '==': [{ var: 'budjet' }, 1] }, { fields, locale: 'en' });
    expect(en?.message).toBe('The condition refers to a field "budjet" that does not exist.');
  });

  it('points at the var object in both var forms, and at the key in missing', () => {
    expect(check({ '==': [{ var: ['nope', 1] }, 1] }, { fields })[0]?.path).toBe('/==/0');
    expect(check({ '==': [1, { var: 'nope' }] }, { fields })[0]?.path).toBe('/==/1');
    expect(check({ missing: ['stage', 'nope'] }, { fields })[0]?.path).toBe('/missing/1');
    expect(check({ missing_some: [1, ['nope']] }, { fields })[0]?.path).toBe('/missing_some/1/0');
  });

  it('reports unknown and disallowed operators', () => {
    expect(
      check({ and: [{ method: [{ var: 'stage' }, 'toUpperCase'] }] }, { fields }),
    ).toMatchObject([
      { path: '/and/0', code: 'logic.unknownOperator', params: { operator: 'method' } },
    ]);
    expect(check({ or: [{ '==': [1, 1] }] }, { fields, operators: ['==', 'and'] })).toMatchObject([
      { path: '', code: 'logic.operatorNotAllowed' },
    ]);
  });

  it('reports limits', () => {
    let deep: unknown = true;
    for (let i = 0; i < 40; i++) deep = { '!': [deep] };
    expect(check(deep, { fields })).toMatchObject([{ code: 'logic.tooDeep' }]);
    const big = { and: Array.from({ length: 50 }, () => ({ '==': [1, 1] })) };
    expect(check(big, { fields, limits: { maxNodes: 40 } })).toMatchObject([
      { path: '', code: 'logic.tooLarge' },
    ]);
  });

  it('reports bad arguments and bad duration literals', () => {
    expect(check({ changedTo: 'stage' }, { fields })).toMatchObject([
      { path: '/changedTo', code: 'logic.badArguments' },
    ]);
    expect(
      check({ '>': [{ now: [] }, { addDuration: [{ var: 'budget' }, '3 days'] }] }, { fields }),
    ).toMatchObject([
      { path: '/>/1/addDuration', code: 'logic.badDuration', params: { value: '3 days' } },
    ]);
  });

  it('checks $user properties, $previous fields, changed fields and computed field names', () => {
    const issues = check(
      {
        and: [
          { '==': [{ var: '$user.name' }, 'x'] },
          { '==': [{ var: '$previous.nope' }, 1] },
          { changed: 'ghost' },
          { var: { cat: ['st', 'age'] } },
        ],
      },
      { fields },
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/and/0/==/0', 'logic.unknownField'],
      ['/and/1/==/0', 'logic.unknownField'],
      ['/and/2/changed', 'logic.unknownField'],
      ['/and/3', 'logic.dynamicField'],
    ]);
  });

  it('does not treat loop-item variables as fields', () => {
    expect(check({ some: [{ var: 'tags' }, { '==': [{ var: '' }, 'vip'] }] }, { fields })).toEqual(
      [],
    );
    expect(
      check({ some: [{ var: 'tags' }, { '==': [{ var: 'label' }, 'vip'] }] }, { fields }),
    ).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const expr of [
      undefined,
      null,
      1,
      'x',
      [],
      {},
      { a: 1, b: 2 },
      { var: null },
      { missing_some: 'x' },
    ]) {
      expect(() => check(expr, { fields })).not.toThrow();
    }
  });
});
