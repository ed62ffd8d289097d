import { useRouteError } from 'react-router';
import { ShellErrorState as ErrorState } from '../../components/feedback/ShellErrorState';

/** A page that failed to load or render: what failed and a reload (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  return <ErrorState error={error} onRetry={() => window.location.reload()} />;
}
