import { useEffect } from 'react';
import { usePrefetchQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { viewsQuery } from '../../features/records/hooks/useViews';
import { ShellErrorState as ErrorState } from '../../components/feedback/ShellErrorState';
import { LoadingState } from '../../components/feedback/LoadingState';
import { useLiveEvents } from '../../lib/live/useLiveEvents';
import { useMe } from '../../lib/session/useMe';
import { useSpec } from '../../lib/session/useSpec';
import { usersQuery } from '../../lib/session/useUsers';
import { RecordSlotsProvider } from '../../lib/records/record-slots';
import { preloadListCodeWhenIdle } from '../list-code';
import { prefetchRecordPagesOnIntent } from '../record-prefetch';
import { recordSlots } from '../record-slots';
import { AppShell } from './AppShell';

/** The session guard: nobody signed in goes to /login (and comes back after); then the shell. */
export function SignedInLayout() {
  const me = useMe();
  const spec = useSpec();
  if (me.isPending) return <LoadingState rows={8} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <ToLogin />;
  // No hook of the location here: the shell (menu, header) does not render again on every
  // navigation, only the page in the outlet and what follows the location itself (the menu's
  // highlight).
  return (
    <>
      <Prefetch />
      {spec.isPending ? (
        <LoadingState rows={8} />
      ) : spec.isError ? (
        <ErrorState error={spec.error} onRetry={() => void spec.refetch()} />
      ) : (
        <Live />
      )}
    </>
  );
}

/** To sign-in, coming back to the page asked for afterwards. */
function ToLogin() {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return (
    <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />
  );
}

/**
 * What nearly every page asks for next (the views, people's names), asked for as soon as the
 * user is known, alongside the spec, instead of after the page has rendered: one round trip
 * less before a list's first rows. Rendered once, above the shell.
 */
function Prefetch() {
  usePrefetchQuery(viewsQuery);
  usePrefetchQuery(usersQuery);
  return null;
}

/**
 * The shell with the live event stream open while someone is signed in, record pages asked
 * for as a pointer rests on a link to one, and the list's code once the first page is shown.
 */
function Live() {
  useLiveEvents();
  useEffect(() => prefetchRecordPagesOnIntent(document), []);
  useEffect(() => preloadListCodeWhenIdle(), []);
  return (
    <RecordSlotsProvider value={recordSlots}>
      <AppShell>
        <Outlet />
      </AppShell>
    </RecordSlotsProvider>
  );
}
