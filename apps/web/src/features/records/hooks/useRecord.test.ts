import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { recordKeys } from '../../../lib/records/keys';
import { recordFromLists, sharedWithListRow } from './useRecord';

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

  it("keeps the list's row as the record's first answer when they are equal, so nothing draws again", () => {
    const client = new QueryClient();
    const listed = row('a', 'A');
    client.setQueryData(recordKeys.list('all-leads', {}), { items: [listed], nextCursor: null });
    const share = sharedWithListRow(client, 'a');
    expect(share(undefined, row('a', 'A'))).toBe(listed);
    // Changed since the list was read: the answer, with the row's unchanged parts.
    const changed = { ...row('a', 'A2'), version: 2 };
    expect(share(undefined, changed)).toEqual(changed);
    expect(share(undefined, changed)).not.toBe(listed);
    // A later answer is compared with the previous one, not the list's row.
    const previous = row('a', 'A');
    expect(share(previous, row('a', 'A'))).toBe(previous);
    // Not in any list: the answer itself.
    const other = row('z', 'Z');
    expect(sharedWithListRow(client, 'z')(undefined, other)).toBe(other);
  });
});
