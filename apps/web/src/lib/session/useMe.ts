import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import { sessionKeys } from './keys';
import type { Me } from './types';

/** Who is signed in; `null` when nobody is (a 401 is an answer here, not an error). */
async function fetchMe(): Promise<Me | null> {
  try {
    return (await unwrap(api.GET('/api/v1/me'))) as unknown as Me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in user's query (also started by the router as it starts: app/session-loader). */
export const meQuery = { queryKey: sessionKeys.me(), queryFn: fetchMe, staleTime: 60_000 };

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user's rights; only call below the session guard (RequireSession). */
export function useSignedIn(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedIn outside a signed-in route');
  return data;
}
