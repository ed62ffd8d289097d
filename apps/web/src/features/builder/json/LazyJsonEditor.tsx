import { lazy, Suspense } from 'react';
import { LoadingState } from '../../../components/feedback/LoadingState';
import type { JsonEditorProps } from './JsonEditor';

// Monaco is megabytes: it loads only when a JSON tab is opened.
const JsonEditor = lazy(() => import('./JsonEditor'));

/** The JSON editor, loaded on first use. */
export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<LoadingState rows={6} />}>
      <JsonEditor {...props} />
    </Suspense>
  );
}
