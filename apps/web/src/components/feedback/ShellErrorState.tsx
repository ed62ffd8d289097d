import { lazy, Suspense, type ComponentProps } from 'react';

// The shell (and the list) shows an error page only when something failed: Ant Design's Result
// behind it loads then, not with the initial JS every page pays for or on the list's path.
const ErrorState = lazy(() => import('./ErrorState').then((m) => ({ default: m.ErrorState })));

/** ErrorState for the app shell (session guard, route errors) and the list, loaded on first use. */
export function ShellErrorState(props: ComponentProps<typeof ErrorState>) {
  return (
    <Suspense fallback={<div role="alert" aria-busy="true" />}>
      <ErrorState {...props} />
    </Suspense>
  );
}
