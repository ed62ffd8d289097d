import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { sessionKeys } from './keys';
import type { User } from './types';

/** Everyone in the workspace, as the users query holds them (also prefetched by the shell). */
export const usersQuery = {
  queryKey: sessionKeys.users(),
  queryFn: async () => (await unwrap(api.GET('/api/v1/users'))).items as User[],
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
