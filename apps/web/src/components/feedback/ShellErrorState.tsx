import { lazy, Suspense, type ComponentProps } from 'react';

// The shell shows an error page only when something failed: Ant Design's Result behind it loads
// then, not with the initial JS every page pays for.
const ErrorState = lazy(() => import('./ErrorState').then((m) => ({ default: m.ErrorState })));

/** ErrorState for the app shell (session guard, route errors), loaded on first use. */
export function ShellErrorState(props: ComponentProps<typeof ErrorState>) {
  return (
    <Suspense fallback={<div role="alert" aria-busy="true" />}>
      <ErrorState {...props} />
    </Suspense>
  );
}
