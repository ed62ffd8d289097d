import { useLayoutEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';

type Options = Omit<
  VirtualizerOptions<HTMLDivElement, Element>,
  'onChange' | 'observeElementOffset' | 'scrollToFn' | 'observeElementRect'
> &
  Partial<Pick<VirtualizerOptions<HTMLDivElement, Element>, 'observeElementRect'>>;

/**
 * TanStack Virtual's virtualiser, mounted as its `useVirtualizer` mounts it, but a change of the
 * rows in view goes first to `moved`: when it answers true (it showed them itself, writing the
 * DOM), the component does not render; otherwise it renders, synchronously while scrolling as
 * `useVirtualizer` renders on every change. A list whose rows write themselves then renders only
 * when its window changes shape: rendering the rows' container on every scrolled frame (the
 * virtualiser's hook, the sorted window, its rows' props compared) was script the frame did not
 * need.
 */
export function useRowVirtualizer(
  options: Options,
  moved: (instance: Virtualizer<HTMLDivElement, Element>) => boolean,
): Virtualizer<HTMLDivElement, Element> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The latest `moved` (it reads the latest rows), kept after each render.
  const [latest] = useState(() => new Map<'moved', typeof moved>());
  useLayoutEffect(() => {
    latest.set('moved', moved);
  });
  const resolved: VirtualizerOptions<HTMLDivElement, Element> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      if (latest.get('moved')?.(instance)) return;
      if (sync) flushSync(rerender);
      else rerender();
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
