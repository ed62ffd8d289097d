import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type LazyPart<P> = LazyExoticComponent<ComponentType<P>> & {
  /** Asks for the part's code ahead of its first render (once; a failure asks again later). */
  preload: () => void;
};

/**
 * A component whose code comes in its own chunk, rendered under a Suspense boundary, that can
 * be asked for before it renders: a dialog or a popover's content a page shows only on a click,
 * loaded once the page's own content is on screen so the click finds it there.
 */
export function lazyPart<P>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const get = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const part = lazy(() => get().then((component) => ({ default: component })));
  return Object.assign(part, { preload: () => void get().catch(() => undefined) });
}
