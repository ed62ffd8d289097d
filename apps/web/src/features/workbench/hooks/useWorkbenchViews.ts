import { useQuery } from '@tanstack/react-query';
import { fetchViews } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';

/** Every view the user may run (the workbench's view panels pick theirs by key). */
export function useWorkbenchViews() {
  return useQuery({ queryKey: recordKeys.views(), queryFn: fetchViews, staleTime: 60_000 });
}
