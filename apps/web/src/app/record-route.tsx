import { Suspense, use } from 'react';
import { useParams } from 'react-router';
import { LoadingState } from '../components/feedback/LoadingState';
// The hooks' module, not the feature's index: the index would pull its pages into the shell.
import { usePrefetchRecordPage } from '../features/records/hooks/useRecord';
import { loadRecordsFeature } from './records-feature';

/**
 * `/records/:entity/:id`. Not a lazy route with a loader: the router then went through its
 * loading state (rendering the list being left once more) and waited a task for the route's
 * code and the loader before rendering, ~60 ms after the click on two busy cores. Here the click
 * renders the record page in one pass when its code is there (it is, from a list), and its
 * requests start in that same render when nothing asked for them before.
 */
export function RecordRoute() {
  return (
    <Suspense fallback={<LoadingState rows={10} />}>
      <RecordRoutePage />
    </Suspense>
  );
}

function RecordRoutePage() {
  const { entity = '', id = '' } = useParams();
  usePrefetchRecordPage(entity, id);
  const { RecordPage } = use(loadRecordsFeature());
  return <RecordPage />;
}
