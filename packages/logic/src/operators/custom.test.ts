import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../index';

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
const ctx = { now: NOW };

describe('date operators', () => {
  it('now returns ctx.now, or the clock', () => {
    expect(evaluate({ now: [] }, {}, ctx)).toBe(NOW);
    const t = evaluate({ now: [] }, {}) as number;
    expect(Math.abs(t - Date.now())).toBeLessThan(5000);
  });
  it('daysSince and hoursSince accept epoch ms, dates and datetimes (UTC without offset)', () => {
    expect(evaluate({ daysSince: NOW - 3 * 86_400_000 }, {}, ctx)).toBe(3);
    expect(evaluate({ daysSince: '2024-06-14' }, {}, ctx)).toBe(1.5);
    expect(evaluate({ hoursSince: '2024-06-15T10:00:00Z' }, {}, ctx)).toBe(2);
    expect(evaluate({ hoursSince: '2024-06-15T10:00' }, {}, ctx)).toBe(2);
    expect(evaluate({ hoursSince: '2024-06-15T12:00:00+02:00' }, {}, ctx)).toBe(2);
    expect(evaluate({ daysSince: { var: 'd' } }, { d: NOW + 86_400_000 }, ctx)).toBe(-1);
  });
  it.each([null, 'yesterday', '2024-02-31', '2024-6-1', true, [], {}])(
    'daysSince(%j) is null',
    (v) => {
      expect(evaluate({ daysSince: [v] }, {}, ctx)).toBeNull();
    },
  );
  it('addDuration returns epoch ms', () => {
    expect(evaluate({ addDuration: ['2024-01-31', 'P1M'] }, {})).toBe(Date.UTC(2024, 1, 29));
    expect(evaluate({ addDuration: [{ now: [] }, '48h'] }, {}, ctx)).toBe(NOW + 48 * 3_600_000);
    expect(evaluate({ addDuration: [{ var: 'x' }, '1d'] }, {})).toBeNull();
    expect(evaluate({ addDuration: [NOW, 'soon'] }, {})).toBeNull();
    expect(evaluate({ addDuration: [NOW, 5] }, {})).toBeNull();
  });
  it('compares SLA deadlines', () => {
    const overdue = { '>': [{ hoursSince: { var: 'lastActivityAt' } }, 48] };
    expect(evaluate(overdue, { lastActivityAt: NOW - 49 * 3_600_000 }, ctx)).toBe(true);
    expect(evaluate(overdue, { lastActivityAt: NOW - 47 * 3_600_000 }, ctx)).toBe(false);
    expect(evaluate(overdue, { lastActivityAt: null }, ctx)).toBe(false);
  });
});

describe('text and list operators', () => {
  it.each([
    [null, true],
    [undefined, true],
    ['', true],
    [[], true],
    [{}, true],
    [' ', false],
    [0, false],
    [false, false],
    [['a'], false],
    [{ a: 1 }, false],
  ])('isEmpty(%j) = %s', (v, want) => {
    expect(evaluate({ isEmpty: { var: 'x' } }, { x: v })).toBe(want);
  });
  it('startsWith is case-sensitive and literal', () => {
    expect(evaluate({ startsWith: ['Python 入门', 'Py'] }, {})).toBe(true);
    expect(evaluate({ startsWith: ['python', 'Py'] }, {})).toBe(false);
    expect(evaluate({ startsWith: ['a.c', '.'] }, {})).toBe(false);
    expect(evaluate({ startsWith: [{ var: 'x' }, ''] }, {})).toBe(false);
    expect(evaluate({ startsWith: [12, 1] }, {})).toBe(false);
  });
  it('contains tests substrings (no regex) and list items (strict)', () => {
    expect(evaluate({ contains: ['少儿编程', '编程'] }, {})).toBe(true);
    expect(evaluate({ contains: ['a+b', '.+'] }, {})).toBe(false);
    expect(evaluate({ contains: [['1', 2], 2] }, {})).toBe(true);
    expect(evaluate({ contains: [['1', 2], 1] }, {})).toBe(false);
    expect(evaluate({ contains: ['abc', 1] }, {})).toBe(false);
    expect(evaluate({ contains: [null, 'a'] }, {})).toBe(false);
  });
  it('sha256 gives a stable hex code of the values joined by |, null when one is missing', () => {
    const code = evaluate(
      { sha256: [{ var: 'phone' }, { var: 'taxId' }] },
      {
        phone: '+8613800138000',
        taxId: '91330100MA2B3C4D5E',
      },
    );
    // sha256("+8613800138000|91330100MA2B3C4D5E"), as node:crypto computes it.
    expect(code).toBe(
      createHash('sha256').update('+8613800138000|91330100MA2B3C4D5E').digest('hex'),
    );
    expect(evaluate({ sha256: ['a', 1] }, {})).toBe(
      createHash('sha256').update('a|1').digest('hex'),
    );
    expect(
      evaluate({ sha256: [{ var: 'phone' }, { var: 'taxId' }] }, { phone: '+861' }),
    ).toBeNull();
    expect(evaluate({ sha256: ['a', ''] }, {})).toBeNull();
    expect(evaluate({ sha256: [['a'], 'b'] }, {})).toBeNull();
  });

  it('length counts characters and list items; null counts 0', () => {
    expect(evaluate({ length: '张三😀' }, {})).toBe(3);
    expect(evaluate({ length: [[1, 2, 3]] }, {})).toBe(3);
    expect(evaluate({ length: { var: 'x' } }, {})).toBe(0);
    expect(evaluate({ length: 5 }, {})).toBeNull();
  });
});

describe('changed operators', () => {
  const previous = { stage: 'new', tags: ['a'], owner: null };
  const next = { stage: 'trial', tags: ['a'], owner: 'u1' };
  const ctx = { previous };
  it('detects changes between ctx.previous and the record', () => {
    expect(evaluate({ changed: 'stage' }, next, ctx)).toBe(true);
    expect(evaluate({ changed: 'tags' }, next, ctx)).toBe(false);
    expect(evaluate({ changed: 'owner' }, next, ctx)).toBe(true);
    expect(evaluate({ changed: 'missing' }, next, ctx)).toBe(false);
    expect(evaluate({ changed: 'tags' }, { ...next, tags: ['a', 'b'] }, ctx)).toBe(true);
  });
  it('changedTo and changedFrom compare the new and old value', () => {
    expect(evaluate({ changedTo: ['stage', 'trial'] }, next, ctx)).toBe(true);
    expect(evaluate({ changedTo: ['stage', 'won'] }, next, ctx)).toBe(false);
    expect(evaluate({ changedFrom: ['stage', 'new'] }, next, ctx)).toBe(true);
    expect(evaluate({ changedFrom: ['owner', null] }, next, ctx)).toBe(true);
    expect(evaluate({ changedTo: ['tags', ['a']] }, next, ctx)).toBe(false);
  });
  it('is false without a previous record (a create)', () => {
    expect(evaluate({ changed: 'stage' }, next, {})).toBe(false);
    expect(evaluate({ changedTo: ['stage', 'trial'] }, next, { previous: null })).toBe(false);
  });
  it('reads the record, not the loop item, inside loops', () => {
    expect(evaluate({ some: [[1], { changed: 'stage' }] }, next, ctx)).toBe(true);
  });
});
