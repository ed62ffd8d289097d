import { describe, expect, it } from 'vitest';
import { analyse } from './index';

describe('analyse', () => {
  it('lists fields and operators of a plain condition', () => {
    const r = analyse({
      and: [{ '==': [{ var: 'stage' }, 'new'] }, { '>': [{ var: 'budget' }, 1000] }],
    });
    expect(r.fields).toEqual(['budget', 'stage']);
    expect(r.operators).toEqual(['==', '>', 'and', 'var']);
    expect(r).toMatchObject({ usesUser: false, usesPrevious: false, usesNow: false });
  });

  it('counts the first segment of dotted paths and fields inside var defaults', () => {
    expect(analyse({ var: ['company.name', { var: 'fallback' }] }).fields).toEqual([
      'company',
      'fallback',
    ]);
  });

  it('counts missing and missing_some keys, including merge/if computed key lists', () => {
    expect(analyse({ missing: ['a', 'b'] }).fields).toEqual(['a', 'b']);
    expect(analyse({ missing: 'solo' }).fields).toEqual(['solo']);
    expect(analyse({ missing_some: [1, ['x', 'y']] }).fields).toEqual(['x', 'y']);
    const rule = {
      missing: { merge: ['vin', { if: [{ var: 'financing' }, ['apr', 'term'], []] }] },
    };
    expect(analyse(rule).fields).toEqual(['apr', 'financing', 'term', 'vin']);
  });

  it('excludes loop-item variables but keeps the loop input', () => {
    const r = analyse({
      and: [
        { some: [{ var: 'tags' }, { '==': [{ var: '' }, 'vip'] }] },
        { all: [{ var: 'items' }, { '>': [{ var: 'qty' }, 0] }] },
        {
          reduce: [
            { var: 'lines' },
            { '+': [{ var: 'current.price' }, { var: 'accumulator' }] },
            { var: 'base' },
          ],
        },
      ],
    });
    expect(r.fields).toEqual(['base', 'items', 'lines', 'tags']);
  });

  it('sets flags for $user, $previous, now and the changed operators', () => {
    const r = analyse({
      or: [
        { in: [{ var: '$user.id' }, { var: 'watchers' }] },
        { '==': [{ var: '$previous.stage' }, 'new'] },
        { changedTo: ['ownerId', null] },
        { '>': [{ daysSince: { var: 'lastActivityAt' } }, 3] },
      ],
    });
    expect(r.fields).toEqual(['lastActivityAt', 'ownerId', 'stage', 'watchers']);
    expect(r).toMatchObject({ usesUser: true, usesPrevious: true, usesNow: true });
  });

  it('treats $user inside a loop body as context, not as an item variable', () => {
    const r = analyse({
      some: [{ var: 'teamKeys' }, { in: [{ var: '' }, { var: '$user.teams' }] }],
    });
    expect(r.fields).toEqual(['teamKeys']);
    expect(r.usesUser).toBe(true);
  });
});
