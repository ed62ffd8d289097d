import type { QueryClient } from '@tanstack/react-query';
// The hook's module, not the feature's index: the index would pull its pages into the shell.
import { viewsQuery } from '../features/records/hooks/useViews';
import { meQuery } from '../lib/session/useMe';
import { specQuery } from '../lib/session/useSpec';
import { usersQuery } from '../lib/session/useUsers';
import type { Me } from '../lib/session/types';

/**
 * Who is signed in, asked as the router starts (from the signed-in layout's loader) — while the
 * UI strings load and before anything renders — and beside it what nearly every page needs
 * next: the spec, the views, people's names. A page's own loader awaits this and then asks for
 * its data, so a list's rows are on their way one round trip after `/me` instead of after the
 * shell and the page have rendered. The spec, views and names go out with `/me`, not after it:
 * a list draws nothing without its columns, and after `/me` they went out only once the page's
 * scripts had run and Chrome had written their code cache (~150 ms of main thread at an app's
 * first opening after sign-in). Nobody signed in: null, and their refused answers are dropped
 * (a 401 cached for the spec would show for a moment after sign-in).
 */
export async function warmSession(client: QueryClient): Promise<Me | null> {
  const known = client.getQueryData(meQuery.queryKey) !== undefined;
  const me = client.ensureQueryData(meQuery).catch(() => null);
  const askNext = () =>
    Promise.all([
      client.prefetchQuery(specQuery),
      client.prefetchQuery(viewsQuery),
      client.prefetchQuery(usersQuery),
    ]);
  if (known) {
    const signedIn = await me;
    if (signedIn) void askNext();
    return signedIn;
  }
  const asked = askNext();
  const signedIn = await me;
  if (!signedIn)
    void asked.then(() => {
      for (const key of [specQuery.queryKey, viewsQuery.queryKey, usersQuery.queryKey])
        client.removeQueries({ queryKey: key, exact: true });
    });
  return signedIn;
}
