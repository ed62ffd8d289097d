import { describe, expect, it } from 'vitest';
import { listParamsOf, readFilter, readSort, writeFilter, writeSort } from './list-url';

describe('list state in the URL', () => {
  it('round-trips a filter and a sort', () => {
    const model = {
      join: 'or' as const,
      rows: [
        { field: 'source', op: 'in' as const, value: ['douyin'] },
        { field: 'name', op: 'contains' as const, value: '王' },
      ],
    };
    expect(readFilter(writeFilter(model))).toEqual(model);
    expect(readSort(writeSort({ field: 'createdAt', dir: 'desc' }))).toEqual({
      field: 'createdAt',
      dir: 'desc',
    });
    expect(writeSort({ field: 'name', dir: 'asc' })).toBe('name');
  });

  it('reads a malformed or tampered parameter as no filter', () => {
    expect(readFilter('{not json')).toEqual({ join: 'and', rows: [] });
    expect(readFilter(JSON.stringify({ join: 'xor', rows: [{ field: 'a', op: 'drop' }] }))).toEqual(
      { join: 'and', rows: [] },
    );
    expect(writeFilter({ join: 'and', rows: [] })).toBeNull();
    expect(readSort('-')).toBeNull();
  });

  it("reads the list's query from its URL: the built filter AND a dashboard's, sort, search", () => {
    const f = writeFilter({ join: 'and', rows: [{ field: 'source', op: 'eq', value: 'douyin' }] })!;
    const report = { '==': [{ var: 'stage' }, 'won'] };
    const built = { '==': [{ var: 'source' }, 'douyin'] };
    const url = (q: Record<string, string>) => new URLSearchParams(q);
    expect(listParamsOf(url({ f, sort: '-createdAt', q: '王' }))).toEqual({
      filter: built,
      sort: '-createdAt',
      q: '王',
    });
    expect(listParamsOf(url({ f, filter: JSON.stringify(report) }))).toEqual({
      filter: { and: [report, built] },
    });
    expect(listParamsOf(url({ filter: JSON.stringify(report) }))).toEqual({ filter: report });
    // Nothing, or only what cannot be read: no filter at all (the same key as a plain list).
    expect(listParamsOf(url({ view: 'all-leads', filter: '{oops', f: '[' }))).toEqual({});
  });
});
