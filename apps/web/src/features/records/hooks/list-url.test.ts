import { describe, expect, it } from 'vitest';
import { readFilter, readSort, writeFilter, writeSort } from './list-url';

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
});
