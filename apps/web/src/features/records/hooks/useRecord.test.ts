import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { recordKeys } from '../../../lib/records/keys';
import { recordFromLists } from './useRecord';

const row = (id: string, name: string) => ({ id, version: 1, name });

describe('a record page opened from a list', () => {
  it('finds the row in any list the app holds: pages of a list or a board column, one page of a workbench panel', () => {
    const client = new QueryClient();
    client.setQueryData(recordKeys.list('all-leads', {}), {
      pages: [
        { items: [row('a', 'A')], nextCursor: 'x' },
        { items: [row('b', 'B')], nextCursor: null },
      ],
      pageParams: [null, 'x'],
    });
    client.setQueryData(recordKeys.list('my-leads', { limit: 5 } as never), {
      items: [row('c', 'C')],
      nextCursor: null,
    });
    expect(recordFromLists(client, 'b')).toEqual(row('b', 'B'));
    expect(recordFromLists(client, 'c')).toEqual(row('c', 'C'));
    expect(recordFromLists(client, 'nowhere')).toBeUndefined();
  });

  it('never takes a row from what is not a list (a record, its timeline, a search)', () => {
    const client = new QueryClient();
    client.setQueryData(recordKeys.detail('lead', 'other'), row('d', 'D'));
    client.setQueryData(recordKeys.search('D'), { items: [row('d', 'D')], nextCursor: null });
    // A list still loading holds no data yet.
    client.setQueryData(recordKeys.list('all-leads', { q: 'x' }), undefined);
    expect(recordFromLists(client, 'd')).toBeUndefined();
  });
});
