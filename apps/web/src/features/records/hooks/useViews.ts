import { useQuery } from '@tanstack/react-query';
import { fetchViews } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';

/** The views query (also prefetched by the shell, alongside the spec). */
export const viewsQuery = { queryKey: recordKeys.views(), queryFn: fetchViews, staleTime: 60_000 };

/** The spec's views the user may read and the user's own saved views. */
export function useViews() {
  return useQuery(viewsQuery);
}
