import type { QueryClient } from '@tanstack/react-query';
// The hook's module, not the feature's index: the index would pull its pages into the shell.
import { viewsQuery } from '../features/records/hooks/useViews';
import { meQuery } from '../lib/session/useMe';
import { specQuery } from '../lib/session/useSpec';
import { usersQuery } from '../lib/session/useUsers';
import type { Me } from '../lib/session/types';

/**
 * Who is signed in, asked as the router starts (from the signed-in layout's loader) — while the
 * UI strings load and before anything renders — and, once someone is, what nearly every page
 * needs next: the spec, the views, people's names, all at once. A page's own loader awaits this
 * and then asks for its data, so a list's rows are on their way one round trip after `/me`
 * instead of after the shell and the page have rendered. Nobody signed in: null, and nothing
 * else is asked (a 401 cached for the spec would show for a moment after sign-in).
 */
export async function warmSession(client: QueryClient): Promise<Me | null> {
  const me = await client.ensureQueryData(meQuery).catch(() => null);
  if (!me) return null;
  void client.prefetchQuery(specQuery);
  void client.prefetchQuery(viewsQuery);
  void client.prefetchQuery(usersQuery);
  return me;
}
