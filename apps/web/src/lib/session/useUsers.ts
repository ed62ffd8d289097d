import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { sessionKeys } from './keys';
import type { User } from './types';

// The API's largest page; its default is 50, and a workspace may have more people than that.
const PAGE = 200;

/**
 * Everyone in the workspace, every page of GET /api/v1/users. Owner names and assignment
 * pickers need the whole directory: a first page alone would leave the 51st person nameless
 * and impossible to choose.
 */
export async function fetchAllUsers(): Promise<User[]> {
  const out: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/users', {
        params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } },
      }),
    );
    out.push(...(page.items as User[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Everyone in the workspace, as the users query holds them (also prefetched by the shell). */
export const usersQuery = {
  queryKey: sessionKeys.users(),
  queryFn: fetchAllUsers,
  staleTime: 5 * 60_000,
};

/** Everyone in the workspace (owner names, assignment pickers), by id. */
export function useUsers() {
  const query = useQuery(usersQuery);
  const byId = useMemo(
    () => new Map((query.data ?? []).map((u) => [u.id, u] as const)),
    [query.data],
  );
  return { ...query, byId };
}
